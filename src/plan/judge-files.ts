import type { ts } from 'ts-morph';
import { analyzeFile, type AnalysisContext } from '../analyze/analyze-file.js';
import type { ExportedClass, ProjectClasses } from '../analyze/bindings.js';
import { readClientOptions } from '../analyze/client-options.js';
import { singletonExportName } from '../analyze/existing-singleton.js';
import { parseSource } from '../analyze/parse.js';
import { roleOf } from '../analyze/roles.js';
import { judgeSite, type SiteVerdict } from '../analyze/site-verdict.js';
import { isJavaScriptPath, isTypeScriptPath, moduleKeyOf } from '../core/paths.js';
import type { FileRole, Skip, SourceText } from '../core/types.js';
import type { ClientModules } from '../discover/client-modules.js';
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
  /** The client module of the existing singleton's client, if it has one. */
  readonly existingClientModule: string | undefined;
  /** The name the existing singleton exports its client under. */
  readonly existingExport: string | undefined;
  /** The client classes the project's files export (subclasses, constructors passed on), by module key. */
  readonly classes: ProjectClasses;
}

/** What pass 1 keeps of one file: no syntax tree. */
interface FileJudgement {
  readonly verdicts: readonly SiteVerdict[];
  readonly skip: Skip | undefined;
  readonly role: FileRole;
  readonly exports: ReadonlyMap<string, ExportedClass>;
  /** The module specifiers the file imports, as written (resolved only when the project has client classes). */
  readonly specifiers: ReadonlySet<string>;
  readonly singleton: { readonly key: string | undefined; readonly clientModule: string | undefined; readonly exportName: string | undefined } | undefined;
}

interface Pass {
  readonly project: ProjectFacts;
  readonly singletonPath: string;
  readonly all: boolean;
}

/**
 * Pass 1: parses each candidate and decides every site, keeping no syntax tree (a large project must not hold them
 * all at once). A file that imports a module found to export a client class (a subclass declared in another file) is
 * judged again once the classes are known, until they stop changing.
 */
export function judgeFiles(files: readonly SourceText[], project: ProjectFacts, modules: ClientModules, singletonPath: string, all: boolean): Judgement {
  const pass: Pass = { project, singletonPath, all };
  let classes: ProjectClasses = new Map();
  const judged = new Map(files.map((file) => [file.path, judgeFile(file, pass, { modules, classes })]));
  for (let round = 0; round <= files.length; round += 1) {
    const next = classesOf(judged);
    const changed = changedModules(classes, next);
    if (changed.size === 0) break;
    classes = next;
    for (const file of files) {
      const before = judged.get(file.path);
      const imports = (specifier: string): boolean => {
        const target = modules.resolve(specifier, file.path);
        return target !== undefined && changed.has(moduleKeyOf(target));
      };
      if (before && [...before.specifiers].some(imports)) judged.set(file.path, judgeFile(file, pass, { modules, classes }));
    }
  }
  return assemble(files, judged, classes, pass);
}

function judgeFile(file: SourceText, pass: Pass, context: AnalysisContext): FileJudgement {
  const role = roleOf(file.path, pass.project.seedPaths);
  const none = { verdicts: [], skip: undefined, role, exports: new Map(), specifiers: new Set<string>(), singleton: undefined };
  let sourceFile: ts.SourceFile | undefined;
  try {
    const parsed = parseSource(file.path, file.text);
    sourceFile = parsed.sourceFile;
    if (parsed.error) {
      const { line, column, message } = parsed.error;
      return { ...none, skip: { path: file.path, reason: 'parse-error', line, column, detail: message } };
    }
    return judgeParsed(file, parsed.sourceFile, pass, context, none);
  } catch (error) {
    // One file nested deeper than the parser's and walkers' recursion can go is a skip, never a crash of the run.
    if (!isStackOverflow(error)) throw error;
    return { ...none, skip: tooDeepSkip(file.path, sourceFile) };
  }
}

function judgeParsed(file: SourceText, parsed: ts.SourceFile, pass: Pass, context: AnalysisContext, none: FileJudgement): FileJudgement {
  const { role } = none;
  const analysis = analyzeFile(parsed, context);
  const base = { ...none, exports: analysis.exports, specifiers: analysis.specifiers };
  if (file.path === pass.singletonPath) {
    const [site] = analysis.sites;
    const read = site ? readClientOptions(site, analysis) : undefined;
    return {
      ...base,
      singleton: { key: read?.ok ? read.options.key : undefined, clientModule: site?.clientModule, exportName: singletonExportName(analysis) },
    };
  }
  const javascriptBlocked = isTypeScriptPath(pass.singletonPath) && isJavaScriptPath(file.path) && (usesRequire(file, pass.project) || !pass.project.allowJs);
  // The parser normalises the file name (`\` becomes `/`); findings carry the path as it is on disk.
  const verdicts = analysis.sites.map((site) => judgeSite(site, analysis, role, pass.all, javascriptBlocked));
  return { ...base, verdicts: verdicts.map((v) => ({ ...v, finding: { ...v.finding, path: file.path } })) };
}

function assemble(files: readonly SourceText[], judged: ReadonlyMap<string, FileJudgement>, classes: ProjectClasses, pass: Pass): Judgement {
  const skipped: Skip[] = [];
  const leftAlone = { test: 0, seed: 0, script: 0 };
  const verdicts = new Map<string, readonly SiteVerdict[]>();
  let singleton: FileJudgement['singleton'];
  for (const file of files) {
    const one = judged.get(file.path);
    if (!one) continue;
    if (one.skip) skipped.push(one.skip);
    singleton ??= one.singleton;
    if (one.verdicts.length === 0) continue;
    if (one.role !== 'app' && !pass.all) leftAlone[one.role] += 1;
    verdicts.set(file.path, one.verdicts);
  }
  return {
    verdicts,
    skipped,
    leftAlone,
    existing: files.some((f) => f.path === pass.singletonPath),
    existingKey: singleton?.key,
    existingClientModule: singleton?.clientModule,
    existingExport: singleton?.exportName,
    classes,
  };
}

/** The client classes each judged file exports, by module key. */
function classesOf(judged: ReadonlyMap<string, FileJudgement>): Map<string, ReadonlyMap<string, ExportedClass>> {
  const out = new Map<string, ReadonlyMap<string, ExportedClass>>();
  for (const [path, one] of judged) if (one.exports.size > 0) out.set(moduleKeyOf(path), one.exports);
  return out;
}

function changedModules(before: ProjectClasses, after: ProjectClasses): Set<string> {
  const changed = new Set<string>();
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(key);
    const b = after.get(key);
    if (JSON.stringify(a ? [...a] : []) !== JSON.stringify(b ? [...b] : [])) changed.add(key);
  }
  return changed;
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

/** The client module the singleton is built from: the existing singleton's, else the one most merged sites construct. */
export function chooseClientModule(verdicts: Judgement['verdicts'], existing: string | undefined): string | undefined {
  if (existing !== undefined) return existing;
  const counts = new Map<string, number>();
  for (const list of verdicts.values())
    for (const v of list) if (v.verdict.merge) counts.set(v.finding.clientModule, (counts.get(v.finding.clientModule) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
}
