import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packageEntry } from '../../src/discover/package-entry.js';
import { enclosingWorkspace, pnpmPatterns, workspaceAt, workspaceUnits } from '../../src/discover/workspaces.js';
import { remove, tempDir, writeFiles } from '../support/helpers.js';

const temps: string[] = [];
afterAll(() => temps.forEach(remove));

function tree(files: Record<string, string>): string {
  const dir = tempDir();
  temps.push(dir);
  writeFiles(dir, files);
  return dir;
}

const pkg = (name: string, deps: Record<string, string> = {}, extra: object = {}): string => JSON.stringify({ name, dependencies: deps, ...extra });

describe('workspaceAt', () => {
  it.each([
    ['npm workspaces as an array', { 'package.json': JSON.stringify({ workspaces: ['apps/*', 'packages/*'] }) }, 'npm'],
    ['yarn workspaces as { packages }', { 'package.json': JSON.stringify({ workspaces: { packages: ['apps/*', 'packages/*'] } }) }, 'npm'],
    ['pnpm-workspace.yaml', { 'package.json': '{}', 'pnpm-workspace.yaml': 'packages:\n  - \'apps/*\'\n  - "packages/*" # shared\n' }, 'pnpm'],
    // Round 7: `./apps/*` found each package twice (once as `./apps/api`), and every site was reported twice.
    ['globs written from ./', { 'package.json': JSON.stringify({ workspaces: ['./apps/*', './packages/*/'] }) }, 'npm'],
    ['pnpm globs written from ./', { 'package.json': '{}', 'pnpm-workspace.yaml': 'packages:\n  - ./apps/*\n  - ./packages/*\n' }, 'pnpm'],
  ])('lists the packages when the root declares them by %s', (_, declaration, kind) => {
    const root = tree({
      ...declaration,
      'apps/api/package.json': pkg('@acme/api', { '@prisma/client': '6.0.0' }),
      'apps/web/package.json': pkg('@acme/web', { '@acme/db': 'workspace:*' }),
      'packages/db/package.json': pkg('@acme/db'),
      'apps/api/node_modules/x/package.json': pkg('x'),
    });
    const workspace = workspaceAt(root);
    expect(workspace?.kind).toBe(kind);
    expect(workspace?.packages.map((p) => [p.dir, p.name])).toEqual([
      ['apps/api', '@acme/api'],
      ['apps/web', '@acme/web'],
      ['packages/db', '@acme/db'],
    ]);
    expect([...(workspace?.packages[1]?.dependencies ?? [])]).toEqual(['@acme/db']);
  });

  it('leaves out folders a negated pattern excludes', () => {
    const root = tree({
      'package.json': JSON.stringify({ workspaces: ['apps/*', '!apps/legacy'] }),
      'apps/api/package.json': pkg('api'),
      'apps/legacy/package.json': pkg('legacy'),
    });
    expect(workspaceAt(root)?.packages.map((p) => p.dir)).toEqual(['apps/api']);
  });

  // Planned as part of the root, such a package was rewritten to import a singleton created at the repository root.
  it('adds the Prisma packages the declared globs leave out, beside the declared ones', () => {
    const root = tree({
      'package.json': pkg('mono'),
      'pnpm-workspace.yaml': 'packages:\n  - "packages/*"\n',
      'packages/web/package.json': pkg('web', { react: '19.0.0' }),
      'packages/web/tools/package.json': pkg('web-tools', { '@prisma/client': '6.0.0' }),
      'legacy-api/package.json': pkg('legacy-api', { '@prisma/client': '5.20.0' }),
      'docs/package.json': pkg('docs', { vitepress: '1.0.0' }),
    });
    expect(workspaceAt(root)).toMatchObject({ kind: 'pnpm', packages: [{ dir: 'legacy-api' }, { dir: 'packages/web' }] });
  });

  it('takes Nx project.json roots in an integrated repo with one package.json', () => {
    const root = tree({ 'package.json': pkg('repo'), 'nx.json': '{}', 'apps/api/project.json': '{}', 'libs/db/project.json': '{}' });
    expect(workspaceAt(root)).toMatchObject({ kind: 'nx', packages: [{ dir: 'apps/api' }, { dir: 'libs/db' }] });
  });

  it('finds undeclared packages by the Prisma they depend on or the schema they hold, and only those the caller accepts', () => {
    const root = tree({
      'server/package.json': pkg('server', { '@prisma/client': '6.0.0' }),
      'client/package.json': pkg('client', { react: '19.0.0' }),
      'db/package.json': pkg('db'),
      'db/prisma/schema.prisma': 'generator client {\n  provider = "prisma-client-js"\n}\n',
      'test/fixtures/app/package.json': pkg('fixture', { prisma: '6.0.0' }),
    });
    expect(workspaceAt(root)?.packages.map((p) => p.dir)).toEqual(['db', 'server', 'test/fixtures/app']);
    expect(workspaceAt(root, (dir) => !dir.startsWith('test/'))?.packages.map((p) => p.dir)).toEqual(['db', 'server']);
  });

  // Prisma writes a package.json and a copy of the schema into a generated client's folder: committed, it is not a package.
  it('never takes a committed generated client for a package', () => {
    const schema = 'generator client {\n  provider = "prisma-client-js"\n}\n';
    const root = tree({
      'package.json': pkg('api', { '@prisma/client': '4.16.0' }),
      'src/db/prisma-client-js/package.json': pkg('.prisma/client', {}, { main: 'index.js' }),
      'src/db/prisma-client-js/schema.prisma': schema,
      'src/generated/client/package.json': pkg(`prisma-client-${'7bd8e200'.repeat(8)}`, {}, { main: 'index.js' }),
      'src/generated/client/schema.prisma': schema,
    });
    expect(workspaceAt(root)).toBeUndefined();
    expect(workspaceAt(tree({ 'tools/prisma-client-admin/package.json': pkg('prisma-client-admin', { '@prisma/client': '6.0.0' }) }))?.packages).toHaveLength(
      1,
    );
  });

  it('is undefined for a plain project', () => {
    expect(workspaceAt(tree({ 'package.json': pkg('app', { '@prisma/client': '6.0.0' }), 'src/index.ts': '' }))).toBeUndefined();
  });
});

