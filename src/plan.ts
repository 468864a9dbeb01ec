import { posix } from 'node:path';
import { analyzeFile, type Site } from './analyze.js';
import { clientModules } from './client-module.js';
import { ProjectError } from './errors.js';
import { parseSource } from './parse.js';
import type { ProjectFacts } from './project-config.js';
import { roleOf } from './roles.js';
import { singletonExportName } from './singleton-module.js';
import { majorityExtension, relativeSpecifier, type ExtensionRule } from './transform/import-path.js';
import { rewriteFile } from './transform/rewrite-file.js';
import { renderSingleton } from './transform/singleton.js';
import { DEFAULT_STYLE, detectStyle, type CodeStyle } from './transform/style.js';
import type { FileChange, FileRole, Finding, Plan, ReasonId, Skip, SourceText } from './types.js';

/** Choices that shape the plan. */
export interface PlanOptions {
  /** Root-relative path of the singleton; undefined picks `src/lib/prisma.ts` or `lib/prisma.ts`. */
  readonly singletonPath: string | undefined;
  /** Migrate tests, seeds and scripts too. */
  readonly all: boolean;
  /** Force the extension of the new import paths. */
  readonly importExtension: ExtensionRule | undefined;
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
  /** Relative module specifiers seen across the project, to learn its extension habit. */
  readonly relativeSpecifiers: readonly string[];
  readonly options: PlanOptions;
}

const ROLE_REASON: Readonly<Record<Exclude<FileRole, 'app'>, ReasonId>> = {
  test: 'role-test',
  seed: 'role-seed',
  script: 'role-script',
};

