import { execFileSync, spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discover as scan } from '../../src/discover/discover.js';
import { remove, runCli, tempDir, writeFiles } from '../support/helpers.js';

const temps: string[] = [];
afterAll(() => temps.forEach(remove));

/** A file that constructs a client, so that discovery must report it as a candidate if it sees it. */
function client(name = 'prisma'): string {
  return `import { PrismaClient } from '@prisma/client';\nexport const ${name} = new PrismaClient();\n`;
}

function project(files: Record<string, string>, prefix = 'psc-scan-'): string {
  const dir = tempDir(prefix);
  temps.push(dir);
  writeFiles(dir, files);
  return dir;
}

/** Git with the user's and the system's configuration left out, so that only the repository's own rules apply. */
function git(cwd: string, args: readonly string[]): string {
  return execFileSync('git', [...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
  });
}

function gitInit(dir: string): void {
  git(dir, ['-c', 'init.defaultBranch=main', 'init', '-q']);
}

/** What git itself lists as not ignored below `cwd` (paths relative to `cwd`), limited to TypeScript sources. */
function gitVisibleSources(cwd: string): string[] {
  return git(cwd, ['ls-files', '--cached', '--others', '--exclude-standard'])
    .split('\n')
    .filter((path) => path.endsWith('.ts'))
    .sort();
}

function isInsideGit(dir: string): boolean {
  return spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir }).status === 0;
}

async function scanOf(root: string): ReturnType<typeof scan> {
  return scan(root);
}

async function discover(root: string): Promise<{ sources: string[]; candidates: string[]; skipped: Array<{ path: string; reason: string }> }> {
  const discovery = await scan(root);
  return {
    sources: [...discovery.sourcePaths].sort(),
    candidates: discovery.candidates.map((c) => c.path),
    skipped: discovery.skipped.map((s) => ({ path: s.path, reason: s.reason })),
  };
}

/**
 * One tree of ignore rules and the TypeScript files they keep. Every file constructs a client, so a file that
 * slips through shows up as a candidate as well as a source path.
 */
const IGNORE_RULES: Record<string, string> = {
  '.gitignore': ['scratch/*', '!scratch/keep.ts', '*.local.ts', '/top-only.ts', 'vendor/', '!vendor/keep.ts', ''].join('\n'),
  // Nested: ignores every .ts below src/legacy except keep.ts, at any depth.
  'src/legacy/.gitignore': '*.ts\n!keep.ts\n',
  // Nested: an anchored pattern, and a negation that re-includes what the root ignores.
  'src/feature/.gitignore': '/generated.ts\n!important.local.ts\n',
};
const IGNORE_FILES: readonly string[] = [
  'src/app.ts',
  'src/top-only.ts',
  'top-only.ts',
  'src/config.local.ts',
  'scratch/tmp.ts',
  'scratch/keep.ts',
  'src/legacy/old.ts',
  'src/legacy/keep.ts',
  'src/legacy/deep/old.ts',
  'src/legacy/deep/keep.ts',
  'src/feature/generated.ts',
  'src/feature/sub/generated.ts',
  'src/feature/important.local.ts',
  'src/feature/other.local.ts',
  'vendor/lib.ts',
  'vendor/keep.ts',
];
const IGNORE_KEPT: readonly string[] = [
  'scratch/keep.ts',
  'src/app.ts',
  'src/feature/important.local.ts',
  'src/feature/sub/generated.ts',
  'src/legacy/deep/keep.ts',
  'src/legacy/keep.ts',
  'src/top-only.ts',
];

function ignoreTree(): string {
  return project({ ...IGNORE_RULES, ...Object.fromEntries(IGNORE_FILES.map((path) => [path, client()])) });
}

