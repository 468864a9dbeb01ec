import type { ts } from 'ts-morph';
import { analyzeFile, type AnalysisContext } from '../analyze/analyze-file.js';
import type { ExportedClass, ProjectClasses } from '../analyze/bindings.js';
import { readClientOptions } from '../analyze/client-options.js';
import { singletonExport } from '../analyze/existing-singleton.js';
import { parseSource } from '../analyze/parse.js';
import { roleOf } from '../analyze/roles.js';
import { fetchExportServes } from '../analyze/edge-runtime.js';
import { judgeSite, type SiteVerdict } from '../analyze/site-verdict.js';
import { isJavaScriptPath, isTypeScriptPath, moduleKeyOf } from '../core/paths.js';
import type { FileRole, Skip, SourceText } from '../core/types.js';
import type { ClientModules } from '../discover/client-modules.js';
import type { ProjectFacts } from '../discover/project-facts.js';
import { usesRequire } from './module-system.js';
import { isStackOverflow, tooDeepSkip } from './nesting.js';
import { isBundled } from './singleton-choice.js';

/** A singleton module that is already there: the chosen path, or a second client's singleton from a previous run. */
export interface ExistingSingletonModule {
  readonly path: string;
  /** Which client it constructs; undefined when it constructs none it could be read from. */
  readonly clientModule: string | undefined;
  /** The name it exports the client under; undefined when it exports none. */
  readonly exportName: string | undefined;
  /** The connection options key of its client. */
  readonly key: string | undefined;
  /** It keeps its client on `globalThis` (the singleton snippet). */
  readonly cached: boolean;
  /** `exportName` is a function that hands the client out (`usePrisma()`), not the client itself. */
  readonly accessor?: boolean;
}

/** What the first pass learned: every site's verdict, files that do not parse, and the existing singletons. */
export interface Judgement {
  /** Verdicts of each file with sites, by path (singletons excluded). */
  readonly verdicts: ReadonlyMap<string, readonly SiteVerdict[]>;
  readonly skipped: readonly Skip[];
  readonly leftAlone: Readonly<Record<Exclude<FileRole, 'app'>, number>>;
  readonly existing: readonly ExistingSingletonModule[];
  /** The client classes the project's files export (subclasses, constructors passed on), by module key. */
  readonly classes: ProjectClasses;
}

/** Where the singletons are: `isSingleton(path, clientModule)` is true for the chosen path and each client's own. */
export interface SingletonPaths {
  readonly primary: string;
  readonly isSingleton: (path: string, clientModule: string | undefined) => boolean;
  /**
   * The shared client lives in a TypeScript module, which a JavaScript file Node runs by itself cannot load; by
   * default, whether `primary` is one (a Nest provider has no path yet when the files are judged).
   */
  readonly typescript?: boolean;
}

/** What pass 1 keeps of one file: no syntax tree. */
interface FileJudgement {
  readonly verdicts: readonly SiteVerdict[];
  readonly skip: Skip | undefined;
  readonly role: FileRole;
  readonly exports: ReadonlyMap<string, ExportedClass>;
  /** The module specifiers the file imports, as written (resolved only when the project has client classes). */
  readonly specifiers: ReadonlySet<string>;
  readonly singleton: ExistingSingletonModule | undefined;
}

interface Pass {
  readonly project: ProjectFacts;
  readonly singletons: SingletonPaths;
  readonly all: boolean;
  /** Roles that follow the import graph; a file missing here has its path role. */
  readonly roles: ReadonlyMap<string, FileRole> | undefined;
}

/**
 * Pass 1: parses each candidate and decides every site, keeping no syntax tree (a large project must not hold them
 * all at once). A file that imports a module found to export a client class (a subclass declared in another file) is
 * judged again once the classes are known, until they stop changing.
 */
