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
  const configPath = join(dir, tsconfig);
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    { noEmit: true, skipLibCheck: true },
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
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

function format(diagnostic: ts.Diagnostic, dir: string): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  if (!diagnostic.file || diagnostic.start === undefined) return `error TS${diagnostic.code}: ${message}`;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  const path = diagnostic.file.fileName.startsWith(`${dir}/`) ? diagnostic.file.fileName.slice(dir.length + 1) : diagnostic.file.fileName;
  return `${path}(${line + 1},${character + 1}): error TS${diagnostic.code}: ${message}`;
}
