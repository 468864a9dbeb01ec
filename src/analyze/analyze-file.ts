import type { ts } from 'ts-morph';
import type { ExportedClass } from './bindings.js';
import { type AnalysisContext, ClientValues } from './client-values.js';
import { exportedClasses } from './project-classes.js';
import { Scopes } from './scope.js';
import { collectSites, type Site } from './sites.js';

export { clientBindings } from './sites.js';

export type { ClientBinding } from './bindings.js';
export type { Site } from './sites.js';
export type { AnalysisContext } from './client-values.js';

/** The syntax facts about one file that the verdicts and the rewrite need; pure data over one parsed tree. */
export interface FileAnalysis {
  readonly sourceFile: ts.SourceFile;
  readonly scopes: Scopes;
  /** What each name and expression of the file holds, evaluated on demand. */
  readonly values: ClientValues;
  readonly sites: readonly Site[];
  /** The client classes the file exports, by export name. */
  readonly exports: ReadonlyMap<string, ExportedClass>;
  /** The module specifiers the file imports, requires or re-exports, as written. */
  readonly specifiers: ReadonlySet<string>;
}

/** Finds every client binding and every construction through one, by syntax and lexical scope. */
export function analyzeFile(sourceFile: ts.SourceFile, context: AnalysisContext): FileAnalysis {
  const scopes = new Scopes();
  const values = new ClientValues(sourceFile, scopes, context);
  const { sites, specifiers } = collectSites(sourceFile, values);
  return { sourceFile, scopes, values, sites, exports: exportedClasses(sourceFile, values), specifiers };
}
