import { afterAll, describe, expect, it } from 'vitest';
import { remove, runCli, tempDir, writeFiles } from '../support/helpers.js';

// A file the tool could not read or parse may create a client: the run exits 1, and its verdict line must say so
// instead of a green "no PrismaClient instantiation" over files it never saw.
const temps: string[] = [];
afterAll(() => temps.forEach(remove));

const PACKAGE_JSON = '{ "name": "app", "dependencies": { "@prisma/client": "6.0.0" } }\n';
const BROKEN = "import { PrismaClient } from '@prisma/client';\nexport const p = new PrismaClient(;\n";
const CLIENT = "import { PrismaClient } from '@prisma/client';\nexport const q = new PrismaClient();\n";

function project(files: Record<string, string>): string {
  const dir = tempDir('psc-unchecked-');
  temps.push(dir);
  writeFiles(dir, { 'package.json': PACKAGE_JSON, 'src/ok.ts': 'export const a = 1;\n', 'src/bad.ts': BROKEN, ...files });
  return dir;
}

describe('a run that could not check every file', () => {
  it('--check: no green verdict, the unchecked count, exit 1', async () => {
    const result = await runCli(['.', '--check'], project({}));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('skipped src/bad.ts:2:35 does not parse');
    expect(result.stderr).toContain(
      '✖ could not check 1 file (skipped above), so this is not a pass; no PrismaClient instantiation outside the singleton in the other 1 file',
    );
    expect(result.stderr).not.toContain('✔');
  });

  it('--check with sites: the count, and that more may hide in the unchecked files', async () => {
    const result = await runCli(['.', '--check'], project({ 'src/good.ts': CLIENT }));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('✖ 1 PrismaClient instantiation outside the singleton in 1 file');
    expect(result.stderr).toContain('  not checked: 1 file (skipped above), which may create more');
  });

  it('--check --reporter github: the same verdict in the log', async () => {
    const result = await runCli(['.', '--check', '--reporter', 'github'], project({}));
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('::warning file=src/bad.ts,line=2,col=35,title=File skipped::');
    expect(result.stderr).toContain('could not check 1 file (skipped above), so this is not a pass');
    expect(result.stderr).not.toContain('no PrismaClient instantiation outside the singleton;');
  });

  it('--dry-run: nothing to change is not a green line either', async () => {
    const result = await runCli(['.', '--dry-run'], project({}));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('✖ could not check 1 file (skipped above); nothing to change in the other 1 file');
    expect(result.stderr).not.toContain('✔');
  });

  it('--dry-run with sites: the plan, and the files it could not check', async () => {
    const result = await runCli(['.', '--dry-run'], project({ 'src/good.ts': CLIENT }));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('✔ 1 file would be changed, 1 instantiation would be replaced');
    expect(result.stderr).toContain('  not checked: 1 file (skipped above), which may create more');
  });
});
