import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REASONS, SKIP_REASONS } from '../../src/report/messages.js';
import { github } from '../../src/report/github.js';
import type { RunResult } from '../../src/core/result.js';
import type { Finding, Skip } from '../../src/core/types.js';
import { CWD, finding, runResult } from './builders.js';
import { copyTree, FIXTURES, remove, runCli, tempDir } from '../support/helpers.js';

const temps: string[] = [];
afterAll(() => temps.forEach(remove));

const FIX = 'fix: npx prisma-singleton-codemod apps/api';

/**
 * stdout then stderr as lines (the order a log shows them), after checking that the output is never coloured and
 * that stderr holds nothing but the plain verdict block of a check.
 */
function lines(result: RunResult, cwd = CWD): string[] {
  const { stdout, stderr } = github(result, { cwd, color: true, version: '1.2.3' });
  expect(stdout + stderr).not.toContain('\x1b');
  if (result.options.mode === 'check') expect(stderr).toMatch(/^::stop-commands::(psc-[0-9a-f]{16})\n(?:[^\n]*\n)*::\1::\n$/);
  else expect(stderr).toBe('');
  return `${stdout}${stderr}`.replace(/\n$/, '').split('\n');
}

const annotations = (output: readonly string[], level: string): string[] =>
  output.filter((line) => line.startsWith(`::${level} `) || line.startsWith(`::${level}::`));

/** The lines between `::stop-commands::TOKEN` and `::TOKEN::`, block by block. */
function plainBlocks(output: readonly string[]): string[][] {
  const blocks: string[][] = [];
  let token: string | undefined;
  for (const line of output) {
    const start = /^::stop-commands::(.+)$/.exec(line);
    if (start) {
      token = start[1];
      blocks.push([]);
    } else if (token !== undefined && line === `::${token}::`) {
      token = undefined;
    } else if (token !== undefined) {
      blocks[blocks.length - 1]?.push(line);
    }
  }
  expect(token).toBeUndefined();
  return blocks;
}

const manyFindings = (count: number): Finding[] => Array.from({ length: count }, (_, i) => finding(`src/routes/r${String(i + 1).padStart(2, '0')}.ts`, i + 1));

describe('github reporter: escaping', () => {
  it.each([
    [
      'a colon and a comma in a path (property)',
      { findings: [finding('src/a:b,c.ts', 3)] },
      `::error file=apps/api/src/a%3Ab%2Cc.ts,line=3,col=16,title=PrismaClient outside the singleton::new PrismaClient() outside the singleton`,
    ],
    [
      'a percent sign in a path (property)',
      { findings: [finding('src/100%.ts', 1)] },
      `::error file=apps/api/src/100%25.ts,line=1,col=16,title=PrismaClient outside the singleton::new PrismaClient() outside the singleton`,
    ],
    [
      'CR and LF in a path (property)',
      { findings: [finding('src/a\r\nb.ts', 2)] },
      `::error file=apps/api/src/a%0D%0Ab.ts,line=2,col=16,title=PrismaClient outside the singleton::new PrismaClient() outside the singleton`,
    ],
    ['%, CR and LF in a message (data)', { notes: ['100% sure\r\nnext line'] }, '::warning title=prisma-singleton-codemod::100%25 sure%0D%0Anext line'],
    ['a colon and a comma in a message, left as they are (data)', { notes: ['one: two, three'] }, '::warning title=prisma-singleton-codemod::one: two, three'],
  ])('escapes %s', (_name, plan, expected) => {
    const output = lines(runResult(plan));
    expect(output[0]).toBe(expected);
  });

  it('escapes the project path in a file property: % and the comma', () => {
    const output = lines(runResult({ findings: [finding('src/a.ts', 1)] }, { root: '/work/repo/50%,off' }));
    expect(output[0]).toBe(
      '::error file=50%25%2Coff/src/a.ts,line=1,col=16,title=PrismaClient outside the singleton::new PrismaClient() outside the singleton',
    );
  });

  it('keeps a file name that looks like a command inside a stop-commands block, one line per site', () => {
    const evil = 'src/x\n::error::injected ##[warning]too.ts';
    const output = lines(runResult({ findings: [...manyFindings(10), finding(evil, 99)] }));
    const commands = output.filter((line) => line.startsWith('::'));
    expect(commands.some((line) => line.startsWith('::error::injected'))).toBe(false);
    const [list] = plainBlocks(output);
    expect(list).toHaveLength(11);
    expect(list?.[10]).toBe(`apps/api/src/x\\n::error::injected ##[warning]too.ts:99:16 new PrismaClient() outside the singleton`);
  });
});