describe('scan: .gitignore', () => {
  it('honours root and nested .gitignore files, anchors and negations outside a git repository', async () => {
    const dir = ignoreTree();
    expect(isInsideGit(dir)).toBe(false);
    const found = await discover(dir);
    expect(found.sources).toEqual(IGNORE_KEPT);
    expect(found.candidates).toEqual(IGNORE_KEPT);
    expect(found.skipped).toEqual([]);
  });

  it('honours the same rules inside a git repository, plus .git/info/exclude, exactly as git does', async () => {
    const dir = ignoreTree();
    gitInit(dir);
    writeFiles(dir, { '.git/info/exclude': '/src/excluded-locally.ts\n', 'src/excluded-locally.ts': client() });
    // The expectation is git's own answer, not a reading of the docs.
    expect(gitVisibleSources(dir)).toEqual(IGNORE_KEPT);
    const found = await discover(dir);
    expect(found.sources).toEqual(IGNORE_KEPT);
    expect(found.candidates).toEqual(IGNORE_KEPT);
  });

  // Git never reads a .gitignore inside an ignored folder: "it is not possible to re-include a file if a parent
  // directory of that file is excluded", whatever that folder's own .gitignore says.
  it.each(['outside', 'inside'] as const)('keeps a file ignored when its folder is ignored, even if that folder re-includes it (%s git)', async (where) => {
    const dir = project({
      '.gitignore': 'old-module/\n',
      'old-module/.gitignore': '!keep.ts\n',
      'old-module/keep.ts': client(),
      'old-module/other.ts': client(),
      'src/app.ts': client(),
    });
    if (where === 'inside') {
      gitInit(dir);
      expect(gitVisibleSources(dir)).toEqual(['src/app.ts']);
    }
    const found = await discover(dir);
    expect(found.sources).toEqual(['src/app.ts']);
  });

  it("applies the work tree's .gitignore files above a target that is a subfolder of it", async () => {
    const repo = project({
      '.gitignore': '*.generated.ts\napps/api/src/legacy/\n',
      'apps/.gitignore': 'api/src/from-apps.ts\n',
      'apps/api/package.json': '{ "name": "api", "private": true }\n',
      'apps/api/src/app.ts': client(),
      'apps/api/src/routes/users.ts': client('users'),
      'apps/api/src/schema.generated.ts': client(),
      'apps/api/src/legacy/old.ts': client(),
      'apps/api/src/from-apps.ts': client(),
      'apps/api/src/from-exclude.ts': client(),
      'apps/web/src/page.ts': client(),
    });
    gitInit(repo);
    writeFiles(repo, { '.git/info/exclude': 'from-exclude.ts\n' });
    const target = join(repo, 'apps', 'api');
    const expected = ['src/app.ts', 'src/routes/users.ts'];
    expect(gitVisibleSources(target)).toEqual(expected);
    const found = await discover(target);
    expect(found.sources).toEqual(expected);
    expect(found.candidates).toEqual(expected);
  });

  it('ignores a .gitignore above the target when there is no git repository', async () => {
    const parent = project({ '.gitignore': '*.ts\n', 'app/src/app.ts': client(), 'app/src/db.ts': client() });
    expect(isInsideGit(parent)).toBe(false);
    const found = await discover(join(parent, 'app'));
    expect(found.sources).toEqual(['src/app.ts', 'src/db.ts']);
  });
});

