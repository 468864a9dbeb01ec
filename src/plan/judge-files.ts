import { analyzeFile } from '../analyze/analyze-file.js';
import type { ClientModules } from '../analyze/client-modules.js';
import { readClientOptions } from '../analyze/client-options.js';
import { singletonExportName } from '../analyze/existing-singleton.js';
import { parseSource } from '../analyze/parse.js';
import { roleOf } from '../analyze/roles.js';
import { judgeSite, type SiteVerdict } from '../analyze/site-verdict.js';
import { isJavaScriptPath, isTypeScriptPath } from '../core/paths.js';
import type { FileRole, Skip, SourceText } from '../core/types.js';
import type { ProjectFacts } from '../discover/project-facts.js';
import { usesRequire } from './module-system.js';

/** A singleton module that is already there: the chosen path, or a second client's singleton from a previous run. */
export interface ExistingSingletonModule {
  readonly path: string;
  /** Which client it constructs; undefined when it constructs none it could be read from. */
  readonly clientModule: string | undefined;
  /** The name it exports the client under; undefined when it exports none. */
  readonly exportName: string | undefined;
  /** The connection options key of its client. */
  readonly key: string | undefined;
}

/** What the first pass learned: every site's verdict, files that do not parse, and the existing singletons. */
export interface Judgement {
  /** Verdicts of each file with sites, by path (singletons excluded). */
  readonly verdicts: ReadonlyMap<string, readonly SiteVerdict[]>;
  readonly skipped: readonly Skip[];
  readonly leftAlone: Readonly<Record<Exclude<FileRole, 'app'>, number>>;
  readonly existing: readonly ExistingSingletonModule[];
}

/** Where the singletons are: `isSingleton(path, clientModule)` is true for the chosen path and each client's own. */
export interface SingletonPaths {
  readonly primary: string;
  readonly isSingleton: (path: string, clientModule: string | undefined) => boolean;
}

/**
 * Pass 1: parses each candidate and decides every site, keeping no syntax tree (a large project must not hold
 * them all at once).
 */
export function judgeFiles(
  files: readonly SourceText[],
  project: ProjectFacts,
  modules: ClientModules,
  singletons: SingletonPaths,
  options: { readonly all: boolean; readonly roles: ReadonlyMap<string, FileRole> | undefined },
): Judgement {
  const { all } = options;
  const skipped: Skip[] = [];
  const leftAlone = { test: 0, seed: 0, script: 0 };
  const verdicts = new Map<string, SiteVerdict[]>();
  const existing: ExistingSingletonModule[] = [];
  const typescriptSingleton = isTypeScriptPath(singletons.primary);
  for (const file of files) {
    const parsed = parseSource(file.path, file.text);
    if (parsed.error) {
      const { line, column, message } = parsed.error;
      skipped.push({ path: file.path, reason: 'parse-error', line, column, detail: message });
      if (file.path === singletons.primary) existing.push({ path: file.path, clientModule: undefined, exportName: undefined, key: undefined });
      continue;
    }
    const analysis = analyzeFile(parsed.sourceFile, modules);
    const [first] = analysis.sites;
    const clientModule = first ? modules.identify(first.module, file.path) : undefined;
    if (singletons.isSingleton(file.path, clientModule)) {
      const read = first ? readClientOptions(first, analysis) : undefined;
      existing.push({ path: file.path, clientModule, exportName: singletonExportName(analysis), key: read?.ok ? read.options.key : undefined });
      continue;
    }
    if (analysis.sites.length === 0) continue;
    const role = options.roles?.get(file.path) ?? roleOf(file.path, project.seedPaths);
    if (role !== 'app' && !all) leftAlone[role] += 1;
    const javascriptBlocked = typescriptSingleton && isJavaScriptPath(file.path) && (usesRequire(file, project) || !project.allowJs);
    const ordinals = new Map<string, number>();
    const judged = analysis.sites.map((site) => {
      const module = modules.identify(site.module, file.path);
      const ordinal = ordinals.get(module) ?? 0;
      ordinals.set(module, ordinal + 1);
      return judgeSite(site, analysis, { clientModule: module, ordinal }, { role, all, javascriptBlocked, edgeEntry: project.edgeEntries.includes(file.path) });
    });
    verdicts.set(file.path, judged);
  }
  return { verdicts, skipped, leftAlone, existing };
}

/**
 * The options every merged site of one client shares: the key most of its sites have (ties: no options, then the
 * smallest key).
 */
export function chooseOptionsKey(verdicts: Judgement['verdicts'], clientModule: string): string {
  const counts = new Map<string, number>();
  for (const list of verdicts.values()) {
    for (const { verdict, clientModule: module } of list) {
      if (verdict.merge && module === clientModule) counts.set(verdict.options.key, (counts.get(verdict.options.key) ?? 0) + 1);
    }
  }
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] === '' ? -1 : b[0] === '' ? 1 : a[0] < b[0] ? -1 : 1));
  return ranked[0]?.[0] ?? '';
}
