import { readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { declaredSchemaPath, tsconfigExtends, type ConfigTexts } from './project-facts.js';

async function readText(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').catch(() => undefined);
}

/** Reads package.json, the tsconfig chain, prisma.config.ts and the schema where Prisma looks for it. */
export async function readConfig(root: string, schemaOption: string | undefined): Promise<ConfigTexts> {
  const packageJson = await readText(join(root, 'package.json'));
  const prismaConfig = (await readText(join(root, 'prisma.config.ts'))) ?? (await readText(join(root, 'prisma.config.js')));
  const tsconfigs = await readTsconfigChain(root);
  const declared = schemaOption ?? declaredSchemaPath(packageJson, prismaConfig);
  let schema: ConfigTexts['schema'];
  for (const candidate of declared ? [declared, `${declared}/schema.prisma`] : ['prisma/schema.prisma', 'schema.prisma', 'prisma/schema/schema.prisma']) {
    const text = await readText(join(root, candidate));
    if (text !== undefined) {
      schema = { path: candidate, text };
      break;
    }
  }
  const wrangler = await readFirst(root, ['wrangler.toml', 'wrangler.json', 'wrangler.jsonc']);
  return {
    tsconfigs,
    ...(wrangler ? { wrangler } : {}),
    ...(packageJson !== undefined ? { packageJson } : {}),
    ...(prismaConfig !== undefined ? { prismaConfig } : {}),
    ...(schema ? { schema } : {}),
  };
}

async function readFirst(root: string, names: readonly string[]): Promise<{ path: string; text: string } | undefined> {
  for (const name of names) {
    const text = await readText(join(root, name));
    if (text !== undefined) return { path: name, text };
  }
  return undefined;
}

/** tsconfig.json and the files it extends, nearest first (at most eight, so that a loop cannot hang). */
async function readTsconfigChain(root: string): Promise<Array<{ path: string; text: string }>> {
  const tsconfigs: Array<{ path: string; text: string }> = [];
  let next: string | undefined = 'tsconfig.json';
  while (next && tsconfigs.length < 8) {
    const text = await readText(join(root, next));
    if (text === undefined) break;
    tsconfigs.push({ path: next, text });
    const [parent] = tsconfigExtends(next, text);
    next = parent ? resolveExtends(next, parent) : undefined;
  }
  return tsconfigs;
}

function resolveExtends(from: string, target: string): string {
  const withJson = target.endsWith('.json') ? target : `${target}.json`;
  if (target.startsWith('.'))
    return relative('.', join(from, '..', withJson))
      .split(sep)
      .join('/');
  return `node_modules/${withJson}`;
}