describe('scan: folders and files never scanned', () => {
  it('never enters node_modules or .git at any depth, and scans every other folder of sources: build/, out/, dot folders', async () => {
    const never = ['node_modules/x/index.ts', 'packages/web/node_modules/y/chunk.ts', '.git/hooks/pre-commit.js', 'vendor/.git/x.ts'];
    const scanned = [
      'app/.server/db.ts',
      'src/modules/build/builder.ts',
      'src/routes/out/handler.ts',
      'src/coverage-report/index.ts',
      'src/dist/index.ts',
      'build/tool.ts',
      'out/main.ts',
      'coverage/helper.ts',
      'packages/web/.next/chunk.ts',
      '.history/src/db.ts',
      'src/app.ts',
    ];
    const dir = project(Object.fromEntries([...never, ...scanned].map((path) => [path, client()])));
    const found = await discover(dir);
    expect(found.sources).toEqual([...scanned].sort());
    expect(found.candidates).toEqual([...scanned].sort());
  });

  it('skips the build output the project declares: the tsconfig outDir, and .next, .nuxt, .svelte-kit, .output, .turbo, .vercel at the root only', async () => {
    const built = [
      'lib-out/index.js',
      '.next/server/app.js',
      '.nuxt/dev/index.mjs',
      '.svelte-kit/output/server.js',
      '.output/server/index.mjs',
      '.turbo/cache.js',
      '.vercel/output/fn.js',
    ];
    const dir = project({
      'tsconfig.json': JSON.stringify({ compilerOptions: { outDir: './lib-out' } }),
      ...Object.fromEntries(built.map((path) => [path, client()])),
      'src/.next/keep.ts': client(),
      'src/app.ts': client(),
    });
    const scan = await scanOf(dir);
    expect([...scan.sourcePaths].sort()).toEqual(['src/.next/keep.ts', 'src/app.ts']);
    expect(scan.skippedFolders.map((f) => `${f.path} ${f.rule}`)).toEqual([
      '.next build-output',
      '.nuxt build-output',
      '.output build-output',
      '.svelte-kit build-output',
      '.turbo build-output',
      '.vercel build-output',
      'lib-out build-output',
    ]);
  });

  it("skips an editor's local history of old versions (.history, files named <name>_<YYYYMMDDhhmmss>), and names it", async () => {
    const dir = project({
      '.history/src/app_20230127150023.ts': client(),
      '.history/src/app_20230127150408.ts': 'export const broken = (;\n',
      'packages/web/.history/notes_20240101120000.md': 'not source\n',
      'packages/web/.history/page_20240101120000.ts': 'export const x = 1;\n',
      'tools/.history/kept.ts': client(),
      'tools/.history/kept_20240101120000.ts': client(),
      'src/app.ts': client(),
    });
    const scan = await scanOf(dir);
    expect([...scan.sourcePaths].sort()).toEqual(['src/app.ts', 'tools/.history/kept.ts', 'tools/.history/kept_20240101120000.ts']);
    expect(scan.skippedFolders.map((f) => `${f.path} ${f.rule}`)).toEqual(['.history editor-history', 'packages/web/.history editor-history']);
    expect(scan.unscanned).toEqual([{ path: '.history', rule: 'editor-history', folder: true }]);
    const check = await runCli(['.', '--check'], dir);
    expect(check.stderr).toContain("not scanned: .history/ (an editor's local history of old file versions): they mention PrismaClient");
    expect(check.stdout).not.toContain('.history/src');
  });

  it('names the ignored files that mention PrismaClient, and only those', async () => {
    const dir = project({
      '.gitignore': 'local/\n*.local.ts\n',
      'src/db.local.ts': client(),
      'src/other.local.ts': 'export const x = 1;\n',
      'local/db.ts': client(),
      'src/app.ts': client(),
    });
    const scan = await scanOf(dir);
    expect(scan.unscanned).toEqual([{ path: 'src/db.local.ts', rule: 'gitignore', folder: false }]);
    expect(scan.ignoredFiles).toBe(2);
    expect(scan.skippedFolders).toEqual([{ path: 'local', rule: 'gitignore', folder: true }]);
    const check = await runCli(['.', '--check'], dir);
    expect(check.stderr).toContain('not scanned: src/db.local.ts (ignored by .gitignore): it mentions PrismaClient');
  });

  // Round 4 (BubbleChat): a db package built by tsc without outDir commits client.js beside client.ts; its compiled
  // construction failed --check as "a JavaScript file that Node runs by itself".
  it("names tsc's output committed beside its TypeScript source as build output, and scans it no further", async () => {
    const compiled = (body: string): string => `"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\n${body}`;
    const dir = project({
      'src/client.ts': "import { PrismaClient } from '@prisma/client';\n\nexport const store = new PrismaClient();\n",
      'src/client.js': compiled('const client_1 = require("@prisma/client");\nexports.store = new client_1.PrismaClient();\n'),
      'src/esm.ts': "import { PrismaClient } from '@prisma/client';\n\nexport const other = new PrismaClient();\n",
      'src/esm.js': "import { PrismaClient } from '@prisma/client';\nexport const other = new PrismaClient();\n//# sourceMappingURL=esm.js.map\n",
      'src/job.js': compiled('const client_1 = require("@prisma/client");\nexports.job = new client_1.PrismaClient();\n'),
      'src/tool.js': "const { PrismaClient } = require('@prisma/client');\n\nmodule.exports = new PrismaClient();\n",
      'src/tool.ts': 'export const tool = 1;\n',
    });
    const scan = await scanOf(dir);
    expect(scan.candidates.map((c) => c.path)).toEqual(['src/client.ts', 'src/esm.ts', 'src/job.js', 'src/tool.js']);
    expect(scan.unscanned).toEqual([
      { path: 'src/client.js', rule: 'build-output', folder: false },
      { path: 'src/esm.js', rule: 'build-output', folder: false },
    ]);
  });

  it("reads no compiled importer of a client subclass beside its TypeScript source: the source's sites are the module's", async () => {
    const dir = project({
      'src/db.service.ts': "import { PrismaClient } from '@prisma/client';\n\nexport class DbService extends PrismaClient {}\n",
      'src/users.ts': "import { DbService } from './db.service.js';\n\nexport const users = new DbService();\n",
      'src/users.js':
        '"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nconst db_service_js_1 = require("./db.service.js");\nexports.users = new db_service_js_1.DbService();\n',
    });
    const check = await runCli(['.', '--check', '--reporter', 'json'], dir);
    const report: { findings: Array<{ path: string; reason: string | null }> } = JSON.parse(check.stdout);
    expect(report.findings.map((f) => `${f.path} ${f.reason}`)).toEqual(['src/db.service.ts client-subclass', 'src/users.ts client-subclass']);
  });

  it("honours the user's core.excludesFile", async () => {
    const dir = project({ 'src/app.ts': client(), 'src/secret.ts': client(), 'excludes.txt': 'secret.ts\n' });
    gitInit(dir);
    git(dir, ['config', 'core.excludesFile', join(dir, 'excludes.txt')]);
    const found = await discover(dir);
    expect(found.sources).toEqual(['src/app.ts']);
  });

  it('skips declaration files (.d.ts, .d.mts, .d.cts) and scans files merely named like them', async () => {
    const declaration =
      "import { PrismaClient } from '@prisma/client';\n/** Made with new PrismaClient() in src/lib/prisma.ts. */\nexport declare const prisma: PrismaClient;\n";
    const dir = project({
      'src/types.d.ts': declaration,
      'src/env.d.mts': declaration,
      'src/legacy.d.cts': declaration,
      'src/d.ts': client(),
      'src/types.ts': client(),
    });
    const found = await discover(dir);
    expect(found.sources).toEqual(['src/d.ts', 'src/types.ts']);
  });

  const generatedClient = 'export class PrismaClient {}\nexport const defaultClient = new PrismaClient();\n';
  const generatorCases: ReadonlyArray<{ name: string; files: Record<string, string>; kept: string[] }> = [
    {
      name: 'prisma/schema.prisma with output "../src/generated/prisma"',
      files: {
        'prisma/schema.prisma': 'generator client {\n  provider = "prisma-client"\n  output   = "../src/generated/prisma"\n}\n',
        'src/generated/prisma/client.ts': generatedClient,
        'src/generated/prisma/internal/class.ts': generatedClient,
        'src/generated/helpers.ts': client(),
        'src/app.ts': client(),
      },
      kept: ['src/app.ts', 'src/generated/helpers.ts'],
    },
    {
      name: 'a schema declared in package.json (db/schema.prisma) with output "../generated/client"',
      files: {
        'package.json': '{ "name": "app", "private": true, "prisma": { "schema": "db/schema.prisma" } }\n',
        'db/schema.prisma': 'generator client {\n  provider = "prisma-client-js"\n  output   = "../generated/client"\n}\n',
        'generated/client/index.js': generatedClient,
        'generated/client/edge.js': generatedClient,
        'generated/other.ts': client(),
        'src/app.ts': client(),
      },
      kept: ['generated/other.ts', 'src/app.ts'],
    },
  ];

  it('scans the output folder of a generator that is not the client (DBML at the root: the whole project) and of a client generator not yet generated', async () => {
    const dir = project({
      'schema.prisma':
        'generator dbml {\n  provider = "prisma-dbml-generator"\n  output   = "."\n}\ngenerator client {\n  provider = "prisma-client"\n  output   = "src/generated/prisma"\n}\n',
      'prisma/seed-helper.ts': client(),
      'src/generated/prisma/helpers.ts': client(),
      'src/app.ts': client(),
    });
    const found = await discover(dir);
    expect(found.sources).toEqual(['prisma/seed-helper.ts', 'src/app.ts', 'src/generated/prisma/helpers.ts']);
    expect(found.candidates).toEqual(found.sources);
  });

  it.each(generatorCases)('never scans the generator output folder that holds the client: $name', async ({ files, kept }) => {
    const found = await discover(project(files));
    expect(found.sources).toEqual(kept);
    expect(found.candidates).toEqual(kept);
  });
});

