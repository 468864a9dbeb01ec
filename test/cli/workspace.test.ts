import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commitAll, git, reportedSites } from '../support/git-repo.js';
import { copyFixture, readTree, remove, runCli, tempDir, writeFiles } from '../support/helpers.js';

const temps: string[] = [];
afterAll(() => temps.forEach(remove));

const SITE = "import { PrismaClient } from '@prisma/client';\n\nexport const prisma = new PrismaClient();\n";

describe('a run inside one package of a workspace', () => {
  it('imports the shared db package by name, as a run at the root does', async () => {
    const root = copyFixture('workspace-pnpm-shared-db', temps);
    const result = await runCli(['apps/web'], root);
    expect(result.status, result.stderr).toBe(0);
    const atRoot = copyFixture('workspace-pnpm-shared-db', temps, 'after');
    expect(readTree(join(root, 'apps/web'))).toEqual(readTree(join(atRoot, 'apps/web')));
    expect(result.stderr).toContain('shared client of @acme/db: packages/db/src/client.ts');
  });

  it('applies the workspace root .gitignore to the package, with git and without it', async () => {
    for (const withGit of [false, true]) {
      const root = copyFixture('workspace-npm-two-apps', temps);
      writeFiles(root, { '.gitignore': 'apps/api/src/legacy/\n', 'apps/api/src/legacy/old.ts': SITE });
      if (withGit) git(root, 'init', '-q');
      for (const [target, cwd] of [
        ['apps/api', root],
        ['.', join(root, 'apps/api')],
      ] as const) {
        const check = await runCli([target, '--check'], cwd);
        expect(check.stdout, `git: ${withGit}`).not.toContain('legacy/old.ts');
        expect(reportedSites(check.stdout)).toHaveLength(2);
      }
    }
  });
});

describe('a run at a workspace root', () => {
  it('--check --changed-since reports only the new site, with a path from the root, from the root and from the package', async () => {
    const root = copyFixture('workspace-npm-two-apps', temps, 'after');
    git(root, 'init', '-q', '-b', 'main');
    commitAll(root, 'migrated');
    writeFiles(root, { 'apps/worker/src/jobs/cleanup.ts': SITE });
    const atRoot = await runCli(['.', '--check', '--changed-since', 'HEAD'], root);
    expect(atRoot.status).toBe(1);
    expect(reportedSites(atRoot.stdout)).toEqual(['apps/worker/src/jobs/cleanup.ts:3']);
    const inPackage = await runCli(['.', '--check', '--changed-since', 'HEAD'], join(root, 'apps/worker'));
    expect(reportedSites(inPackage.stdout)).toEqual(['src/jobs/cleanup.ts:3']);
  });

  it("--check's package lines count a left-alone seed apart from the sites outside the singleton", async () => {
    const root = copyFixture('workspace-npm-two-apps', temps, 'after');
    writeFiles(root, { 'apps/api/prisma/seed.ts': SITE });
    const check = await runCli(['.', '--check'], root);
    expect(check.status, check.stderr).toBe(0);
    const line = check.stderr.split('\n').find((l) => l.includes('(@travel/api)'));
    expect(line).toContain('0 sites outside the singleton, 1 left alone;');
  });

  it("the dry run's package lines count a left-alone seed apart too (they counted it as a site)", async () => {
    const root = copyFixture('workspace-npm-two-apps', temps);
    writeFiles(root, { 'apps/api/prisma/seed.ts': SITE, 'apps/worker/prisma/seed.ts': SITE });
    const dryRun = await runCli(['.', '--dry-run'], root);
    expect(dryRun.stderr).toContain('apps/api (@travel/api): 2 sites, 1 left alone, 2 files would be changed;');
    // A package whose only client is its seed has nothing to change.
    writeFiles(root, { 'apps/worker/src/jobs/purge.ts': 'export {};\n', 'apps/worker/src/jobs/reminders.ts': 'export {};\n' });
    const seedOnly = await runCli(['.', '--dry-run'], root);
    expect(seedOnly.stderr).toContain('apps/worker (@travel/worker): nothing to change, 1 left alone');
  });

  // Round 4 (kulaizki/exort): the dry run said "the application already uses apps/api/src/lib/prisma.ts" of a workspace
  // whose apps each have their own, as if the web app used the API's.
  it('a migrated workspace: the dry run and the GitHub notice name every package singleton, as --check does', async () => {
    const root = copyFixture('workspace-npm-two-apps', temps, 'after');
    const check = await runCli(['.', '--check'], root);
    const named = /outside the singletons \(([^)]+)\)/.exec(check.stderr)?.[1];
    expect(named?.split(', ')).toHaveLength(2);
    const dryRun = await runCli(['.', '--dry-run'], root);
    expect(dryRun.status, dryRun.stderr).toBe(0);
    expect(dryRun.stderr).toContain(`✔ nothing to change: each package already uses its singleton (${named})`);
    const github = await runCli(['.', '--dry-run', '--reporter', 'github'], root);
    expect(github.stdout).toContain(`nothing to change: each package already uses its singleton (${named})`);
  });

  it('reports each package in JSON: sites, files changed and the singleton each uses', async () => {
    const root = copyFixture('workspace-pnpm-shared-db', temps);
    const result = await runCli(['.', '--dry-run', '--reporter', 'json'], root);
    const report = JSON.parse(result.stdout) as { packages: Array<{ dir: string; sites: number; changed: number; singletons: unknown[] }> };
    expect(report.packages).toEqual([
      {
        dir: 'apps/web',
        name: '@acme/web',
        scanned: 4,
        sites: 2,
        changed: 2,
        singletons: [
          { path: 'packages/db/src/client.ts', repositoryPath: 'packages/db/src/client.ts', wouldCreate: false, exportName: 'prisma', packageName: '@acme/db' },
        ],
      },
      {
        dir: 'packages/db',
        name: '@acme/db',
        scanned: 2,
        sites: 0,
        changed: 0,
        singletons: [{ path: 'packages/db/src/client.ts', repositoryPath: 'packages/db/src/client.ts', wouldCreate: false, exportName: 'prisma' }],
      },
    ]);
  });

  it('puts a --singleton path in the package that holds it; the other packages keep the default', async () => {
    const root = copyFixture('workspace-npm-two-apps', temps);
    const result = await runCli(['.', '--singleton', 'apps/api/src/db.ts'], root);
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(join(root, 'apps/api/src/routes/trips.ts'), 'utf8')).toContain("from '../db.js'");
    expect(readFileSync(join(root, 'apps/worker/src/jobs/purge.ts'), 'utf8')).toContain("from '../lib/prisma'");
  });

  it('plans the root’s own files too, where scripts keep their clients', async () => {
    const root = copyFixture('workspace-npm-two-apps', temps);
    writeFiles(root, { 'scripts/backfill.ts': SITE });
    const result = await runCli(['.', '--dry-run'], root);
    expect(result.stderr).toContain('left alone: 1 script');
    expect(result.stdout).not.toContain('scripts/backfill.ts');
  });

  it('with two shared db packages, takes the one the package imports most and names the other', async () => {
    const root = copyFixture('workspace-pnpm-shared-db', temps);
    const db = readTree(join(root, 'packages/db'));
    writeFiles(
      root,
      Object.fromEntries(
        Object.entries(db).map(([path, text]) => [`packages/db2/${path}`, path === 'package.json' ? text.replace('@acme/db', '@acme/db2') : text]),
      ),
    );
    const web = JSON.parse(readFileSync(join(root, 'apps/web/package.json'), 'utf8')) as { dependencies: Record<string, string> };
    writeFiles(root, { 'apps/web/package.json': JSON.stringify({ ...web, dependencies: { ...web.dependencies, '@acme/db2': 'workspace:*' } }) });
    const result = await runCli(['.', '--dry-run'], root);
    expect(result.stdout).toContain("+import { prisma } from '@acme/db';");
    expect(result.stderr).toContain('apps/web: shares the client of @acme/db (the most imported); other candidates: @acme/db2');
  });
});