describe('github reporter: what is annotated', () => {
  it('annotates a site to rewrite and one that needs a person as errors, and an allowed site not at all', () => {
    const output = lines(
      runResult({
        findings: [
          finding('src/routes/user.ts', 6),
          finding('src/jobs/worker.ts', 12, 'review', 'reassigned-binding'),
          finding('src/user.test.ts', 7, 'allowed', 'role-test'),
        ],
        leftAlone: { test: 1, seed: 0, script: 0 },
      }),
    );
    expect(annotations(output, 'error')).toEqual([
      `::error file=apps/api/src/routes/user.ts,line=6,col=16,title=PrismaClient outside the singleton::new PrismaClient() outside the singleton`,
      `::error file=apps/api/src/jobs/worker.ts,line=12,col=16,title=PrismaClient needs review::new PrismaClient() outside the singleton needs a person: ${REASONS['reassigned-binding']}`,
    ]);
    expect(output.join('\n')).not.toContain('user.test.ts');
    expect(plainBlocks(output)).toEqual([['2 PrismaClient instantiations outside the singleton in 2 files', 'left alone: 1 test; --all includes them', FIX]]);
  });

  it('names what a site is when it is no `new`: a class handed on, a Reflect.construct, a class listed in a Nest module', () => {
    const output = lines(
      runResult({
        findings: [
          finding('src/di/container.ts', 4, 'review', 'client-class-handed-on'),
          finding('src/make.ts', 3, 'review', 'reflect-construct'),
          finding('src/users/users.module.ts', 8, 'review', 'nest-client-provider'),
          finding('src/users/users.service.ts', 9, 'review', 'client-subclass'),
        ],
      }),
    );
    expect(annotations(output, 'error').map((line) => line.split('::')[2]?.split(' outside')[0])).toEqual([
      'client class handed on',
      'Reflect.construct(PrismaClient)',
      'client class provided',
      // A subclass's sites include each `new` of it: they keep the `new` label.
      'new PrismaClient()',
    ]);
  });

  it('annotates skipped files as warnings, with the position of a parse error', () => {
    const skipped: Skip[] = [
      { path: 'src/broken.ts', reason: 'parse-error', line: 3, column: 5, detail: "',' expected." },
      { path: 'src/huge.ts', reason: 'too-large' },
    ];
    expect(annotations(lines(runResult({ skipped })), 'warning')).toEqual([
      `::warning file=apps/api/src/broken.ts,line=3,col=5,title=File skipped::apps/api/src/broken.ts ${SKIP_REASONS['parse-error']} (',' expected.)`,
      `::warning file=apps/api/src/huge.ts,title=File skipped::apps/api/src/huge.ts ${SKIP_REASONS['too-large']}`,
    ]);
  });

  it('prints paths relative to the working directory, POSIX', () => {
    const output = lines(runResult({ findings: [finding('src/modules/chat/chat.agent.ts', 6)] }, { root: '/work/repo' }));
    expect(output[0]).toMatch(/^::error file=src\/modules\/chat\/chat\.agent\.ts,line=6,col=16,/);
    expect(output.at(-2)).toBe('fix: npx prisma-singleton-codemod .');
  });
});

describe('github reporter: the 10-annotation cap', () => {
  it.each([
    [0, 0, undefined],
    [10, 10, undefined],
    [
      11,
      10,
      '::notice title=More than GitHub annotates::1 more PrismaClient instantiation outside the singleton is not annotated (GitHub shows 10 errors per step); the log lists all 11',
    ],
    [
      13,
      10,
      '::notice title=More than GitHub annotates::3 more PrismaClient instantiations outside the singleton are not annotated (GitHub shows 10 errors per step); the log lists all 13',
    ],
  ])('%i findings give %i error annotations and the right overflow notice', (count, annotated, notice) => {
    const output = lines(runResult({ findings: manyFindings(count) }));
    const errors = annotations(output, 'error');
    expect(errors).toHaveLength(annotated);
    expect(errors.map((line) => /file=([^,]+)/.exec(line)?.[1])).toEqual(manyFindings(annotated).map((f) => `apps/api/${f.path}`));
    expect(annotations(output, 'notice')).toEqual(notice ? [notice] : []);
    const blocks = plainBlocks(output);
    if (count <= 10) {
      expect(output).not.toContain(`::group::All ${count} PrismaClient instantiations outside the singleton`);
      expect(blocks).toHaveLength(1);
      return;
    }
    // The group holds every site as a plain line, the annotated ones too, in order; the summary block follows.
    const group = output.indexOf(`::group::All ${count} PrismaClient instantiations outside the singleton`);
    expect(group).toBeGreaterThan(output.indexOf(notice ?? ''));
    expect(output.indexOf('::endgroup::')).toBeGreaterThan(group);
    expect(blocks[0]).toEqual(manyFindings(count).map((f) => `apps/api/${f.path}:${f.line}:16 new PrismaClient() outside the singleton`));
    expect(blocks[1]).toEqual([`${count} PrismaClient instantiations outside the singleton in ${count} files`, FIX]);
  });

  it('caps warnings on their own: 12 skipped files give 10 warnings and a notice, next to uncapped errors', () => {
    const skipped: Skip[] = Array.from({ length: 12 }, (_, i) => ({ path: `src/bad${String(i).padStart(2, '0')}.ts`, reason: 'binary' }));
    const output = lines(runResult({ skipped, findings: manyFindings(2) }));
    expect(annotations(output, 'error')).toHaveLength(2);
    expect(annotations(output, 'warning')).toHaveLength(10);
    expect(annotations(output, 'notice')).toEqual([
      '::notice title=More than GitHub annotates::2 more warnings are not annotated (GitHub shows 10 warnings per step); the log lists all 12',
    ]);
    expect(output).toContain('::group::All 12 warnings');
    expect(plainBlocks(output)[0]).toHaveLength(12);
  });
});