describe('scan: symbolic links', () => {
  function linkedProject(): { root: string; outside: string } {
    const base = project({ 'outside/shared.ts': client('shared'), 'proj/src/db.ts': client() });
    symlinkSync('../../outside/shared.ts', join(base, 'proj/src/shared.ts'));
    return { root: join(base, 'proj'), outside: join(base, 'outside/shared.ts') };
  }

  it('reports a link to a file outside the target as skipped: symlink-outside', async () => {
    const { root } = linkedProject();
    const found = await discover(root);
    expect(found.skipped).toEqual([{ path: 'src/shared.ts', reason: 'symlink-outside' }]);
    expect(found.candidates).toEqual(['src/db.ts']);
    const result = await runCli(['.', '--dry-run'], root);
    expect(result.stderr.split('\n').filter((line) => line.startsWith('skipped '))).toEqual([
      'skipped src/shared.ts is a symbolic link to outside the project; never written',
    ]);
  });

  it('never writes through a link to a file outside the target', async () => {
    const { root, outside } = linkedProject();
    const before = readFileSync(outside);
    const result = await runCli(['.'], root);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('rewrote src/db.ts\n');
    expect(readFileSync(outside)).toEqual(before);
    expect(lstatSync(join(root, 'src/shared.ts')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(root, 'src/shared.ts'))).toBe('../../outside/shared.ts');
  });

  it('migrates a file inside the target once, under its own path, and leaves a link to it a link', async () => {
    const root = project({ 'src/db.ts': client() });
    symlinkSync('db.ts', join(root, 'src/db-link.ts'));
    const result = await runCli(['.'], root);
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n').filter((line) => line.startsWith('rewrote '))).toEqual(['rewrote src/db.ts']);
    expect(result.stderr).not.toContain('skipped');
    expect(lstatSync(join(root, 'src/db-link.ts')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(root, 'src/db-link.ts'))).toBe('db.ts');
  });
});

