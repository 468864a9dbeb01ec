import { type AnalysisContext, analyzeFile, type Site } from '../analyze/analyze-file.js';
import { type ClientOptions, type OptionImport, readClientOptions } from '../analyze/client-options.js';
import { parseSource } from '../analyze/parse.js';
import { siteKey } from '../analyze/site-fingerprint.js';
import { position, type SiteVerdict } from '../analyze/site-verdict.js';
import { ProjectError } from '../core/errors.js';
import { moduleKeyOf } from '../core/paths.js';
import type { FileChange, Finding, Skip, SourceText, Warning } from '../core/types.js';
import type { ProjectFacts } from '../discover/project-facts.js';
import { rewriteFile } from '../rewrite/rewrite-file.js';
import { detectStyle, type CodeStyle } from '../rewrite/style.js';
import type { Target } from './client-targets.js';
import { connectsElsewhere } from './default-connection.js';
import { moduleSyntaxOf } from './module-system.js';
import { isStackOverflow, tooDeepSkip } from './nesting.js';
import { clientModuleKey } from './singleton-options.js';

/** A target with the specifier each file uses for it. */
export interface WiredTarget extends Target {
  /** The specifier for a file at `path`: the project's alias, or a relative path. */
  readonly specifierFor: (path: string) => string;
}

/** What pass 2 learned about one target's sites. */
export interface TargetUse {
  /** How many sites each client module path (package or root-relative) provided, among those rewritten. */
  readonly clientModuleCounts: Map<string, number>;
  /** The options of one rewritten site that has the singleton's options (undefined when they are none). */
  representative: ClientOptions | undefined;
  rewritten: number;
  /** Env loaders some rewritten site needed first (env-order.ts), by module specifier as written. */
  readonly envImports: OptionImport[];
  /**
   * Some rewritten site read PrismaClient off the client module's default export (`import pkg from '@prisma/client';
   * const { PrismaClient } = pkg`): the CommonJS interop that Prisma 3 and older need under Node's ES modules.
   */
  defaultImported: boolean;
}

/** What pass 2 produced. */
export interface Rewrites {
  readonly changes: readonly FileChange[];
  readonly findings: readonly Finding[];
  readonly warnings: readonly Warning[];
  /** Files the rewrite could not handle (nested too deeply for it). */
  readonly skipped: readonly Skip[];
  /** Each rewritten file's style, for the files the tool creates. */
  readonly styles: readonly CodeStyle[];
  /** By client module. */
  readonly uses: ReadonlyMap<string, TargetUse>;
}

interface Context {
  readonly project: ProjectFacts;
  readonly analysis: AnalysisContext;
  readonly findingsOnly: boolean;
}

type Out = { changes: FileChange[]; findings: Finding[]; warnings: Warning[]; styles: CodeStyle[]; skipped: Skip[] };

/**
 * Pass 2: records the finding of every site and, unless `findingsOnly`, rewrites each file whose sites join a
 * singleton (parsed once more; once per client when a file constructs two), refusing any rewrite that would not
 * parse. A file nested too deeply for the rewrite is a skip, its sites left for a person.
 */
export function rewriteFiles(
  files: readonly SourceText[],
  verdicts: ReadonlyMap<string, readonly SiteVerdict[]>,
  targets: readonly WiredTarget[],
  context: Context,
): Rewrites {
  const out: Out = { changes: [], findings: [], warnings: [], styles: [], skipped: [] };
  const uses = new Map(
    targets.map((t): [string, TargetUse] => [
      t.clientModule,
      { clientModuleCounts: new Map(), representative: undefined, rewritten: 0, envImports: [], defaultImported: false },
    ]),
  );
  const targetOf = new Map(targets.map((t) => [t.clientModule, t]));
  for (const file of files) {
    const list = verdicts.get(file.path);
    if (!list) continue;
    const merging = new Map<WiredTarget, SiteVerdict[]>();
    for (const judged of list) {
      const { finding, verdict } = judged;
      const target = targetOf.get(judged.clientModule);
      if (!verdict.merge) out.findings.push({ ...finding, action: verdict.action, reason: verdict.reason });
      else if (!target || (verdict.options.key !== '' && verdict.options.key !== target.key) || joinsElsewhere(verdict, target, context)) {
        out.findings.push({ ...finding, action: 'review', reason: 'connection-options-differ' });
      } else {
        merging.set(target, [...(merging.get(target) ?? []), judged]);
        if (context.findingsOnly) out.findings.push({ ...finding, action: 'rewrite' });
      }
    }
    if (context.findingsOnly) {
      for (const [target, sites] of merging) {
        const use = uses.get(target.clientModule);
        if (use) use.rewritten += sites.length;
      }
      continue;
    }
    if (merging.size > 0) rewriteAll(file, targets, merging, uses, out, context);
  }
  return { ...out, uses };
}

