import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Commander from 'commander';
import { REPORTERS } from '../report/index.js';

// Required, not imported: importing a CommonJS package from ESM also has Node scan its source for named exports
// (commander, ignore and picocolors: about 25 ms of every start, measured).
const { Command, Option, CommanderError } = createRequire(import.meta.url)('commander') as typeof Commander;
export { CommanderError };

export const NAME = 'prisma-singleton-codemod';

/** This package's version, read from its package.json. */
export function version(): string {
  const pkg: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
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
  $ npx ${NAME} . --check --baseline prisma-baseline.json --update-baseline   accept today's sites
  $ npx ${NAME} . --check --baseline prisma-baseline.json                     then fail only on new ones

Exit codes: 0 done, nothing to do, or check clean; 1 check found instantiations, or sites left for review,
or files skipped; 2 usage error or unusable input.`;

/**
 * Builds the command. Commander's own errors become CommanderErrors (exitOverride) and its output goes through
 * `write`, so that `main` routes usage errors to exit code 2 and help to the caller's stdout.
 */
export function createProgram(write: { readonly out: (text: string) => void; readonly err: (text: string) => void }): Commander.Command {
  return new Command(NAME)
    .description('Replace every `new PrismaClient()` with one shared singleton, and keep it that way in CI.')
    .argument('[path]', 'project folder (the one that holds package.json and src/)', '.')
    .option('--dry-run', 'print a unified diff of every change, the new singleton included; write nothing')
    .option('--check', 'write nothing; exit 1 naming every instantiation outside the singleton')
    .option('--all', 'also migrate tests, seeds and scripts (by default they keep their own client)')
    .option('--singleton <path>', 'where the singleton lives (default: <path>/src/lib/prisma.ts, or lib/prisma.ts without src/)')
    .addOption(new Option('--import-extension <ext>', 'force the extension of new import paths').choices(['js', 'ts', 'none']))
    .addOption(
      new Option(
        '--framework <name>',
        'nest: one injected PrismaService provider (default when package.json depends on @nestjs/core); none: the module singleton',
      ).choices(['nest', 'none']),
    )
    .option('--schema <path>', 'the Prisma schema, if not where Prisma looks for it')
    .option('--force', 'write even when files to rewrite have uncommitted git changes, or when git fails')
    .option(
      '--changed-since <ref>',
      'with --check: report only sites on lines added since the branch left a git ref (its merge base; A...B, A..B as git reads them)',
    )
    .option('--baseline <file>', 'with --check: a JSON file of accepted sites (legacy code); fail only on sites it does not hold')
    .option('--update-baseline', 'with --check --baseline: rewrite the file to accept every current site, dropping stale entries')
    .option('--staged', 'with --check: report only sites the index adds, read from the staged files (for a pre-commit hook)')
    .addOption(new Option('--reporter <name>', 'output format').choices([...REPORTERS]))
    .version(version(), '-v, --version')
    .addHelpText('after', EXAMPLES)
    .exitOverride()
    .configureOutput({ writeOut: write.out, writeErr: () => undefined, outputError: () => undefined });
}
