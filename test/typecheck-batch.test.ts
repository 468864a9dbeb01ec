import { afterAll, describe, expect, it } from 'vitest';
import { installStubs, remove, tempDir, writeFiles } from './support/helpers.js';
import { typecheckProject, typecheckProjects } from './support/typecheck.js';

const temps: string[] = [];
afterAll(() => temps.forEach(remove));

const TSCONFIG = JSON.stringify({
  compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, types: ['node'] },
});

function project(source: string): string {
  const dir = tempDir();
  temps.push(dir);
  writeFiles(dir, { 'tsconfig.json': TSCONFIG, 'package.json': '{ "type": "module" }', 'src/index.ts': source });
  installStubs(dir);
  return dir;
}

describe('typecheckProjects (the fixtures type-check in shared programs)', () => {
  it('blames only the broken project of a shared program, in the words typecheckProject uses', () => {
    const good = project("import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n");
    const broken = project("import { PrismaClient } from '@prisma/client';\nexport const count: string = new PrismaClient();\n");
    const results = typecheckProjects([good, broken, good].map((dir) => ({ dir, tsconfig: 'tsconfig.json' })));
    expect(results[0]).toEqual([]);
    expect(results[2]).toEqual([]);
    expect(results[1]).toEqual(typecheckProject(broken));
    expect(results[1]?.[0]).toMatch(/^src\/index\.ts\(2,14\): error TS2322/);
  });

  it('does not blame two projects that each declare the same global script names', () => {
    // Scripts (no import or export): one global scope when they share a program, where the two consts clash.
    const script = 'const shared = 1;\nconsole.log(shared);\n';
    const results = typecheckProjects([project(script), project(script)].map((dir) => ({ dir, tsconfig: 'tsconfig.json' })));
    expect(results).toEqual([[], []]);
  });
});