/** A site with no connection options of its own would move onto a singleton that connects to another database. */
function joinsElsewhere(verdict: SiteVerdict['verdict'], target: WiredTarget, context: Context): boolean {
  return verdict.merge && verdict.options.key === '' && connectsElsewhere(target.key, context.project.datasourceUrlEnv);
}

/** Rewrites one file for each target that has sites in it, in turn, and records what came of it. */
function rewriteAll(
  file: SourceText,
  targets: readonly WiredTarget[],
  merging: Map<WiredTarget, SiteVerdict[]>,
  uses: Map<string, TargetUse>,
  out: Out,
  context: Context,
): void {
  let text = file.text;
  const findings: Finding[] = [];
  const warnings: Warning[] = [];
  try {
    for (const target of targets) {
      const chosen = merging.get(target);
      const use = uses.get(target.clientModule);
      if (!chosen || !use) continue;
      const result = rewriteOne({ path: file.path, text }, chosen, target, context);
      findings.push(...result.findings);
      warnings.push(...result.warnings);
      use.rewritten += result.rewritten.length;
      for (const site of result.rewritten) {
        const moduleKey = clientModuleKey(site.site);
        use.clientModuleCounts.set(moduleKey, (use.clientModuleCounts.get(moduleKey) ?? 0) + 1);
        if (!use.representative && site.options?.key === target.key && target.key !== '') use.representative = site.options;
        use.envImports.push(...(site.options?.envImports ?? []));
        if (site.site.kind === 'default-import') use.defaultImported = true;
      }
      text = result.after ?? text;
    }
  } catch (error) {
    if (!isStackOverflow(error)) throw error;
    out.skipped.push(tooDeepSkip(file.path, undefined, 'the rewrite ran out of stack'));
    for (const chosen of merging.values())
      out.findings.push(...chosen.map((v) => ({ ...v.finding, action: 'review' as const, reason: 'file-not-written' as const })));
    return;
  }
  out.findings.push(...findings);
  out.warnings.push(...warnings);
  if (text === file.text) return;
  out.changes.push({ path: file.path, before: file.text, after: text });
  out.styles.push(detectStyle(parseSource(file.path, file.text).sourceFile));
}

/** Whether `specifier`, written in the file at `fromPath`, loads the target's module (its package, for a shared one). */
function namesTarget(specifier: string, fromPath: string, target: WiredTarget, context: Context): boolean {
  if (target.packageName !== undefined) return specifier === target.packageName;
  const resolved = context.analysis.modules.resolve(specifier, fromPath);
  return resolved !== undefined && moduleKeyOf(resolved) === moduleKeyOf(target.path);
}

interface OneRewrite {
  readonly findings: Finding[];
  readonly warnings: Warning[];
  readonly rewritten: Array<{ readonly site: Site; readonly options: ClientOptions | undefined }>;
  readonly after: string | undefined;
}

/**
 * Rewrites one client's sites in the file's current text. The sites are matched to their first-pass verdicts by
 * their index among the file's sites of that client, which a rewrite of another client's sites does not change.
 */
function rewriteOne(file: SourceText, chosen: readonly SiteVerdict[], target: WiredTarget, context: Context): OneRewrite {
  const { sourceFile } = parseSource(file.path, file.text);
  const analysis = analyzeFile(sourceFile, context.analysis);
  const ofClient = analysis.sites.filter((site) => site.clientModule === target.clientModule);
  const byOrdinal = new Map(chosen.map((verdict) => [verdict.ordinal, verdict]));
  const sites = ofClient.filter((_, ordinal) => byOrdinal.has(ordinal));
  const verdictOf = (site: Site): SiteVerdict | undefined => byOrdinal.get(ofClient.indexOf(site));
  const siteOptions = sites.map((site) => readClientOptions(site, analysis));
  const specifier = target.specifierFor(file.path);
  const rewrite = rewriteFile({
    analysis,
    sites,
    specifier,
    importsSingleton: (written) => written === specifier || namesTarget(written, file.path, target, context),
    exportName: target.exportName,
    syntax: moduleSyntaxOf(file, context.project),
    dependencies: siteOptions.flatMap((o) => (o.ok ? o.options.dependencies : [])),
  });
  const result: OneRewrite = { findings: [], warnings: [], rewritten: [], after: undefined };
  for (const outcome of rewrite.outcomes) {
    const judged = verdictOf(outcome.site);
    const at = judged?.finding ?? {
      path: file.path,
      ...position(outcome.site),
      kind: outcome.site.kind,
      clientModule: outcome.site.clientModule,
      fingerprint: siteKey(outcome.site.node),
    };
    result.findings.push({ ...at, action: outcome.action, ...(outcome.reason ? { reason: outcome.reason } : {}) });
    if (outcome.action !== 'rewrite') continue;
    const read = siteOptions[sites.indexOf(outcome.site)];
    const envImports = judged?.verdict.merge ? judged.verdict.options.envImports : [];
    const options = read?.ok ? { ...read.options, envImports } : undefined;
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
  return { ...result, after: rewrite.after };
}
