import { type AnalysisContext, analyzeFile, type Site } from '../analyze/analyze-file.js';
import { readClientOptions, type ClientOptions } from '../analyze/client-options.js';
import { parseSource } from '../analyze/parse.js';
import { siteKey } from '../analyze/site-fingerprint.js';
import { position, type SiteVerdict } from '../analyze/site-verdict.js';
import { ProjectError } from '../core/errors.js';
import type { FileChange, Finding, Skip, SourceText, Warning } from '../core/types.js';
import type { ProjectFacts } from '../discover/project-facts.js';
import { rewriteFile } from '../rewrite/rewrite-file.js';
import { detectStyle, type CodeStyle } from '../rewrite/style.js';
import { usesRequire } from './module-system.js';
import { isStackOverflow, tooDeepSkip } from './nesting.js';
import { clientModuleKey } from './singleton-options.js';

/** How every rewritten file reaches the singleton. */
export interface Target {
  readonly exportName: string;
  /** The specifier for a file at `path`: the project's alias, or a relative path. */
  readonly specifierFor: (path: string) => string;
  /** Whether sites with these connection options join the singleton. */
  readonly accepts: (key: string) => boolean;
  /** The client module the singleton is built from: sites of another client never join it. */
  readonly clientModule: string | undefined;
  /** The options key the singleton is built with. */
  readonly key: string;
}

/** What pass 2 produced. */
export interface Rewrites {
  readonly changes: readonly FileChange[];
  readonly findings: readonly Finding[];
  readonly warnings: readonly Warning[];
  /** Files the rewrite could not handle (nested too deeply for it). */
  readonly skipped: readonly Skip[];
  /** Each rewritten file's style, for the file the tool creates. */
  readonly styles: readonly CodeStyle[];
  /** How many sites each client module (package or root-relative path) provided, among those rewritten. */
  readonly clientModuleCounts: ReadonlyMap<string, number>;
  /** The options of one rewritten site that has the singleton's options (undefined when they are none). */
  readonly representative: ClientOptions | undefined;
  readonly rewritten: number;
}

/**
 * Pass 2: records the finding of every site and, unless `findingsOnly`, rewrites each file whose sites join the
 * singleton (parsed once more), refusing any rewrite that would not parse.
 */
export function rewriteFiles(
  files: readonly SourceText[],
  verdicts: ReadonlyMap<string, readonly SiteVerdict[]>,
  target: Target,
  context: { readonly project: ProjectFacts; readonly analysis: AnalysisContext; readonly findingsOnly: boolean },
): Rewrites {
  const out = { changes: [] as FileChange[], findings: [] as Finding[], warnings: [] as Warning[], styles: [] as CodeStyle[], skipped: [] as Skip[] };
  const clientModuleCounts = new Map<string, number>();
  let representative: ClientOptions | undefined;
  let rewritten = 0;
  for (const file of files) {
    const list = verdicts.get(file.path);
    if (!list) continue;
    const otherClient = (v: SiteVerdict): boolean => target.clientModule !== undefined && v.finding.clientModule !== target.clientModule;
    const merging = list.filter((v) => v.verdict.merge && target.accepts(v.verdict.options.key) && !otherClient(v));
    for (const v of list) {
      const { finding, verdict } = v;
      if (!verdict.merge) out.findings.push({ ...finding, action: verdict.action, reason: verdict.reason });
      else if (otherClient(v)) out.findings.push({ ...finding, action: 'review', reason: 'other-client-module' });
      else if (!target.accepts(verdict.options.key)) out.findings.push({ ...finding, action: 'review', reason: 'connection-options-differ' });
      else if (context.findingsOnly) out.findings.push({ ...finding, action: 'rewrite' });
    }
    if (context.findingsOnly) rewritten += merging.length;
    if (merging.length === 0 || context.findingsOnly) continue;
    let result: OneFile;
    try {
      result = rewriteOne(file, merging, target, context);
    } catch (error) {
      if (!isStackOverflow(error)) throw error;
      out.skipped.push(tooDeepSkip(file.path, undefined));
      out.findings.push(...merging.map((v) => ({ ...v.finding, action: 'review' as const, reason: 'file-not-written' as const })));
      continue;
    }
    out.findings.push(...result.findings);
    out.warnings.push(...result.warnings);
    rewritten += result.rewritten.length;
    for (const site of result.rewritten) {
      const moduleKey = clientModuleKey(site.site);
      clientModuleCounts.set(moduleKey, (clientModuleCounts.get(moduleKey) ?? 0) + 1);
      if (!representative && site.options?.key === target.key && target.key !== '') representative = site.options;
    }
    if (result.change) {
      out.changes.push(result.change);
      out.styles.push(result.style);
    }
  }
  return { ...out, clientModuleCounts, representative, rewritten };
}

interface OneFile {
  readonly findings: Finding[];
  readonly warnings: Warning[];
  readonly rewritten: Array<{ readonly site: Site; readonly options: ClientOptions | undefined }>;
  readonly change: FileChange | undefined;
  readonly style: CodeStyle;
}

function rewriteOne(
  file: SourceText,
  merging: readonly SiteVerdict[],
  target: Target,
  context: { readonly project: ProjectFacts; readonly analysis: AnalysisContext },
): OneFile {
  const { sourceFile } = parseSource(file.path, file.text);
  const analysis = analyzeFile(sourceFile, context.analysis);
  const chosen = new Set(merging.map((v) => `${v.finding.line}:${v.finding.column}`));
  const sites = analysis.sites.filter((site) => {
    const { line, column } = position(site);
    return chosen.has(`${line}:${column}`);
  });
  const siteOptions = sites.map((site) => readClientOptions(site, analysis));
  const rewrite = rewriteFile({
    analysis,
    sites,
    specifier: target.specifierFor(file.path),
    exportName: target.exportName,
    commonJs: usesRequire(file, context.project),
    dependencies: siteOptions.flatMap((o) => (o.ok ? o.options.dependencies : [])),
  });
  const result: OneFile = { findings: [], warnings: [], rewritten: [], change: undefined, style: detectStyle(sourceFile) };
  for (const outcome of rewrite.outcomes) {
    const at = { path: file.path, ...position(outcome.site), kind: outcome.site.kind, clientModule: outcome.site.clientModule };
    const fingerprint = siteKey(outcome.site.node);
    result.findings.push({ ...at, fingerprint, action: outcome.action, ...(outcome.reason ? { reason: outcome.reason } : {}) });
    if (outcome.action !== 'rewrite') continue;
    const read = siteOptions[sites.indexOf(outcome.site)];
    const options = read?.ok ? read.options : undefined;
    result.rewritten.push({ site: outcome.site, options });
    if (options && options.dropped.length > 0) {
      result.warnings.push({
        path: at.path,
        line: at.line,
        column: at.column,
        kind: 'options-dropped',
        detail: options.dropped.join(', '),
        needsPerson: false,
      });
    }
  }
  for (const use of rewrite.uses) {
    result.warnings.push({ path: file.path, ...position({ node: use.node }), kind: use.kind, needsPerson: use.kind === 'disconnect-kept' });
  }
  if (rewrite.after === null) return result;
  const check = parseSource(file.path, rewrite.after);
  if (check.error) {
    throw new ProjectError(
      `refusing to write ${file.path}: the rewrite would not parse (${check.error.line}:${check.error.column} ${check.error.message}); nothing was written`,
    );
  }
  return { ...result, change: { path: file.path, before: file.text, after: rewrite.after } };
}
