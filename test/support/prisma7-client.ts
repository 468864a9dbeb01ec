import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './helpers.js';

/** A small Prisma 7 schema (postgresql, the `prisma-client` generator) with one model. */
export const PRISMA7_SCHEMA = `generator client {
  provider = "prisma-client"
  output   = "../src/generated/prisma"
}

datasource db {
  provider = "postgresql"
}

model User {
  id    Int    @id @default(autoincrement())
  email String @unique
}
`;

/**
 * The client that the real `prisma generate` (the repo's devDependency, Prisma 7) produces for PRISMA7_SCHEMA,
 * generated once into node_modules/.cache and reused: returns the generated folder. Runs offline: generate needs no
 * schema engine, so PRISMA_SCHEMA_ENGINE_BINARY points at a no-op and nothing is downloaded.
 */
export function generatedPrisma7Client(): string {
  const key = createHash('sha256').update(PRISMA7_SCHEMA).digest('hex').slice(0, 12);
  const project = join(REPO, 'node_modules', '.cache', 'psc-prisma7', key);
  const generated = join(project, 'src', 'generated', 'prisma');
  if (existsSync(join(generated, 'client.ts'))) return generated;
  rmSync(project, { recursive: true, force: true });
  mkdirSync(join(project, 'prisma'), { recursive: true });
  writeFileSync(join(project, 'prisma', 'schema.prisma'), PRISMA7_SCHEMA);
  writeFileSync(join(project, 'package.json'), '{ "name": "psc-prisma7-client", "private": true, "type": "module" }\n');
  symlinkSync(join(REPO, 'node_modules'), join(project, 'node_modules'));
  const result = spawnSync(process.execPath, [join(REPO, 'node_modules', 'prisma', 'build', 'index.js'), 'generate'], {
    cwd: project,
    encoding: 'utf8',
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: '/bin/true', PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' },
  });
  if (result.status !== 0 || !existsSync(join(generated, 'client.ts'))) throw new Error(`prisma generate failed:\n${result.stdout}${result.stderr}`);
  return generated;
}

/** Copies the generated client into `root/<folder>` and makes the real Prisma 7 packages resolvable from `root`. */
export function installPrisma7Client(root: string, folder: string): void {
  cpSync(generatedPrisma7Client(), join(root, folder), { recursive: true });
  mkdirSync(join(root, 'node_modules', '@prisma'), { recursive: true });
  for (const name of ['client', 'adapter-pg', 'client-runtime-utils', 'driver-adapter-utils', 'debug']) {
    const target = join(REPO, 'node_modules', '@prisma', name);
    if (existsSync(target) && !existsSync(join(root, 'node_modules', '@prisma', name))) symlinkSync(target, join(root, 'node_modules', '@prisma', name));
  }
  for (const name of ['@types', 'pg']) {
    const target = join(REPO, 'node_modules', name);
    if (existsSync(target) && !existsSync(join(root, 'node_modules', name))) symlinkSync(target, join(root, 'node_modules', name));
  }
}
