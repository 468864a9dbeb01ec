import { join } from 'node:path';
import ts from 'typescript';

// Library files (lib.*.d.ts, @types/node, the stubs) are the same for every project the tests check: parse each
// once per worker and hand the same SourceFile to every program. Files are keyed by path and by what their parse
// depends on, so projects with other targets or module formats get their own copy.
const shared = new Map<string, ts.SourceFile>();

function isShareable(fileName: string): boolean {
  return fileName.includes('/node_modules/') || /\/lib\.[\w.]*d\.ts$/.test(fileName);
}

function cachingHost(options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createCompilerHost(options, true);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersionOrOptions, onError, shouldCreate) => {
    if (!isShareable(fileName)) return read(fileName, languageVersionOrOptions, onError, shouldCreate);
    const settings = typeof languageVersionOrOptions === 'object' ? languageVersionOrOptions : { languageVersion: languageVersionOrOptions };
    const key = `${fileName}|${settings.languageVersion}|${settings.impliedNodeFormat ?? ''}`;
    let file = shared.get(key);
    if (!file) {
      file = read(fileName, languageVersionOrOptions, onError, shouldCreate);
      if (file) shared.set(key, file);
    }
    return file;
  };
  return host;
}

/**
 * Type-checks the project that `tsconfig` (relative to `dir`) describes, in this process, as `tsc -p tsconfig
 * --noEmit` would, and returns every diagnostic as `path(line,col): error TSn: message` (empty when it compiles).
 */
export function typecheckProject(dir: string, tsconfig = 'tsconfig.json'): string[] {
  const parsed = parseConfig(dir, tsconfig);
  if (!parsed) return [`${tsconfig}: cannot be read`];
  const program = ts.createProgram({
    rootNames: parsed.fileNames,
    options: parsed.options,
    host: cachingHost(parsed.options),
    projectReferences: parsed.projectReferences ?? [],
  });
  const diagnostics = [...parsed.errors, ...ts.getPreEmitDiagnostics(program)];
  return diagnostics.map((d) => format(d, dir));
}

/** One project to type-check: a folder and its tsconfig, relative to it. */
export interface CheckedProject {
  readonly dir: string;
  readonly tsconfig: string;
}

/** Options whose values are paths of one project: a project that sets one gets a program of its own. */
const PROJECT_PATHS = ['paths', 'baseUrl', 'rootDir', 'rootDirs', 'typeRoots', 'outDir', 'declarationDir', 'tsBuildInfoFile'];

/**
 * Type-checks many projects as `typecheckProject` does each, with fewer programs: projects whose compiler options
 * are the same (and name no path of their own) share one program, each file resolving its imports from its own
 * folder. A program is most of the cost (the global scope of the libraries). When a shared program reports anything,
 * each of its projects is checked on its own, so that a failure reads exactly as `typecheckProject` says it (and two
 * projects that clash in one global scope are not blamed for it). Returns the diagnostics of each project, in order.
 */
export function typecheckProjects(projects: readonly CheckedProject[]): string[][] {
  const parsed = projects.map((p) => parseConfig(p.dir, p.tsconfig));
  const groups = new Map<string, number[]>();
  parsed.forEach((config, index) => {
    const shareable =
      config && config.errors.length === 0 && (config.projectReferences ?? []).length === 0 && !PROJECT_PATHS.some((key) => key in config.options);
    const { configFilePath: _, ...options } = config?.options ?? {};
    const key = shareable ? JSON.stringify(options) : `own:${index}`;
    groups.set(key, [...(groups.get(key) ?? []), index]);
  });
  const out: string[][] = projects.map(() => []);
  for (const members of groups.values()) {
    const [first] = members;
    const config = first === undefined ? undefined : parsed[first];
    if (!config || members.length === 1) {
      for (const index of members) out[index] = typecheckProject(projects[index]?.dir ?? '', projects[index]?.tsconfig);
      continue;
    }
    const rootNames = members.flatMap((index) => parsed[index]?.fileNames ?? []);
    const program = ts.createProgram({ rootNames, options: config.options, host: cachingHost(config.options) });
    if (ts.getPreEmitDiagnostics(program).length === 0) continue;
    for (const index of members) out[index] = typecheckProject(projects[index]?.dir ?? '', projects[index]?.tsconfig);
  }
  return out;
}

function parseConfig(dir: string, tsconfig: string): ts.ParsedCommandLine | undefined {
  const configPath = join(dir, tsconfig);
  return ts.getParsedCommandLineOfConfigFile(
    configPath,
    { noEmit: true, skipLibCheck: true },
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
}

function format(diagnostic: ts.Diagnostic, dir: string): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  if (!diagnostic.file || diagnostic.start === undefined) return `error TS${diagnostic.code}: ${message}`;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  const path = diagnostic.file.fileName.startsWith(`${dir}/`) ? diagnostic.file.fileName.slice(dir.length + 1) : diagnostic.file.fileName;
  return `${path}(${line + 1},${character + 1}): error TS${diagnostic.code}: ${message}`;
}