describe('pnpmPatterns', () => {
  it('reads block and inline lists, quoted or not, with comments', () => {
    expect(pnpmPatterns("packages:\n  - apps/*\n  - 'packages/*' # libs\ncatalog:\n  react: 19\n")).toEqual(['apps/*', 'packages/*']);
    expect(pnpmPatterns('packages: [\'apps/*\', "tools/*"]\n')).toEqual(['apps/*', 'tools/*']);
    expect(pnpmPatterns('catalog:\n  react: 19\n')).toEqual([]);
  });
});

describe('enclosingWorkspace and workspaceUnits', () => {
  it('finds the workspace and the package that hold a folder below it, up to the git top', () => {
    const root = tree({
      'package.json': JSON.stringify({ workspaces: ['apps/*'] }),
      'apps/api/package.json': pkg('api'),
      'apps/api/src/index.ts': '',
    });
    expect(enclosingWorkspace(join(root, 'apps/api/src'))?.member?.dir).toBe('apps/api');
    mkdirSync(join(root, 'apps/api/.git'));
    expect(enclosingWorkspace(join(root, 'apps/api/src'))).toBeUndefined();
  });

  it('plans nested packages apart from the package around them, and the root without any of them', () => {
    const root = tree({
      'package.json': JSON.stringify({ workspaces: ['apps/*', 'apps/web/*'] }),
      'apps/web/package.json': pkg('web'),
      'apps/web/admin/package.json': pkg('admin'),
    });
    const workspace = workspaceAt(root);
    if (!workspace) throw new Error('no workspace');
    expect(workspaceUnits(workspace).map((u) => [u.dir, u.otherProjects])).toEqual([
      ['apps/web', ['admin']],
      ['apps/web/admin', []],
      ['', ['apps/web', 'apps/web/admin']],
    ]);
  });
});

describe('packageEntry', () => {
  it.each([
    ['an exports string', { exports: './src/main.ts' }, { 'src/main.ts': 'a' }, 'src/main.ts'],
    ['exports conditions, types first', { exports: { '.': { types: './src/index.ts', default: './dist/index.js' } } }, { 'src/index.ts': 'a' }, 'src/index.ts'],
    ['main in build output, mapped back to its source', { main: 'dist/client.js' }, { 'src/client.ts': 'a' }, 'src/client.ts'],
    ['types naming a declaration file', { types: 'dist/index.d.ts' }, { 'src/index.ts': 'a' }, 'src/index.ts'],
    ['nothing declared', {}, { 'src/index.ts': 'a', 'index.js': 'b' }, 'src/index.ts'],
    ['an extensionless main', { main: './lib/db' }, { 'lib/db/index.ts': 'a' }, 'lib/db/index.ts'],
  ])('resolves %s', (_, manifest, files, expected) => {
    const root = tree({ 'package.json': JSON.stringify(manifest), ...files });
    expect(packageEntry(root)?.path).toBe(expected);
  });

  it('is undefined when no entry exists', () => {
    expect(packageEntry(tree({ 'package.json': JSON.stringify({ main: 'dist/index.js' }) }))).toBeUndefined();
  });
});
