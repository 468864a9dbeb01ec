import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { comparePaths } from '../core/paths.js';
import type { SchemaText } from './prisma-schema.js';
import { declaredSchemaPath, tsconfigExtends, type ConfigTexts } from './project-facts.js';
import { readRegularText } from './regular-file.js';

/** How many `.prisma` files one schema folder may lend; a folder with more is not a schema folder. */
const MAX_SCHEMA_FILES = 64;

/** A config file's text; undefined when it is missing or not a regular file (a FIFO would block a read forever). */
async function readText(path: string): Promise<string | undefined> {
  return readRegularText(path);
}

/**
 * Reads package.json, the tsconfig chain, prisma.config.ts and every schema file where Prisma looks: the `--schema`
 * path (anywhere on disk), else the one package.json or prisma.config.ts names, else `prisma/` and `schema.prisma`.
 * A schema file brings the other `.prisma` files of its folder (a second schema, or a multi-file schema); a folder
 * brings every `.prisma` file below it.
 */
export async function readConfig(root: string, schemaOption: string | undefined, schemaFallback?: string): Promise<ConfigTexts> {
  const packageJson = await readText(join(root, 'package.json'));
  const prismaConfig = await readPrismaConfig(root);
  const tsconfigs = await readTsconfigChain(root);
  const declared = schemaOption ?? declaredSchemaPath(packageJson, prismaConfig);
  const own = declared !== undefined ? await readSchemaPath(root, declared) : await readDefaultSchemas(root);
  const schemas = own.length > 0 || schemaOption !== undefined || schemaFallback === undefined ? own : await readWorkspaceSchemas(root, schemaFallback);
  // A checkout may commit only an example of the config, keeping the real one (with its database ids) out of git.
  const wrangler = await readFirst(root, [
    'wrangler.toml',
    'wrangler.json',
    'wrangler.jsonc',
    'wrangler.toml.example',
    'wrangler.example.toml',
    'wrangler.json.example',
    'wrangler.example.json',
    'wrangler.jsonc.example',
    'wrangler.example.jsonc',
  ]);
  const nuxt = await readFirst(root, ['nuxt.config.ts', 'nuxt.config.js', 'nuxt.config.mjs']);
  const svelte = await readFirst(root, ['svelte.config.js', 'svelte.config.mjs', 'svelte.config.ts']);
  return {
    tsconfigs,
    schemas,
    ...(wrangler ? { wrangler } : {}),
    ...(nuxt ? { nuxtConfig: nuxt.text } : {}),
    ...(svelte ? { svelteConfig: svelte.text } : {}),
    ...(packageJson !== undefined ? { packageJson } : {}),
    ...(prismaConfig !== undefined ? { prismaConfig } : {}),
  };
}

async function readPrismaConfig(root: string): Promise<string | undefined> {
  return (await readText(join(root, 'prisma.config.ts'))) ?? (await readText(join(root, 'prisma.config.js')));
}

/**
 * A workspace package without a schema of its own uses the workspace root's, where Prisma's monorepo guides often put
 * it: the one the root's package.json or prisma.config.ts names, else its `prisma/` folder or `schema.prisma`. Paths
 * stay relative to the package (they climb out of it).
 */
async function readWorkspaceSchemas(root: string, workspaceRoot: string): Promise<SchemaText[]> {
  if (resolve(workspaceRoot) === resolve(root)) return [];
  const declared = declaredSchemaPath(await readText(join(workspaceRoot, 'package.json')), await readPrismaConfig(workspaceRoot));
  if (declared !== undefined) return readSchemaPath(root, relative(root, resolve(workspaceRoot, declared)));
  const found = await readDefaultSchemas(workspaceRoot);
  return found.map((schema) => ({ ...schema, path: rootRelative(root, join(workspaceRoot, schema.path)) }));
}

async function readSchemaPath(root: string, declared: string): Promise<SchemaText[]> {
  const absolute = resolve(root, declared);
  const info = await stat(absolute).catch(() => undefined);
  if (info?.isDirectory()) return readSchemaFolder(root, absolute, true);
  if (!info?.isFile()) return [];
  const own = await readText(absolute);
  const siblings = await readSchemaFolder(root, join(absolute, '..'), false);
  const path = rootRelative(root, absolute);
  return [...(own === undefined ? [] : [{ path, text: own }]), ...siblings.filter((s) => s.path !== path)];
}

async function readDefaultSchemas(root: string): Promise<SchemaText[]> {
  const folder = await readSchemaFolder(root, join(root, 'prisma'), true);
  const top = await readText(join(root, 'schema.prisma'));
  const all = [...folder, ...(top === undefined ? [] : [{ path: 'schema.prisma', text: top }])];
  // Prisma's own first choice leads: its datasource is the project's.
  const first = (s: SchemaText): number => (s.path === 'prisma/schema.prisma' ? 0 : s.path === 'schema.prisma' ? 1 : 2);
  return all.sort((a, b) => first(a) - first(b) || comparePaths(a.path, b.path));
}

/** The `.prisma` files of a folder (and below it when `deep`), sorted by path. */
async function readSchemaFolder(root: string, folder: string, deep: boolean): Promise<SchemaText[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: deep }).catch(() => []);
  const files = entries
    .filter((e) => e.isFile() && e.name.endsWith('.prisma'))
    .map((e) => join(e.parentPath, e.name))
    .filter((path) => !path.split(sep).includes('node_modules'))
    .sort(comparePaths);
  if (files.length > MAX_SCHEMA_FILES) return [];
  const out: SchemaText[] = [];
  for (const file of files) {
    const text = await readText(file);
    if (text !== undefined) out.push({ path: rootRelative(root, file), text });
  }
  return out;
}

function rootRelative(root: string, absolute: string): string {
  return relative(root, absolute).split(sep).join('/');
}

async function readFirst(root: string, names: readonly string[]): Promise<{ path: string; text: string } | undefined> {
  for (const name of names) {
    const text = await readText(join(root, name));
    if (text !== undefined) return { path: name, text };
  }
  return undefined;
}

/**
 * tsconfig.json and the files it extends, nearest first (at most eight, so that a loop cannot hang); a JavaScript
 * project's jsconfig.json when there is no tsconfig.json (Next.js's JavaScript template keeps its `@/*` there).
 */
async function readTsconfigChain(root: string): Promise<Array<{ path: string; text: string }>> {
  const tsconfigs: Array<{ path: string; text: string }> = [];
  let next: string | undefined =
    (await readText(join(root, 'tsconfig.json'))) === undefined && (await readText(join(root, 'jsconfig.json'))) !== undefined
      ? 'jsconfig.json'
      : 'tsconfig.json';
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
