import { ts } from '#typescript';
import type { FileAnalysis, Site } from './analyze-file.js';
import { readClientOptions, type ClientOptions } from './client-options.js';
import { declaresNodeRuntime, isEdgeModule } from './edge-runtime.js';
import { envOrder } from './env-order.js';
import { reviewReason } from './placement.js';
import { siteKey } from './site-fingerprint.js';
import { isWrapper } from './expressions.js';
import { hasIgnoreComment } from './ignore-comment.js';
import { isComponentPath } from '../core/paths.js';
import type { FileRole, Finding, ReasonId } from '../core/types.js';

const ROLE_REASON: Readonly<Record<Exclude<FileRole, 'app'>, ReasonId>> = { test: 'role-test', seed: 'role-seed', script: 'role-script' };

/** A site as the first pass saw it: where it is, and whether and with which options it may join the singleton. */
export interface SiteVerdict {
  readonly finding: Omit<Finding, 'action' | 'reason'>;
  /** Which client the site constructs (ClientModules.identify). */
  readonly clientModule: string;
  /** The site's index among the file's sites of the same client, which a rewrite of another client's sites keeps. */
  readonly ordinal: number;
  readonly verdict:
    | { readonly merge: true; readonly options: ClientOptions }
    | { readonly merge: false; readonly action: 'review' | 'allowed'; readonly reason: ReasonId };
}

/** Decides, before any rewrite, what happens to one site. */
export function judgeSite(
  site: Site,
  analysis: FileAnalysis,
  ordinal: number,
  context: {
    readonly role: FileRole;
    readonly all: boolean;
    readonly javascriptBlocked: boolean;
    readonly edgeEntry: boolean;
    /** A default-exported `{ fetch }` starts a long-lived server here (Bun), not a Worker. */
    readonly fetchServes?: boolean;
  },
): SiteVerdict {
  const { role, all, javascriptBlocked } = context;
  const path = analysis.sourceFile.fileName;
  const finding = { path, ...position(site), kind: site.kind, clientModule: site.clientModule, fingerprint: siteKey(site.node) };
  const judged = (verdict: SiteVerdict['verdict']): SiteVerdict => ({ finding, clientModule: site.clientModule, ordinal, verdict });
  if (role !== 'app' && !all) return judged({ merge: false, action: 'allowed', reason: ROLE_REASON[role] });
  if (hasIgnoreComment(site.node)) return judged({ merge: false, action: 'allowed', reason: 'ignore-comment' });
  const edgeEntry = context.edgeEntry && !declaresNodeRuntime(analysis.sourceFile);
  if (edgeEntry || isEdgeModule(analysis.sourceFile, context.fetchServes)) return judged({ merge: false, action: 'allowed', reason: 'edge-runtime' });
  // The edge entry (`@prisma/client/edge`) alone says nothing of the runtime: Accelerate projects import it on Node too.
  if (site.edge) return judged({ merge: false, action: 'review', reason: 'edge-client-unknown-runtime' });
  if (isComponentPath(path)) return judged({ merge: false, action: 'review', reason: 'component-file' });
  if (exportsSeveralClients(site, analysis)) return judged({ merge: false, action: 'review', reason: 'several-exported-clients' });
  if (site.review) return judged({ merge: false, action: 'review', reason: site.review });
  if (javascriptBlocked) return judged({ merge: false, action: 'review', reason: 'javascript-cannot-load-typescript' });
  const read = readClientOptions(site, analysis);
  if (!read.ok) return judged({ merge: false, action: 'review', reason: read.reason });
  const reason = reviewReason(site, analysis);
  if (reason) return judged({ merge: false, action: 'review', reason });
  const order = envOrder(site, analysis, clientImportOf(site));
  if (order.kind === 'unsafe') return judged({ merge: false, action: 'review', reason: 'env-changed-before-client' });
  return judged({ merge: true, options: order.kind === 'carry' ? { ...read.options, envImports: order.imports } : read.options });
}

/** A node's 1-based line and column. */
export function position(site: { readonly node: ts.Node }): { line: number; column: number } {
  const sourceFile = site.node.getSourceFile();
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(site.node.getStart());
  return { line: line + 1, column: character + 1 };
}

/** The import declaration the site's client came from, if it came from one. */
function clientImportOf(site: Site): ts.Node | undefined {
  const declaration = site.binding?.declaration;
  return declaration && ts.isImportDeclaration(declaration) ? declaration : undefined;
}

/**
 * The site is one of two or more clients the module builds at its top level and exports with different options
 * (`export const httpDb = new PrismaClient({ adapter: http })`, `export const wsDb = new PrismaClient({ adapter: ws
 * })`), none marked intentional: the project's own shared module, offering a client per transport, which no
 * rewrite should fold into one. The same client exported twice is a duplicate, rewritten as any other.
 */
function exportsSeveralClients(site: Site, analysis: FileAnalysis): boolean {
  const exported = analysis.sites.filter((s) => exportedAtTopLevel(s.node) && !hasIgnoreComment(s.node));
  if (exported.length < 2 || !exported.includes(site)) return false;
  const keys = new Set(
    exported.map((s, index) => {
      const read = readClientOptions(s, analysis);
      return read.ok ? read.options.key : `unread:${index}`;
    }),
  );
  return keys.size >= 2;
}

function exportedAtTopLevel(node: ts.Node): boolean {
  let holder = node.parent;
  while (isWrapper(holder)) holder = holder.parent;
  if (!ts.isNewExpression(node) || !ts.isVariableDeclaration(holder)) return false;
  const statement = holder.parent.parent;
  return (
    ts.isVariableStatement(statement) &&
    ts.isSourceFile(statement.parent) &&
    (statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false)
  );
}
