import { describe, expect, it } from 'vitest';
import { declaredSchemaPath, readProjectFacts } from '../../src/discover/project-facts.js';

const tsconfig = (compilerOptions: Record<string, unknown>, path = 'tsconfig.json'): { path: string; text: string } => ({
  path,
  text: JSON.stringify({ compilerOptions }),
});

describe('the extension rule read from the tsconfig (Prisma generator rule)', () => {
  it.each([
    ['.ts when allowImportingTsExtensions is set', { module: 'NodeNext', allowImportingTsExtensions: true }, 'ts'],
    ['.ts when rewriteRelativeImportExtensions is set', { module: 'NodeNext', rewriteRelativeImportExtensions: true }, 'ts'],
    ['none for CommonJS', { module: 'CommonJS' }, 'none'],
    ['none for bundler resolution', { module: 'ESNext', moduleResolution: 'bundler' }, 'none'],
    ['.js for NodeNext', { module: 'NodeNext', moduleResolution: 'NodeNext' }, 'js'],
    ['.js for Node16', { module: 'Node16' }, 'js'],
  ])('%s', (_name, options, rule) => {
    expect(readProjectFacts({ tsconfigs: [tsconfig(options)] }).tsconfigExtension).toBe(rule);
  });

  it('follows extends: the nearer file wins, the base fills in', () => {
    const facts = readProjectFacts({
      tsconfigs: [
        { path: 'tsconfig.json', text: '// comments are allowed\n{ "extends": "./tsconfig.base.json", "compilerOptions": { "strict": true } }' },
        tsconfig({ module: 'NodeNext', allowJs: true, paths: { '@/*': ['./src/*'] } }, 'tsconfig.base.json'),
      ],
    });
    expect(facts.tsconfigExtension).toBe('js');
    expect(facts.allowJs).toBe(true);
    expect(facts.pathAliases).toEqual([['@/*', 'src/*']]);
  });

  it('has no rule without a tsconfig', () => {
    expect(readProjectFacts({ tsconfigs: [] }).tsconfigExtension).toBeUndefined();
  });
});

describe('where the schema is and what it says', () => {
  it('reads the schema path from package.json, then prisma.config.ts', () => {
    expect(declaredSchemaPath('{"prisma":{"schema":"db/schema.prisma"}}', undefined)).toBe('db/schema.prisma');
    expect(declaredSchemaPath(undefined, "export default defineConfig({ schema: 'prisma/app.prisma' })")).toBe('prisma/app.prisma');
    expect(declaredSchemaPath('{}', undefined)).toBeUndefined();
  });

  it('resolves generator outputs against the schema folder and sees the Prisma 7 generator', () => {
    const schema =
      'generator client {\n  provider = "prisma-client"\n  output   = "../src/generated/prisma"\n}\ndatasource db {\n  provider = "postgresql"\n}\n';
    const facts = readProjectFacts({ tsconfigs: [], schemas: [{ path: 'db/schema.prisma', text: schema }] });
    expect(facts.clientOutputs).toEqual(['src/generated/prisma']);
    expect(facts.prismaClientGenerator).toBe(true);
    expect(facts.datasourceProvider).toBe('postgresql');
  });

  it('takes seed files from the seed command and the major version from the dependencies', () => {
    const facts = readProjectFacts({
      tsconfigs: [],
      packageJson: JSON.stringify({ prisma: { seed: 'tsx ./prisma/seed.ts --reset' }, devDependencies: { prisma: '~7.2.0' } }),
    });
    expect(facts.seedPaths).toEqual(['prisma/seed.ts']);
    expect(facts.prismaMajor).toBe(7);
  });
});

describe('the source root', () => {
  const facts = (tsconfig: string) => readProjectFacts({ tsconfigs: [{ path: 'tsconfig.json', text: tsconfig }] }).sourceRoot;

  it.each([
    ['rootDir', '{ "compilerOptions": { "rootDir": "./server" } }', 'server'],
    ['one folder every include entry is in', '{ "include": ["server/**/*", "server/types.d.ts"] }', 'server'],
    ['a folder named in another case', '{ "compilerOptions": { "rootDir": "Src" } }', 'Src'],
  ])('is the tsconfig %s', (_name, tsconfig, expected) => {
    expect(facts(tsconfig)).toBe(expected);
  });

  it.each([
    ['includes several folders', '{ "include": ["app", "types"] }'],
    ['includes by glob from the root', '{ "include": ["next-env.d.ts", "**/*.ts"] }'],
    ['compiles from the root', '{ "compilerOptions": { "rootDir": "." } }'],
    ['climbs out of the project', '{ "compilerOptions": { "rootDir": "../shared" } }'],
  ])('is undefined when the tsconfig %s', (_name, tsconfig) => {
    expect(facts(tsconfig)).toBeUndefined();
  });
});