export function judgeFiles(
  files: readonly SourceText[],
  project: ProjectFacts,
  modules: ClientModules,
  singletons: SingletonPaths,
  options: { readonly all: boolean; readonly roles: ReadonlyMap<string, FileRole> | undefined; readonly packageClasses?: ProjectClasses | undefined },
): Judgement {
  const { packageClasses = new Map<string, ReadonlyMap<string, ExportedClass>>(), ...rest } = options;
  const pass: Pass = { project, singletons, ...rest };
  let classes: ProjectClasses = packageClasses;
  const judged = new Map(files.map((file) => [file.path, judgeFile(file, pass, { modules, classes })]));
  for (let round = 0; round <= files.length; round += 1) {
    const next = new Map([...packageClasses, ...classesOf(judged)]);
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
  const role = pass.roles?.get(file.path) ?? roleOf(file.path, pass.project.seedPaths);
  const none = { verdicts: [], skip: undefined, role, exports: new Map(), specifiers: new Set<string>(), singleton: undefined };
  let sourceFile: ts.SourceFile | undefined;
  try {
    const parsed = parseSource(file.path, file.text);
    sourceFile = parsed.sourceFile;
    if (parsed.error) {
      const { line, column, message } = parsed.error;
      const singleton =
        file.path === pass.singletons.primary ? { path: file.path, clientModule: undefined, exportName: undefined, key: undefined, cached: false } : undefined;
      return { ...none, singleton, skip: { path: file.path, reason: 'parse-error', line, column, detail: message } };
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
  const [first] = analysis.sites;
  if (pass.singletons.isSingleton(file.path, first?.clientModule)) {
    const read = first ? readClientOptions(first, analysis) : undefined;
    const key = read?.ok ? read.options.key : undefined;
    return { ...base, singleton: { path: file.path, key, clientModule: first?.clientModule, ...singletonExport(analysis) } };
  }
  const { project } = pass;
  const typescriptSingleton = pass.singletons.typescript ?? isTypeScriptPath(pass.singletons.primary);
  // A bundler (Next, Nuxt's Nitro, Vite...) compiles an ES module's import of TypeScript whatever `allowJs` says; a
  // `require` may run in plain Node (a custom server).
  const compiles = project.allowJs || isBundled(project);
  const javascriptBlocked = typescriptSingleton && isJavaScriptPath(file.path) && (usesRequire(file, project) || !compiles);
  const siteContext = {
    role,
    all: pass.all,
    javascriptBlocked,
    edgeEntry: project.edgeEntries.includes(file.path),
    fetchServes: fetchExportServes(project.dependencies),
  };
  const ordinals = new Map<string, number>();
  const verdicts = analysis.sites.map((site) => {
    const ordinal = ordinals.get(site.clientModule) ?? 0;
    ordinals.set(site.clientModule, ordinal + 1);
    return judgeSite(site, analysis, ordinal, siteContext);
  });
  // The parser normalises the file name (`\` becomes `/`); findings carry the path as it is on disk.
  return { ...base, verdicts: verdicts.map((v) => ({ ...v, finding: { ...v.finding, path: file.path } })) };
}

function assemble(files: readonly SourceText[], judged: ReadonlyMap<string, FileJudgement>, classes: ProjectClasses, pass: Pass): Judgement {
  const skipped: Skip[] = [];
  const leftAlone = { test: 0, seed: 0, script: 0 };
  const verdicts = new Map<string, readonly SiteVerdict[]>();
  const existing: ExistingSingletonModule[] = [];
  for (const file of files) {
    const one = judged.get(file.path);
    if (!one) continue;
    if (one.skip) skipped.push(one.skip);
    if (one.singleton) existing.push(one.singleton);
    if (one.verdicts.length === 0) continue;
    if (one.role !== 'app' && !pass.all) leftAlone[one.role] += 1;
    verdicts.set(file.path, one.verdicts);
  }
  return {
    verdicts,
    skipped,
    leftAlone,
    existing,
    classes,
  };
}

/** The client classes each judged file exports, by module key. */
function classesOf(judged: ReadonlyMap<string, FileJudgement>): Map<string, ReadonlyMap<string, ExportedClass>> {
  const out = new Map<string, ReadonlyMap<string, ExportedClass>>();
  for (const [path, one] of judged) if (one.exports.size > 0) out.set(moduleKeyOf(path), one.exports);
  return out;
}

/** A module's exported classes as text, a namespace's members included. */
function serialised(exports: ReadonlyMap<string, ExportedClass> | undefined): string {
  return JSON.stringify(exports ? [...exports] : [], (_key, value: unknown) => (value instanceof Map ? [...value] : value));
}

function changedModules(before: ProjectClasses, after: ProjectClasses): Set<string> {
  const changed = new Set<string>();
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(key);
    const b = after.get(key);
    if (serialised(a) !== serialised(b)) changed.add(key);
  }
  return changed;
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