/** Analyses and rewrites every candidate in memory and returns the whole plan; writes nothing. */
export function buildPlan(input: PlanInput): Plan {
  const { project, options } = input;
  const modules = clientModules(project.generatorOutputs);
  const singletonPath = options.singletonPath ?? defaultSingletonPath(input);
  const existing = input.files.find((file) => file.path === singletonPath);
  if (!existing && input.sourcePaths.has(singletonPath)) {
    throw new ProjectError(`${singletonPath} exists but does not create a PrismaClient; pass --singleton <path> to choose another file`);
  }
  const exportName = existing ? singletonExportName(existing, modules) : 'prisma';
  if (existing && !exportName) {
    throw new ProjectError(`${singletonPath} exists but does not export a PrismaClient instance; pass --singleton <path> to choose another file`);
  }
  const extension = options.importExtension ?? majorityExtension(input.relativeSpecifiers) ?? project.tsconfigExtension ?? 'none';

  const findings: Finding[] = [];
  const changes: FileChange[] = [];
  const skipped: Skip[] = [...input.skipped];
  const leftAlone = { test: 0, seed: 0, script: 0 };
  const styles: CodeStyle[] = [];
  const clientSpecifiers = new Map<string, number>();
  let rewritten = 0;

  for (const file of input.files) {
    if (file.path === singletonPath) continue;
    const parsed = parseSource(file.path, file.text);
    if (parsed.error) {
      const { line, column, message } = parsed.error;
      skipped.push({ path: file.path, reason: 'parse-error', line, column, detail: message });
      continue;
    }
    const analysis = analyzeFile(parsed.sourceFile, modules);
    if (analysis.sites.length === 0) continue;
    const role = roleOf(file.path, project.seedPaths);
    const at = (site: Site): Pick<Finding, 'path' | 'line' | 'column' | 'kind'> => ({ path: file.path, ...position(site), kind: site.kind });
    if (role !== 'app' && !options.all) {
      leftAlone[role] += 1;
      for (const site of analysis.sites) findings.push({ ...at(site), action: 'allowed', reason: ROLE_REASON[role] });
      continue;
    }
    const rewrite = rewriteFile({
      analysis,
      sites: analysis.sites,
      specifier: relativeSpecifier(file.path, singletonPath, extension),
      exportName: exportName ?? 'prisma',
      commonJs: usesRequire(file, project),
    });
    for (const outcome of rewrite.outcomes) {
      findings.push({ ...at(outcome.site), action: outcome.action, ...(outcome.reason ? { reason: outcome.reason } : {}) });
      if (outcome.action === 'rewrite') {
        rewritten += 1;
        const key = clientModuleKey(outcome.site);
        clientSpecifiers.set(key, (clientSpecifiers.get(key) ?? 0) + 1);
      }
    }
    if (rewrite.after !== null) {
      const check = parseSource(file.path, rewrite.after);
      if (check.error) {
        throw new ProjectError(`refusing to write ${file.path}: the rewrite would not parse (${check.error.line}:${check.error.column} ${check.error.message}); nothing was written`);
      }
      changes.push({ path: file.path, before: file.text, after: rewrite.after });
      styles.push(detectStyle(parsed.sourceFile));
    }
  }

  const createSingleton = rewritten > 0 && !existing;
  if (createSingleton) {
    changes.push({
      path: singletonPath,
      before: null,
      after: renderSingleton({
        typescript: /\.[cm]?tsx?$/.test(singletonPath),
        commonJs: singletonPath.endsWith('.cjs') || (!project.esmPackage && !project.typescript),
        clientSpecifier: singletonClientSpecifier(clientSpecifiers, singletonPath, extension),
        preamble: [],
        setup: [],
        properties: [],
        style: majorityStyle(styles),
      }),
    });
  }
  changes.sort((a, b) => compare(a.path, b.path));
  findings.sort((a, b) => compare(a.path, b.path) || a.line - b.line || a.column - b.column);
  skipped.sort((a, b) => compare(a.path, b.path));
  return {
    changes,
    findings,
    skipped,
    singleton: rewritten > 0 || existing ? { path: singletonPath, created: createSingleton, exportName: exportName ?? 'prisma' } : null,
    leftAlone,
    notes: [],
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function position(site: Site): { line: number; column: number } {
  const sourceFile = site.node.getSourceFile();
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(site.node.getStart());
  return { line: line + 1, column: character + 1 };
}

function defaultSingletonPath(input: PlanInput): string {
  const javascript = !input.project.typescript && input.files.every((f) => /\.[cm]?jsx?$/.test(f.path));
  return posix.join(input.hasSrcDir ? 'src/lib' : 'lib', javascript ? 'prisma.js' : 'prisma.ts');
}

function usesRequire(file: SourceText, project: ProjectFacts): boolean {
  if (file.path.endsWith('.cjs')) return true;
  if (/\.(mjs|mts|ts|tsx)$/.test(file.path) || project.esmPackage) return false;
  return !/^\s*import\s/m.test(file.text) && /\brequire\s*\(/.test(file.text);
}

const ROOT_RELATIVE = 'root:';

/** The module a rewritten site took PrismaClient from: a package name, or `root:` and a root-relative path. */
function clientModuleKey(site: Site): string {
  if (!site.module.startsWith('.')) return site.module;
  return ROOT_RELATIVE + posix.join(posix.dirname(site.node.getSourceFile().fileName), site.module);
}

/** How the new singleton imports PrismaClient: from the module most sites used, re-pointed from its own folder. */
function singletonClientSpecifier(counts: ReadonlyMap<string, number>, singletonPath: string, rule: ExtensionRule): string {
  const [top] = [...counts.entries()].sort((a, b) => b[1] - a[1] || compare(a[0], b[0]));
  const key = top?.[0] ?? '@prisma/client';
  if (!key.startsWith(ROOT_RELATIVE)) return key;
  const target = key.slice(ROOT_RELATIVE.length);
  // A specifier written with an extension gets the project's rule; a folder import (a client's index) stays bare.
  const extension = /\.[cm]?[jt]sx?$/.exec(target)?.[0];
  const base = extension ? target.slice(0, -extension.length) : target;
  return relativeSpecifier(singletonPath, `${base}.ts`, extension ? rule : 'none');
}

function majorityStyle(styles: readonly CodeStyle[]): CodeStyle {
  if (styles.length === 0) return DEFAULT_STYLE;
  const pick = <K extends keyof CodeStyle>(key: K): CodeStyle[K] => {
    const counts = new Map<CodeStyle[K], number>();
    for (const style of styles) counts.set(style[key], (counts.get(style[key]) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? DEFAULT_STYLE[key];
  };
  return { quote: pick('quote'), semicolons: pick('semicolons'), eol: pick('eol'), indent: pick('indent') };
}