describe('script entries', () => {
  it("lists the files the project's own scripts run, and not the application's entries run by start, dev or build", () => {
    const packageJson = JSON.stringify({
      scripts: {
        dev: 'tsx watch src/index.ts',
        start: 'node dist/index.js',
        'db:check': 'node ./check-db.cjs && echo ok',
        report: 'tsx tools/report.ts --since=7d',
        test: 'vitest run "src/**/*.test.ts"',
      },
    });
    expect(readProjectFacts({ packageJson, tsconfigs: [] }).scriptEntries).toEqual(['check-db.cjs', 'tools/report.ts']);
  });

  // A worker's entry that disconnects in a `--once` branch was taken for a one-shot script: its client went unreported.
  it("names the application's entries as module keys, a built entry standing for its source", () => {
    const scripts = { dev: 'tsx watch src/index.ts', start: 'node dist/index.js', 'db:check': 'node ./check-db.cjs', worker: 'node dist/jobs/run.js' };
    const built = { packageJson: JSON.stringify({ main: 'server.js', scripts }) };
    const tsconfig = (options: object) => [{ path: 'tsconfig.json', text: JSON.stringify({ compilerOptions: options }) }];
    expect(readProjectFacts({ ...built, tsconfigs: tsconfig({ outDir: 'dist', rootDir: 'src' }) }).appEntries).toEqual([
      'dist/index',
      'dist/jobs/run',
      'server',
      'src/index',
      'src/jobs/run',
    ]);
    // With no rootDir, tsc's own may be src/ or the root.
    expect(readProjectFacts({ ...built, tsconfigs: tsconfig({ outDir: 'build' }) }).appEntries).toEqual(['dist/index', 'dist/jobs/run', 'server', 'src/index']);
    expect(readProjectFacts({ ...built, tsconfigs: tsconfig({ outDir: 'dist' }) }).appEntries).toEqual([
      'dist/index',
      'dist/jobs/run',
      'index',
      'jobs/run',
      'server',
      'src/index',
      'src/jobs/run',
    ]);
  });

  it('takes what a seed script runs for a seed, beside what package.json prisma.seed names', () => {
    const packageJson = JSON.stringify({
      prisma: { seed: 'tsx prisma/seed.ts' },
      scripts: { 'db:seed': 'tsx ./src/seed.ts', 'seed-demo': 'node tools/demo.js', report: 'tsx tools/report.ts', seedling: 'tsx tools/plant.ts' },
    });
    const facts = readProjectFacts({ packageJson, tsconfigs: [] });
    expect(facts.seedPaths).toEqual(['prisma/seed.ts', 'src/seed.ts', 'tools/demo.js']);
    expect(facts.scriptEntries).toEqual(['src/seed.ts', 'tools/demo.js', 'tools/report.ts']);
  });

  // A server taken for a script leaves its whole import graph alone: --check would say clean over its clients.
  it.each([
    ['a script named server', { main: undefined, scripts: { server: 'node server/index.js', seed: 'node tools/fill.js' } }],
    [
      'scripts named api, prod and web',
      { main: undefined, scripts: { api: 'node server/index.js', prod: 'node server/index.js', web: 'node server/index.js', seed: 'node tools/fill.js' } },
    ],
    ['a watcher under any name', { main: undefined, scripts: { 'run-it': 'nodemon server/index.js', seed: 'node tools/fill.js' } }],
    [
      'tsx watch and node --watch under any name',
      { main: undefined, scripts: { a: 'tsx watch server/index.js', b: 'node --watch server/index.js', seed: 'node tools/fill.js' } },
    ],
    ['a process manager under any name', { main: undefined, scripts: { up: 'pm2 start server/index.js', seed: 'node tools/fill.js' } }],
    [
      'a queue worker, and any name that does not say it runs once',
      {
        main: undefined,
        scripts: {
          worker: 'tsx src/worker.ts',
          queue: 'ts-node src/queue.ts',
          admin: 'node src/admin.js',
          sync: 'node src/sync.js',
          seed: 'node tools/fill.js',
        },
      },
    ],
    ['package.json main, whatever runs it', { main: './server/index.js', scripts: { go: 'node server/index.js', seed: 'node tools/fill.js' } }],
  ])('does not take the application entry for a script: %s', (_name, pkg) => {
    const packageJson = JSON.stringify(pkg);
    expect(readProjectFacts({ packageJson, tsconfigs: [] }).scriptEntries).toEqual(['tools/fill.js']);
  });

  it('reads the entry of a Cloudflare Worker from wrangler.toml or wrangler.jsonc', () => {
    const toml = { path: 'wrangler.toml', text: 'name = "w"\nmain = "src/worker.ts"\n' };
    const jsonc = { path: 'wrangler.jsonc', text: '{\n  // the entry\n  "main": "./src/index.ts"\n}\n' };
    expect(readProjectFacts({ tsconfigs: [], wrangler: toml }).edgeEntries).toEqual(['src/worker.ts']);
    expect(readProjectFacts({ tsconfigs: [], wrangler: jsonc }).edgeEntries).toEqual(['src/index.ts']);
  });
});