describe('scan: many files', () => {
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

  it('finds every one of 20 instantiations among 3,000 files and skips nothing', async () => {
    const { root, sites } = manyFiles();
    expect(sites).toHaveLength(20);
    const discovery = await scan(root);
    expect(discovery.scanned).toBe(FILES);
    expect(discovery.candidates.map((c) => c.path)).toEqual(sites);
    expect(discovery.skipped).toEqual([]);
  });

  // A reader that opened every file at once would run out of descriptors here and report files as unreadable.
});

describe('scan: the import habits it learns', () => {
  // React Router's typegen writes `.js` imports into .react-router/types; the app writes none. The generated files'
  // habits voted the new imports to `.js`.
  it("takes the project's specifiers from its own files, not from files a tool wrote into a dot folder", async () => {
    const dir = project({
      'app/routes/home.tsx': "import { helper } from '../lib/helper';\nexport const x = helper;\n",
      'app/lib/helper.ts': "import { other } from './other';\nexport const helper = other;\n",
      '.react-router/types/app/routes/+types/home.ts': "import type * as T from '../../../../app/routes/home.js';\nexport type H = typeof T;\n",
      'app/db.ts': client(),
    });
    const discovery = await scan(dir);
    expect(discovery.specifiers.filter((s) => s.startsWith('.')).sort()).toEqual(['../lib/helper', './other']);
    expect(discovery.candidates.map((c) => c.path)).toEqual(['app/db.ts']);
  });

  // A generated client committed where no schema says so, or any file a generator wrote: Prisma 7's client imports
  // `./enums.ts`, protoc's output imports without an extension; neither is how the project writes its imports.
  it('takes no specifiers from a file a generator marked as its own, wherever it is, a candidate or not', async () => {
    const dir = project({
      'src/routes/users.ts': "import { helper } from '../lib/helper.js';\nexport const x = helper;\n",
      'src/lib/helper.ts': "import { other } from './other.js';\nexport const helper = other;\n",
      'src/gen/index.ts': `/* !!! This is code generated by Prisma. Do not edit directly. !!! */\nimport { PrismaClient } from '@prisma/client';\nexport * from './enums.ts';\nexport * from './models.ts';\nexport const db = new PrismaClient();\n`,
      'src/gen/enums.ts': "/* !!! This is code generated by Prisma. Do not edit directly. !!! */\nexport * from './internal/a.ts';\n",
      'src/proto/user.ts':
        "// Code generated by protoc-gen-ts_proto. DO NOT EDIT.\nimport { Timestamp } from './google/timestamp';\nexport type T = Timestamp;\n",
      'src/schema/types.ts': "// @generated\nimport type { A } from './a';\nexport type B = A;\n",
      'src/db.ts': client(),
    });
    const discovery = await scan(dir);
    expect(discovery.specifiers.filter((s) => s.startsWith('.')).sort()).toEqual(['../lib/helper.js', './other.js']);
    expect(discovery.candidates.map((c) => c.path)).toEqual(['src/db.ts', 'src/gen/index.ts']);
  });

  it('still scans a dot folder for clients', async () => {
    const dir = project({ '.server/db.ts': client() });
    expect((await scan(dir)).candidates.map((c) => c.path)).toEqual(['.server/db.ts']);
  });
});
