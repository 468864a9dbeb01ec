import { posix } from 'node:path';
import { analyzeFile, type Site } from './analyze.js';
import { clientModules } from './client-module.js';
import { ProjectError } from './errors.js';
import { parseSource } from './parse.js';
import type { ProjectFacts } from './project-config.js';
import { roleOf } from './roles.js';
import { chooseOptionsKey, clientModuleKey, defaultAdapterOptions, majorityStyle, renderOptionImport, singletonClientSpecifier } from './singleton-choice.js';
import { singletonExportName } from './singleton-module.js';
import { judgeSite, position, type SiteVerdict } from './site-verdict.js';
import { aliasSpecifier, majorityExtension, relativeSpecifier, type ExtensionRule } from './transform/import-path.js';
import { readClientOptions, type ClientOptions } from './transform/options.js';
import { rewriteFile } from './transform/rewrite-file.js';
import { renderSingleton } from './transform/singleton.js';
import { detectStyle, type CodeStyle } from './transform/style.js';
import type { FileChange, Finding, Plan, Skip, SourceText, Warning } from './types.js';

/** Choices that shape the plan. */
export interface PlanOptions {
  /** Root-relative path of the singleton; undefined picks `src/lib/prisma.ts` or `lib/prisma.ts`. */
  readonly singletonPath: string | undefined;
  /** Migrate tests, seeds and scripts too. */
  readonly all: boolean;
  /** Force the extension of the new import paths. */
  readonly importExtension: ExtensionRule | undefined;
  /** Decide every finding but write no rewrite (--check): the second pass over the files is skipped. */
  readonly findingsOnly?: boolean;
}

/** Everything the planner reads; scan builds it, tests build it by hand. */
export interface PlanInput {
  /** Candidate files (they mention PrismaClient), sorted by path. */
  readonly files: readonly SourceText[];
  /** Files scan already passed over. */
  readonly skipped: readonly Skip[];
  readonly project: ProjectFacts;
  /** The target has a `src/` folder. */
  readonly hasSrcDir: boolean;
  /** Every source file under the root, candidate or not. */
  readonly sourcePaths: ReadonlySet<string>;
  /** Module specifiers seen across the project, to learn its habits: extensions and path aliases. */
  readonly specifiers: readonly string[];
  readonly options: PlanOptions;
}

/**
 * Analyses every candidate and plans the whole change in memory: which sites share the singleton (those whose
 * connection options agree), the rewritten texts, the singleton file, and every finding. Writes nothing.
 */
