#!/usr/bin/env node
// Regenerates fixtures/<case>/after/ from before/ with the built CLI (run `npm run build` first).
// Use it when behaviour changes on purpose, then read the diff of after/ like code before committing it.
// Usage: node test/support/regenerate-fixtures.mjs [case ...]
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixtures = join(repo, 'fixtures');
const wanted = process.argv.slice(2);
for (const name of readdirSync(fixtures).sort()) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  const dir = join(fixtures, name);
  if (!existsSync(join(dir, 'before'))) continue;
  const spec = existsSync(join(dir, 'case.json')) ? JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) : {};
  const work = mkdtempSync(join(tmpdir(), 'psc-regen-'));
  cpSync(join(dir, 'before'), work, { recursive: true });
  const result = spawnSync(process.execPath, [join(repo, 'bin', 'prisma-singleton-codemod.js'), spec.target ?? '.', ...(spec.args ?? [])], {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  rmSync(join(dir, 'after'), { recursive: true, force: true });
  cpSync(work, join(dir, 'after'), { recursive: true });
  rmSync(work, { recursive: true, force: true });
  process.stdout.write(`${name}: exit ${result.status}\n`);
  if (result.status !== (spec.exitCode ?? 0)) process.stdout.write(result.stdout + result.stderr);
}
