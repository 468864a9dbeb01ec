import { afterAll, describe, expect, it } from 'vitest';
import { remove, runCli, tempDir, writeFiles } from '../support/helpers.js';

const temps: string[] = [];
afterAll(() => temps.forEach(remove));

const CLIENT = "import { PrismaClient } from '@prisma/client';\n\nconst prisma = new PrismaClient();\n\n";

// Prisma's quickstart script.ts at the root, imported by nothing, was migrated and its $disconnect() calls removed.
describe('a file that runs once and disconnects', () => {
  it('is a script in the quickstart and the top-level await shapes; a server that disconnects on a signal is not', async () => {
    const dir = tempDir('psc-oneshot-');
    temps.push(dir);
    writeFiles(dir, {
      'package.json': JSON.stringify({ name: 'app', type: 'module', dependencies: { '@prisma/client': '^6.0.0' } }),
      'prisma/schema.prisma': 'generator client {\n  provider = "prisma-client-js"\n}\n',
      'script.ts': `${CLIENT}async function main() {\n  console.log(await prisma.user.count());\n}\n\nmain()\n  .then(async () => {\n    await prisma.$disconnect();\n  })\n  .catch(async () => {\n    await prisma.$disconnect();\n    process.exit(1);\n  });\n`,
      'tools/count.ts': `${CLIENT}console.log(await prisma.user.count());\nawait prisma.$disconnect();\n`,
      'src/server.ts': `${CLIENT}export const handler = () => prisma.user.findMany();\n\nprocess.on('SIGTERM', async () => {\n  await prisma.$disconnect();\n});\n`,
    });
    const check = await runCli(['.', '--check'], dir);
    expect(check.stdout.trim().split('\n')).toEqual(['src/server.ts:3:16 new PrismaClient() outside the singleton']);
    expect(check.stderr).toContain('left alone: 2 scripts');
  });

  // Seen on an npm-workspaces worker: `dev` runs it under `tsx watch`, it polls and serves HTTP, and only a `--once`
  // branch disconnects. Taken for a one-shot script, its client was left alone, a second module's client was
  // moved to a new singleton, and the process kept two pools while --check said clean.
  it("is never the application's entry, what dev or start runs, even when a branch of it disconnects", async () => {
    const dir = tempDir('psc-oneshot-');
    temps.push(dir);
    const entry = `${CLIENT.replace('\n\nconst', "\nimport { poll } from './jobs';\n\nconst")}async function main() {\n  if (process.argv.includes('--once')) {\n    await poll();\n    await prisma.$disconnect();\n    return;\n  }\n  setInterval(() => void poll(), 60_000);\n}\n\nmain().catch((error) => {\n  console.error(error);\n  process.exit(1);\n});\n`;
    const jobs = `${CLIENT}export const poll = () => prisma.task.count();\n`;
    for (const scripts of [{ dev: 'tsx watch src/index.ts' }, { start: 'node dist/index.js', build: 'tsc' }]) {
      writeFiles(dir, {
        'package.json': JSON.stringify({ name: 'poller', scripts, dependencies: { '@prisma/client': '^6.0.0' } }),
        'tsconfig.json': JSON.stringify({ compilerOptions: { outDir: 'dist', rootDir: 'src', module: 'commonjs', strict: true } }),
        'src/index.ts': entry,
        'src/jobs.ts': jobs,
      });
      const check = await runCli(['.', '--check'], dir);
      expect(check.stdout.trim().split('\n')).toEqual([
        'src/index.ts:4:16 new PrismaClient() outside the singleton',
        'src/jobs.ts:3:16 new PrismaClient() outside the singleton',
      ]);
      expect(check.stderr).not.toContain('left alone');
    }
  });

  // Round 7 (an Express + Jest API): jest.setup.ts, named by setupFilesAfterEnv, made its own client and was rewritten
  // to the singleton, its afterAll $disconnect() removed; --check failed on test infrastructure.
  it("is a test's when a test runner loads it by name and nothing imports it", async () => {
    const dir = tempDir('psc-test-runner-');
    temps.push(dir);
    const setup = `${CLIENT}export async function teardown() {\n  await prisma.$disconnect();\n}\n`;
    writeFiles(dir, {
      'package.json': JSON.stringify({ name: 'api', type: 'module', dependencies: { '@prisma/client': '^6.0.0' } }),
      'jest.setup.ts': setup,
      'jest.global-setup.ts': setup,
      'vitest.setup.ts': setup,
      'cypress.config.ts': setup,
      'src/setupTests.ts': setup,
      'src/global-setup.ts': setup,
      'src/server.ts': "import './global-setup.js';\n\nexport const up = true;\n",
      'src/models/item.ts': `${CLIENT}export const list = () => prisma.item.findMany();\n`,
    });
    const check = await runCli(['.', '--check'], dir);
    // Imported by the application, a file of that name is the application's.
    expect(check.stdout.trim().split('\n')).toEqual([
      'src/global-setup.ts:3:16 new PrismaClient() outside the singleton',
      'src/models/item.ts:3:16 new PrismaClient() outside the singleton',
    ]);
    expect(check.stderr).toContain('left alone: 5 tests');
  });
});
