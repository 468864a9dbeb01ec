import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { CodemodError } from './errors.js';
import { parseOptions, REPORTERS, type RawFlags } from './options.js';
import { reporters } from './reporters/index.js';
import { exitCodeOf, run } from './run.js';

const NAME = 'prisma-singleton-codemod';

function version(): string {
  const pkg: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  return typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}

const EXAMPLES = `
Examples:
  $ npx ${NAME} ./apps/api             rewrite the project: one src/lib/prisma.ts, every file imports it
  $ npx ${NAME} ./apps/api --dry-run   show the whole change as a diff; write nothing
  $ npx ${NAME} . --check              CI: exit 1 and list every new PrismaClient() outside the singleton
  $ npx ${NAME} . --check --reporter json
  $ npx ${NAME} . --check --changed-since origin/main   fail CI only on new instantiations
  $ npx ${NAME} . --check --staged                      in a pre-commit hook

Exit codes: 0 done, nothing to do, or check clean; 1 check found instantiations, or sites left for review,
or files skipped; 2 usage error or unusable input.`;

/** Builds the command; `main` runs it. Commander's own errors are routed to exit code 2. */
export function createProgram(): Command {
  return new Command(NAME)
    .description('Replace every `new PrismaClient()` with one shared singleton, and keep it that way in CI.')
    .argument('[path]', 'project folder (the one that holds package.json and src/)', '.')
    .option('--dry-run', 'print a unified diff of every change, the new singleton included; write nothing')
    .option('--check', 'write nothing; exit 1 naming every instantiation outside the singleton')
    .option('--all', 'also migrate tests, seeds and scripts (by default they keep their own client)')
    .option('--singleton <path>', 'where the singleton lives (default: <path>/src/lib/prisma.ts, or lib/prisma.ts without src/)')
    .addOption(new Option('--import-extension <ext>', 'force the extension of new import paths').choices(['js', 'ts', 'none']))
    .option('--schema <path>', 'the Prisma schema, if not where Prisma looks for it')
    .option('--force', 'write even when files to rewrite have uncommitted git changes')
    .option('--changed-since <ref>', 'with --check: report only files changed since a git ref (committed, staged, unstaged, untracked)')
    .option('--staged', 'with --check: report only staged files (for a pre-commit hook)')
    .addOption(new Option('--reporter <name>', 'output format').choices([...REPORTERS]))
    .version(version(), '-v, --version')
    .addHelpText('after', EXAMPLES)
    .exitOverride()
    .configureOutput({ outputError: () => undefined });
}

/** Runs the CLI on argv and returns the exit code; prints through the reporters, never calls process.exit. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = createProgram();
  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0;
      process.stderr.write(`${NAME}: ${error.message.replace(/^error: /, '')}\n${NAME}: see ${NAME} --help\n`);
      return 2;
    }
    throw error;
  }
  try {
    const flags: RawFlags = program.opts();
    const options = parseOptions(program.args[0], flags, process.cwd(), process.env);
    const result = await run(options, { onProgress: progressReporter(options.mode === 'check') });
    const color = options.reporter === 'pretty' && wantsColor(process.env, process.stdout.isTTY === true);
    const report = reporters[options.reporter](result, { cwd: process.cwd(), color, version: version() });
    process.stdout.write(report.stdout);
    process.stderr.write(report.stderr);
    return exitCodeOf(result);
  } catch (error) {
    if (error instanceof CodemodError) {
      process.stderr.write(`${NAME}: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}

/** Colour on a terminal (or when FORCE_COLOR asks for it), never with a non-empty NO_COLOR, and not merely because CI is set. */
function wantsColor(env: NodeJS.ProcessEnv, terminal: boolean): boolean {
  if (env['NO_COLOR']) return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  return terminal;
}

/**
 * A one-line counter on a TTY's stderr, shown only once a scan has taken more than a second (tests shorten the
 * wait through PRISMA_SINGLETON_CODEMOD_PROGRESS_DELAY_MS).
 */
function progressReporter(enabled: boolean): ((done: number, total: number) => void) | undefined {
  if (!enabled || !process.stderr.isTTY) return undefined;
  const started = Date.now();
  const delay = Number(process.env['PRISMA_SINGLETON_CODEMOD_PROGRESS_DELAY_MS'] ?? 1000);
  let shown = false;
  return (done, total) => {
    if (Date.now() - started < delay && !shown) return;
    if (done !== total && done % 250 !== 0) return;
    shown = true;
    process.stderr.write(`\r\x1b[2Kscanning ${done}/${total} files`);
    if (done === total) process.stderr.write('\r\x1b[2K');
  };
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${NAME}: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