describe('a shared db package reached through a tsconfig path', () => {
  it('is imported by the alias when the package is not a dependency by name', async () => {
    const root = copyFixture('workspace-pnpm-shared-db', temps);
    const web = JSON.parse(readFileSync(join(root, 'apps/web/package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const { '@acme/db': _, ...dependencies } = web.dependencies;
    const tsconfig = JSON.parse(readFileSync(join(root, 'apps/web/tsconfig.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } };
    tsconfig.compilerOptions.paths = { '@/*': ['./*'], '#db': ['../../packages/db/src/client.ts'] };
    writeFiles(root, {
      'apps/web/package.json': JSON.stringify({ ...web, dependencies }),
      'apps/web/tsconfig.json': JSON.stringify(tsconfig),
      'apps/web/lib/users.ts': "import { prisma } from '#db';\n\nexport const findUser = (id: number) => prisma.user.findUnique({ where: { id } });\n",
    });
    const result = await runCli(['.'], root);
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(join(root, 'apps/web/lib/admin.ts'), 'utf8')).toContain("import { prisma as db } from '#db';");
  });
});

describe('a db package that passes the client module on whole', () => {
  it.each([
    ['a CommonJS shim', 'index.js', "module.exports = require('@prisma/client');\n"],
    ['a default export of the module', 'index.ts', "import pkg from '@prisma/client';\n\nexport default pkg;\n"],
  ])('is a client module to the packages that import it: %s', async (_name, entry, text) => {
    const root = tempDir('psc-ws-shim-');
    temps.push(root);
    writeFiles(root, {
      'package.json': '{ "name": "root", "private": true, "workspaces": ["apps/*", "packages/*"] }\n',
      'packages/db/package.json': `{ "name": "@repo/db", "main": "${entry}", "dependencies": { "@prisma/client": "^6.0.0" } }\n`,
      [`packages/db/${entry}`]: text,
      'apps/api/package.json': '{ "name": "@repo/api", "dependencies": { "@repo/db": "*" } }\n',
      'apps/api/src/users.js':
        "const { PrismaClient } = require('@repo/db');\n\nconst db = new PrismaClient();\n\nmodule.exports = { count: () => db.user.count() };\n",
    });
    const check = await runCli(['.', '--check'], root);
    expect(check.status, check.stderr).toBe(1);
    expect(check.stdout).toBe('apps/api/src/users.js:3:12 new PrismaClient() outside the singleton\n');
  });
});
