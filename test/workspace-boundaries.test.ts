import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { moduleSpecifiersIn } from '../src/discover/specifiers.js';
import { workspaceAt } from '../src/discover/workspaces.js';
import { fixtureCases } from './support/fixture-cases.js';
import { readTree } from './support/helpers.js';

type Tree = Record<string, string>;

/**
 * Every relative specifier the tool wrote (present in after/, absent from the same file in before/, or in a file it
 * created) that resolves outside the package of the file that holds it, as `file: specifier -> target`. A specifier
 * that reaches a module some before/ file already imported by a relative path (a generated client at the workspace
 * root, carried into the singleton) is the project's own convention, not one the tool invented. Packages are the
 * workspace's (`packageDirs`, relative to the tree) and the tree's root.
 */
function escapingSpecifiers(before: Tree, after: Tree, packageDirs: readonly string[]): string[] {
  const packageOf = (path: string): string => packageDirs.filter((dir) => path.startsWith(`${dir}/`)).sort((a, b) => b.length - a.length)[0] ?? '';
  const relativeTargets = (path: string, text: string): Array<[string, string]> =>
    moduleSpecifiersIn(text)
      .filter((specifier) => specifier.startsWith('.'))
      .map((specifier) => [specifier, posix.normalize(posix.join(posix.dirname(path), specifier)).replace(/\.[cm]?[jt]sx?$/, '')]);
  const known = new Set(Object.entries(before).flatMap(([path, text]) => relativeTargets(path, text).map(([, target]) => target)));
  const out: string[] = [];
  for (const [path, text] of Object.entries(after)) {
    if (!/\.[cm]?[jt]sx?$/.test(path) || before[path] === text) continue;
    const had = new Set(moduleSpecifiersIn(before[path] ?? ''));
    const home = packageOf(path);
    for (const [specifier, target] of relativeTargets(path, text)) {
      if (had.has(specifier) || known.has(target)) continue;
      const inside = home === '' ? !target.startsWith('..') : target.startsWith(`${home}/`);
      if (!inside) out.push(`${path}: ${specifier} -> ${target}`);
    }
  }
  return out;
}

describe('no rewrite reaches into another package by a relative path', () => {
  it('flags a relative import of another package, the failure this guards against (negative control)', () => {
    const before = { 'apps/worker/src/main.ts': "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n" };
    const after = { 'apps/worker/src/main.ts': "import { prisma } from '../../api/src/lib/prisma.js';\nexport { prisma };\n" };
    expect(escapingSpecifiers(before, after, ['apps/api', 'apps/worker'])).toEqual([
      'apps/worker/src/main.ts: ../../api/src/lib/prisma.js -> apps/api/src/lib/prisma',
    ]);
    expect(escapingSpecifiers(before, { 'apps/worker/src/main.ts': "import { prisma } from '../lib/prisma';\n" }, ['apps/worker'])).toEqual([]);
  });

  const cases = fixtureCases().filter((fixture) => fixture.exitCode !== 2);
  it.each(cases)('holds in fixture $name', (fixture) => {
    const root = join(fixture.dir, 'after');
    const packageDirs = (workspaceAt(root)?.packages ?? []).map((p) => p.dir);
    const before = readTree(join(fixture.dir, 'before'));
    const after = readTree(root);
    expect(escapingSpecifiers(before, after, packageDirs)).toEqual([]);
  });

  it('covers workspaces: the workspace fixtures have packages and rewritten files in them', () => {
    const workspaces = cases.filter((fixture) => fixture.name.startsWith('workspace-'));
    expect(workspaces.length).toBeGreaterThanOrEqual(4);
    for (const fixture of workspaces) expect(workspaceAt(join(fixture.dir, 'after'))?.packages.length ?? 0).toBeGreaterThanOrEqual(2);
  });
});