describe('github reporter: modes', () => {
  it('prints only the clean summary for an empty check', () => {
    const output = lines(runResult({}, {}, { scanned: 7 }));
    expect(output.filter((line) => line.startsWith('::') && !line.startsWith('::stop-commands::') && !/^::psc-[0-9a-f]{16}::$/.test(line))).toEqual([]);
    expect(plainBlocks(output)).toEqual([['no PrismaClient instantiation outside the singleton; 7 files scanned']]);
  });

  it('ends a dry run with a notice saying what would change, the sites still annotated', () => {
    const output = lines(
      runResult(
        {
          findings: [finding('src/a.ts', 1), finding('src/b.ts', 2)],
          changes: [
            { path: 'src/a.ts', before: 'x', after: 'y' },
            { path: 'src/b.ts', before: 'x', after: 'y' },
            { path: 'src/lib/prisma.ts', before: null, after: 'z' },
          ],
          singleton: { path: 'src/lib/prisma.ts', created: true, exportName: 'prisma' },
        },
        { mode: 'dry-run' },
      ),
    );
    expect(annotations(output, 'error')).toHaveLength(2);
    expect(output.at(-1)).toBe(
      '::notice title=prisma-singleton-codemod::2 files would be changed, 2 instantiations would be replaced; singleton would be created: apps/api/src/lib/prisma.ts; dry run: nothing was written',
    );
  });

  it('after an apply, annotates only the sites left for a person and says what was written', () => {
    const output = lines(
      runResult(
        {
          findings: [finding('src/a.ts', 1), finding('src/b.ts', 2, 'review', 'unsupported-position')],
          changes: [
            { path: 'src/a.ts', before: 'x', after: 'y' },
            { path: 'src/lib/prisma.ts', before: null, after: 'z' },
          ],
          singleton: { path: 'src/lib/prisma.ts', created: true, exportName: 'prisma' },
          warnings: [{ path: 'src/a.ts', line: 9, column: 3, kind: 'disconnect-removed', needsPerson: false }],
        },
        { mode: 'apply' },
        { applied: true },
      ),
    );
    expect(annotations(output, 'error')).toEqual([
      `::error file=apps/api/src/b.ts,line=2,col=16,title=PrismaClient needs review::new PrismaClient() outside the singleton needs a person: ${REASONS['unsupported-position']}`,
    ]);
    expect(annotations(output, 'warning')).toHaveLength(1);
    expect(annotations(output, 'warning')[0]).toMatch(/^::warning file=apps\/api\/src\/a\.ts,line=9,col=3,title=Shared client::/);
    expect(output.at(-1)).toBe(
      '::notice title=prisma-singleton-codemod::1 file changed, 1 instantiation replaced; singleton created: apps/api/src/lib/prisma.ts; 1 left for review',
    );
  });

  it('says there is nothing to change when an apply finds nothing', () => {
    expect(lines(runResult({}, { mode: 'apply' }))).toEqual(['::notice title=prisma-singleton-codemod::nothing to change']);
  });

  it('writes the same bytes for the same result', () => {
    const result = runResult({ findings: manyFindings(13) });
    expect(github(result, { cwd: CWD, color: false, version: '1.2.3' })).toEqual(github(result, { cwd: CWD, color: true, version: '1.2.3' }));
  });
});

describe('github reporter through the built CLI', () => {
  it('is chosen when GITHUB_ACTIONS=true and no --reporter is given', async () => {
    const work = tempDir();
    temps.push(work);
    copyTree(join(FIXTURES, 'seed-15-files', 'before'), work);

    const cli = await runCli(['apps/api', '--check'], work, { GITHUB_ACTIONS: 'true' });
    expect(cli.status).toBe(1);
    // stdout: annotations and the full list; stderr: the verdict, with the fix command once.
    expect(plainBlocks(cli.stderr.trimEnd().split('\n'))).toEqual([
      ['15 PrismaClient instantiations outside the singleton in 15 files', 'left alone: 1 test; --all includes them', FIX],
    ]);
    const output = cli.stdout.trimEnd().split('\n');
    expect(annotations(output, 'error')).toHaveLength(10);
    expect(annotations(output, 'error')[0]).toMatch(/^::error file=apps\/api\/src\/index\.ts,line=15,col=16,/);
    expect(annotations(output, 'notice')[0]).toContain('5 more PrismaClient instantiations outside the singleton are not annotated');
    expect(plainBlocks(output)[0]).toHaveLength(15);
  });
});
