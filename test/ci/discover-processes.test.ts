import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, remove, tempDir, writeFiles } from '../support/helpers.js';

// Discovery in real processes: a walk that never ends must be killed, not left spinning in a test worker, and the
// open-files limit is a property of a process.
const temps: string[] = [];
afterAll(() => temps.forEach(remove));

function client(name = 'prisma'): string {
  return `import { PrismaClient } from '@prisma/client';\nexport const ${name} = new PrismaClient();\n`;
}

function project(files: Record<string, string>): string {
  const root = tempDir('psc-scan-');
  temps.push(root);
  writeFiles(root, files);
  return root;
}

const FILES = 3_000;
const every = FILES / 20;

function manyFiles(): { root: string; sites: string[] } {
  const root = tempDir('psc-scan-many-');
  temps.push(root);
  const sites: string[] = [];
  for (let i = 0; i < FILES; i += 1) {
    const path = `src/modules/m${String(Math.floor(i / 100)).padStart(2, '0')}/file${String(i).padStart(4, '0')}.ts`;
    const absolute = join(root, path);
    if (i % 100 === 0) mkdirSync(dirname(absolute), { recursive: true });
    if (i % every === 7) {
      sites.push(path);
      writeFileSync(absolute, `import { PrismaClient } from '@prisma/client';\nexport const db = new PrismaClient();\n`);
    } else {
      writeFileSync(absolute, `import type { PrismaClient } from '@prisma/client';\nexport const value${i} = ${i};\n`);
    }
  }
  return { root, sites };
}
describe('discovery in a real process', () => {
  // Discovery runs in a child process so that a walk that never ends is killed, not left spinning in the worker.
  const loops: ReadonlyArray<{ name: string; links: ReadonlyArray<readonly [string, string]> }> = [
    { name: 'a folder link to its parent', links: [['..', 'src/loop']] },
    {
      name: 'two folder links to their ancestors',
      links: [
        ['..', 'src/loop'],
        ['../..', 'src/feature/up'],
      ],
    },
  ];

  it.each(loops)(
    'finishes discovery promptly with $name',
    ({ links }) => {
      const root = project({ '.gitignore': '*.log\n', 'src/db.ts': client(), 'src/feature/users.ts': 'export const users = [];\n' });
      for (const [target, path] of links) symlinkSync(target, join(root, path));
      const started = Date.now();
      const result = spawnSync(process.execPath, [BIN, '.', '--check'], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '' },
        timeout: 20_000,
        killSignal: 'SIGKILL',
      });
      expect({ signal: result.signal, status: result.status }).toEqual({ signal: null, status: 1 });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(result.stdout.split('\n').filter((line) => line.endsWith(' outside the singleton'))).toEqual([
        'src/db.ts:2:23 new PrismaClient() outside the singleton',
      ]);
    },
    30_000,
  );
  it('--check names all 20 under a low open-files limit, with nothing skipped', () => {
    const { root, sites } = manyFiles();
    const result = spawnSync('bash', ['-c', `ulimit -n 256 && exec "${process.execPath}" "${BIN}" . --check`], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '' },
      timeout: 50_000,
    });
    expect(result.status).toBe(1);
    const named = result.stdout.split('\n').filter((line) => line.endsWith(' outside the singleton'));
    expect(named).toEqual(sites.map((path) => `${path}:2:19 new PrismaClient() outside the singleton`));
    expect(result.stderr).not.toContain('skipped');
    expect(result.stderr).toContain('✖ 20 PrismaClient instantiations outside the singleton in 20 files');
  }, 60_000);
});
