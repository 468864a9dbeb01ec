import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureCases } from '../support/fixture-cases.js';
import { copyFixture, copyTree, installStubs, isNestProject, remove, runCli, tempDir } from '../support/helpers.js';
import { typecheckProject } from '../support/typecheck.js';

// The Nest fixtures against the real framework: after/ type-checks against @nestjs/common and @nestjs/core (and
// @nestjs/websockets), and both trees boot with NestFactory.createApplicationContext(AppModule) on the stub client,
// which counts constructions: as many as case.json says before, exactly one after, and every class that used a
// client gets that one instance injected.

interface Boot {
  readonly module: string;
  readonly before: number;
  readonly injected: ReadonlyArray<readonly [string, string, string]>;
  /** `$disconnect()` calls on app.close(): 1 when the provider implements OnModuleDestroy (the created one does). */
  readonly disconnectedOnClose?: number;
}

const temps: string[] = [];
afterAll(() => temps.forEach(remove));

const nestCases = fixtureCases().filter((fixture) => isNestProject(join(fixture.dir, 'before')));

function bootOf(dir: string): Boot | undefined {
  const raw: { boot?: Boot } = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8'));
  return raw.boot;
}

/** A copy of the tree with the stubs and the Nest packages, its TypeScript sources transpiled to CommonJS under `boot/`. */
function transpiled(tree: string): string {
  const work = tempDir('psc-nest-');
  temps.push(work);
  copyTree(tree, work);
  installStubs(work);
  const out = join(work, 'boot');
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        const { outputText } = ts.transpileModule(readFileSync(path, 'utf8'), {
          fileName: path,
          compilerOptions: {
            module: ts.ModuleKind.CommonJS,
            target: ts.ScriptTarget.ES2021,
            experimentalDecorators: true,
            emitDecoratorMetadata: true,
            esModuleInterop: true,
          },
        });
        const target = join(out, relative(work, path)).replace(/\.ts$/, '.js');
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, outputText);
      }
    }
  };
  walk(join(work, 'src'));
  writeFileSync(join(out, 'package.json'), '{ "type": "commonjs" }\n');
  return work;
}

/** Boots the application context in a child process and reports constructions, the injected members and disconnections. */
function boot(work: string, spec: Boot): { constructed: number; same: boolean; clients: number; disconnected: number; error?: string } {
  const script = `
    require('reflect-metadata');
    const { join } = require('node:path');
    const { NestFactory } = require('@nestjs/core');
    const spec = ${JSON.stringify(spec)};
    (async () => {
      try {
        const root = require(join(process.cwd(), 'boot', spec.module + '.js'));
        const AppModule = Object.values(root).find((v) => typeof v === 'function');
        const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
        const members = spec.injected.map(([path, cls, member]) => app.get(require(join(process.cwd(), 'boot', path + '.js'))[cls])[member]);
        const { PrismaClient } = require('@prisma/client');
        const stats = globalThis.__prismaStub;
        const constructed = stats.constructed;
        const clients = members.filter((m) => m instanceof PrismaClient).length;
        await app.close();
        process.stdout.write('\\n@@boot@@' + JSON.stringify({ constructed, same: new Set(members).size === 1, clients, disconnected: stats.disconnected }));
      } catch (error) {
        process.stdout.write('\\n@@boot@@' + JSON.stringify({ constructed: -1, same: false, clients: 0, disconnected: 0, error: String(error && error.stack || error) }));
      }
    })();
  `;
  // NODE_PATH plays the tsconfig's `baseUrl: "./"` (Nest's CLI registers tsconfig-paths): `src/...` imports resolve.
  const env = { ...process.env, NODE_ENV: 'production', NODE_PATH: join(work, 'boot') };
  const result = spawnSync(process.execPath, ['-e', script], { cwd: work, encoding: 'utf8', env });
  // The application may print too: the report is the last line after the marker.
  const report = result.stdout.split('\n@@boot@@').at(-1);
  return JSON.parse(
    result.stdout.includes('@@boot@@') && report
      ? report
      : `{"constructed":-1,"same":false,"clients":0,"disconnected":0,"error":${JSON.stringify(result.stderr)}}`,
  );
}

describe.each(nestCases)('Nest fixture $name with the real framework', (fixture) => {
  it('after/ type-checks against @nestjs/common and @nestjs/core', () => {
    const work = tempDir('psc-nest-tc-');
    temps.push(work);
    copyTree(join(fixture.dir, 'after'), work);
    installStubs(work);
    for (const tsconfig of fixture.typecheck) expect(typecheckProject(work, tsconfig)).toEqual([]);
  });

  const spec = bootOf(fixture.dir);
  if (!spec) return;

  it(`before/ boots with ${spec.before} clients`, () => {
    const result = boot(transpiled(join(fixture.dir, 'before')), { ...spec, injected: [] });
    expect(result.error).toBeUndefined();
    expect(result.constructed).toBe(spec.before);
  });

  it(`the summary counts the ${spec.before} instances before/ boots with`, async () => {
    const result = await runCli(['.', '--dry-run'], copyFixture(fixture.name, temps));
    expect(result.stderr).toContain(`${spec.before} PrismaClient instances (${spec.before} connection pools) -> 1`);
  });

  it('after/ boots with exactly one client, injected into every class that had one, and disconnects it on close', () => {
    const result = boot(transpiled(join(fixture.dir, 'after')), spec);
    expect(result.error).toBeUndefined();
    expect(result).toEqual({ constructed: 1, same: true, clients: spec.injected.length, disconnected: spec.disconnectedOnClose ?? 1 });
  });
});
