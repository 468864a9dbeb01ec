import { type AnalysisContext, analyzeFile, type FileAnalysis } from '../analyze/analyze-file.js';
import { importedName, type NestModule, nestModules } from '../analyze/nest-classes.js';
import { parseSource } from '../analyze/parse.js';
import { roleOf } from '../analyze/roles.js';
import { comparePaths, moduleKeyOf } from '../core/paths.js';
import type { FileRole, SourceText } from '../core/types.js';
import type { ModuleResolver } from '../discover/module-resolver.js';
import type { ProjectFacts } from '../discover/project-facts.js';
import { ts } from '#typescript';

/** A class by the file that declares it and its name. */
export interface ClassRef {
  readonly path: string;
  readonly name: string;
}

/** One `@Module()` class with the file it is in. */
export interface LocatedModule extends NestModule {
  readonly path: string;
  readonly analysis: FileAnalysis;
}

/**
 * What the Nest planner reads of a project: the candidate files and the files that declare modules or bootstrap,
 * each parsed once on demand; which class an identifier names; the role of each file.
 */
export class NestContext {
  private readonly parsed = new Map<string, FileAnalysis | null>();
  readonly files: ReadonlyMap<string, SourceText>;

  constructor(
    files: readonly SourceText[],
    private readonly analysis: AnalysisContext,
    private readonly resolver: ModuleResolver,
    private readonly project: ProjectFacts,
    private readonly roles: ReadonlyMap<string, FileRole> | undefined,
  ) {
    this.files = new Map(files.map((f) => [f.path, f]));
  }

  /** The file's analysis; undefined when it is not read or does not parse (its skip is reported elsewhere). */
  analyse(path: string): FileAnalysis | undefined {
    const known = this.parsed.get(path);
    if (known !== undefined) return known ?? undefined;
    const file = this.files.get(path);
    let result: FileAnalysis | null = null;
    if (file) {
      try {
        const parsed = parseSource(file.path, file.text);
        if (!parsed.error) result = analyzeFile(parsed.sourceFile, this.analysis);
      } catch {
        // Nested too deeply for the parser: the first pass already named it among the skipped files.
      }
    }
    this.parsed.set(path, result);
    return result ?? undefined;
  }

  role(path: string): FileRole {
    return this.roles?.get(path) ?? roleOf(path, this.project.seedPaths);
  }

  /** Every `@Module()` class of the application's files (tests, seeds and scripts build their own), by path. */
  modules(): LocatedModule[] {
    const out: LocatedModule[] = [];
    for (const path of [...this.files.keys()].sort(comparePaths)) {
      if (this.role(path) !== 'app') continue;
      const analysis = this.analyse(path);
      if (analysis) out.push(...nestModules(analysis.sourceFile, analysis.scopes).map((m) => ({ ...m, path, analysis })));
    }
    return out;
  }

  /** The module key a specifier written in `fromPath` names, when it is a project file. */
  resolve(specifier: string, fromPath: string): string | undefined {
    return this.resolver.resolve(specifier, fromPath);
  }

  /** Whether the identifier (in `fromPath`) names the class: declared in the same file, or imported from its module (or through a barrel `also` accepts). */
  names(identifier: ts.Identifier, fromPath: string, analysis: FileAnalysis, target: ClassRef, also?: (key: string, name: string) => boolean): boolean {
    const imported = importedName(identifier, analysis.scopes);
    if (!imported) {
      const declared = analysis.scopes.findDeclaration(identifier.text, identifier);
      return fromPath === target.path && identifier.text === target.name && declared !== undefined && ts.isClassDeclaration(declared.parent);
    }
    const key = this.resolve(imported.specifier, fromPath);
    if (key === undefined) return false;
    const targetKey = moduleKeyOf(target.path);
    // Through a barrel above it (`import { DbModule } from '@app/db'`, libs/db/src/index.ts): the same class, by name.
    const same = key === targetKey || targetKey.startsWith(`${key}/`);
    return (same && imported.name === target.name) || (also?.(key, imported.name) ?? false);
  }
}