export function buildPlan(input: PlanInput): Plan {
  const { project, options } = input;
  if (project.prismaMajor !== undefined && project.prismaMajor >= 8) {
    throw new ProjectError(`this project uses Prisma ${project.prismaMajor}; prisma-singleton-codemod targets Prisma 4 to 7, where PrismaClient exists`);
  }
  const modules = clientModules(project.generatorOutputs);
  const singletonPath = options.singletonPath ?? defaultSingletonPath(input);
  const existing = input.files.find((file) => file.path === singletonPath);
  if (!existing && input.sourcePaths.has(singletonPath)) {
    throw new ProjectError(`${singletonPath} exists but does not create a PrismaClient; pass --singleton <path> to choose another file`);
  }
  // The project's own habit first, then Prisma's generator rule from the tsconfig; plain ESM JavaScript needs `.js`.
  const extension = options.importExtension ?? majorityExtension(input.specifiers) ?? project.tsconfigExtension ?? (project.esmPackage ? 'js' : 'none');
  const alias = aliasSpecifier(singletonPath, project.pathAliases, input.specifiers, extension);
  const typescriptSingleton = /\.[cm]?tsx?$/.test(singletonPath);
  const skipped: Skip[] = [...input.skipped];
  const leftAlone = { test: 0, seed: 0, script: 0 };
  const verdicts = new Map<string, SiteVerdict[]>();

  // Pass 1: every site's verdict, with no syntax tree kept (a large project must not hold them all at once).
  let existingKey: string | undefined;
  let existingExport: string | undefined;
  for (const file of input.files) {
    const parsed = parseSource(file.path, file.text);
    if (parsed.error) {
      const { line, column, message } = parsed.error;
      skipped.push({ path: file.path, reason: 'parse-error', line, column, detail: message });
      continue;
    }
    const analysis = analyzeFile(parsed.sourceFile, modules);
    if (file.path === singletonPath) {
      const [site] = analysis.sites;
      const read = site ? readClientOptions(site, analysis) : undefined;
      existingKey = read?.ok ? read.options.key : undefined;
      existingExport = singletonExportName(analysis);
      continue;
    }
    if (analysis.sites.length === 0) continue;
    const role = roleOf(file.path, project.seedPaths);
    if (role !== 'app' && !options.all) leftAlone[role] += 1;
    const javascriptBlocked = typescriptSingleton && /\.[cm]?jsx?$/.test(file.path) && (usesRequire(file, project) || !project.allowJs);
    verdicts.set(file.path, analysis.sites.map((site) => judgeSite(site, analysis, role, options.all, javascriptBlocked)));
  }

  if (existing && !existingExport) {
    throw new ProjectError(`${singletonPath} exists but does not export a PrismaClient instance; pass --singleton <path> to choose another file`);
  }
  const exportName = existingExport ?? 'prisma';
  const keyCounts = new Map<string, number>();
  for (const list of verdicts.values()) for (const { verdict } of list) if (verdict.merge) keyCounts.set(verdict.options.key, (keyCounts.get(verdict.options.key) ?? 0) + 1);
  const key = existing ? (existingKey ?? '') : chooseOptionsKey(keyCounts);
  const accepts = (candidate: string): boolean => candidate === '' || candidate === key;

  // Pass 2: rewrite the files that have sites joining the singleton.
  const findings: Finding[] = [];
  const warnings: Warning[] = [];
  const changes: FileChange[] = [];
  const styles: CodeStyle[] = [];
  const clientModuleCounts = new Map<string, number>();
  let representative: ClientOptions | undefined;
  let rewritten = 0;
  for (const file of input.files) {
    const list = verdicts.get(file.path);
    if (!list) continue;
    const merging = list.filter((v) => v.verdict.merge && accepts(v.verdict.options.key));
    for (const { finding, verdict } of list) {
      if (!verdict.merge) findings.push({ ...finding, action: verdict.action, reason: verdict.reason });
      else if (!accepts(verdict.options.key)) findings.push({ ...finding, action: 'review', reason: 'connection-options-differ' });
      else if (options.findingsOnly) findings.push({ ...finding, action: 'rewrite' });
    }
    if (merging.length === 0 || options.findingsOnly) {
      if (merging.length > 0) rewritten += merging.length;
      continue;
    }
    const { sourceFile } = parseSource(file.path, file.text);
    const analysis = analyzeFile(sourceFile, modules);
    const chosen = new Set(merging.map((v) => `${v.finding.line}:${v.finding.column}`));
    const sites = analysis.sites.filter((site) => chosen.has(positionKey(site)));
    const siteOptions = sites.map((site) => readClientOptions(site, analysis));
    const rewrite = rewriteFile({
      analysis,
      sites,
      specifier: alias ?? relativeSpecifier(file.path, singletonPath, extension),
      exportName,
      commonJs: usesRequire(file, project),
      dependencies: siteOptions.flatMap((o) => (o.ok ? o.options.dependencies : [])),
    });
    for (const outcome of rewrite.outcomes) {
      const at = { path: file.path, ...position(outcome.site), kind: outcome.site.kind };
      findings.push({ ...at, action: outcome.action, ...(outcome.reason ? { reason: outcome.reason } : {}) });
      if (outcome.action !== 'rewrite') continue;
      rewritten += 1;
      const read = siteOptions[sites.indexOf(outcome.site)];
      if (read?.ok && read.options.key === key && !representative && read.options.key !== '') representative = read.options;
      if (read?.ok && read.options.dropped.length > 0) warnings.push({ ...at, kind: 'options-dropped', detail: read.options.dropped.join(', '), needsPerson: false });
      const moduleKey = clientModuleKey(outcome.site);
      clientModuleCounts.set(moduleKey, (clientModuleCounts.get(moduleKey) ?? 0) + 1);
    }
    for (const use of rewrite.uses) {
      warnings.push({ path: file.path, ...position({ node: use.node }), kind: use.kind, needsPerson: use.kind === 'disconnect-kept' });
    }
    if (rewrite.after !== null) {
      const check = parseSource(file.path, rewrite.after);
      if (check.error) {
        throw new ProjectError(`refusing to write ${file.path}: the rewrite would not parse (${check.error.line}:${check.error.column} ${check.error.message}); nothing was written`);
      }
      changes.push({ path: file.path, before: file.text, after: rewrite.after });
      styles.push(detectStyle(sourceFile));
    }
  }

  const createSingleton = rewritten > 0 && !existing;
  if (createSingleton && !options.findingsOnly) {
    const prisma7 = project.prismaClientGenerator || (project.prismaMajor ?? 0) >= 7;
    const singletonOptions = representative ?? (prisma7 ? defaultAdapterOptions(project, singletonPath) : undefined);
    const style = majorityStyle(styles);
    const commonJs = singletonPath.endsWith('.cjs') || (/\.[cm]?jsx?$/.test(singletonPath) && !project.esmPackage && !singletonPath.endsWith('.mjs'));
    changes.push({
      path: singletonPath,
      before: null,
      after: renderSingleton({
        typescript: /\.[cm]?tsx?$/.test(singletonPath),
        commonJs,
        clientSpecifier: singletonClientSpecifier(clientModuleCounts, singletonPath, extension),
        preamble: (singletonOptions?.imports ?? []).map((item) => renderOptionImport(item, singletonPath, extension, commonJs, style)),
        setup: [],
        properties: singletonOptions?.properties ?? [],
        style,
      }),
    });
  }
  const byPosition = <T extends { path: string; line: number; column: number }>(a: T, b: T): number =>
    compare(a.path, b.path) || a.line - b.line || a.column - b.column;
  changes.sort((a, b) => compare(a.path, b.path));
  findings.sort(byPosition);
  warnings.sort(byPosition);
  skipped.sort((a, b) => compare(a.path, b.path));
  return {
    changes,
    findings,
    skipped,
    warnings,
    singleton: rewritten > 0 || existing ? { path: singletonPath, created: createSingleton, exportName } : null,
    leftAlone,
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function positionKey(site: Site): string {
  const { line, column } = position(site);
  return `${line}:${column}`;
}

/** Where the singleton goes when nothing says otherwise: `src/lib/prisma.ts`, or `lib/`, `.js` for JavaScript. */
export function defaultSingletonPath(input: Pick<PlanInput, 'project' | 'files' | 'hasSrcDir'>): string {
  const javascript = !input.project.typescript && input.files.every((f) => /\.[cm]?jsx?$/.test(f.path));
  return posix.join(input.hasSrcDir ? 'src/lib' : 'lib', javascript ? 'prisma.js' : 'prisma.ts');
}

function usesRequire(file: SourceText, project: ProjectFacts): boolean {
  if (file.path.endsWith('.cjs')) return true;
  if (/\.(mjs|mts|ts|tsx)$/.test(file.path) || project.esmPackage) return false;
  return !/^\s*import\s/m.test(file.text) && /\brequire\s*\(/.test(file.text);
}
