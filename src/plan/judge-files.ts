import type { ts } from 'ts-morph';
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
import { isStackOverflow, tooDeepSkip } from './nesting.js';

/** What the first pass learned: every site's verdict, files that do not parse, and the existing singleton if any. */
export interface Judgement {
  /** Verdicts of each file with sites, by path (the singleton itself excluded). */
  readonly verdicts: ReadonlyMap<string, readonly SiteVerdict[]>;
  readonly skipped: readonly Skip[];
  readonly leftAlone: Readonly<Record<Exclude<FileRole, 'app'>, number>>;
  /** The singleton file is among the candidates (it exists and mentions PrismaClient). */
  readonly existing: boolean;
  /** The connection options key of the existing singleton's client, if it has one. */
  readonly existingKey: string | undefined;
  /** The name the existing singleton exports its client under. */
  readonly existingExport: string | undefined;
}

/**
 * Pass 1: parses each candidate and decides every site, keeping no syntax tree (a large project must not hold
 * them all at once).
 */
export function judgeFiles(files: readonly SourceText[], project: ProjectFacts, modules: ClientModules, singletonPath: string, all: boolean): Judgement {
  const skipped: Skip[] = [];
  const leftAlone = { test: 0, seed: 0, script: 0 };
  const verdicts = new Map<string, SiteVerdict[]>();
  const typescriptSingleton = isTypeScriptPath(singletonPath);
  let existing = false;
  let existingKey: string | undefined;
  let existingExport: string | undefined;
  for (const file of files) {
    if (file.path === singletonPath) existing = true;
    let sourceFile: ts.SourceFile | undefined;
    try {
      const parsed = parseSource(file.path, file.text);
      sourceFile = parsed.sourceFile;
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
      const javascriptBlocked = typescriptSingleton && isJavaScriptPath(file.path) && (usesRequire(file, project) || !project.allowJs);
      // The parser normalises the file name (`\` becomes `/`); findings carry the path as it is on disk.
      const judged = analysis.sites.map((site) => judgeSite(site, analysis, role, all, javascriptBlocked));
      verdicts.set(
        file.path,
        judged.map((v) => ({ ...v, finding: { ...v.finding, path: file.path } })),
      );
      if (role !== 'app' && !all) leftAlone[role] += 1;
    } catch (error) {
      if (!isStackOverflow(error)) throw error;
      skipped.push(tooDeepSkip(file.path, sourceFile));
    }
  }
  return { verdicts, skipped, leftAlone, existing, existingKey, existingExport };
}

/** The options every merged site shares: the key most sites have (ties: no options, then the smallest key). */
export function chooseOptionsKey(verdicts: Judgement['verdicts']): string {
  const counts = new Map<string, number>();
  for (const list of verdicts.values()) {
    for (const { verdict } of list) if (verdict.merge) counts.set(verdict.options.key, (counts.get(verdict.options.key) ?? 0) + 1);
  }
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] === '' ? -1 : b[0] === '' ? 1 : a[0] < b[0] ? -1 : 1));
  return ranked[0]?.[0] ?? '';
}
