import { posix } from 'node:path';
import type { Site } from '../analyze/analyze-file.js';
import { ProjectError } from '../core/errors.js';
import type { ModuleSyntax } from '../core/types.js';
import type { ProjectFacts } from '../discover/project-facts.js';
import { scriptExtensionOf, withoutScriptExtension, type ExtensionRule } from '../core/paths.js';
import { relativeSpecifier } from './import-specifier.js';
import type { ClientOptions, OptionImport } from '../analyze/client-options.js';
import { quoted, type CodeStyle } from '../rewrite/style.js';

const ROOT_RELATIVE = 'root:';

/** The module a site took PrismaClient from: a package name, or `root:` and a root-relative path. */
export function clientModuleKey(site: Site): string {
  if (!site.module.startsWith('.')) return site.module;
  return ROOT_RELATIVE + posix.join(posix.dirname(site.node.getSourceFile().fileName), site.module);
}

/** A module specifier as written in `fromPath`, re-pointed from the singleton's folder. */
function rebase(specifier: string, fromPath: string, singletonPath: string, rule: ExtensionRule): string {
  if (!specifier.startsWith('.')) return specifier;
  const target = posix.join(posix.dirname(fromPath), specifier);
  // A specifier written with an extension gets the project's rule; a folder import (a client's index) stays bare.
  const extension = scriptExtensionOf(target);
  const base = withoutScriptExtension(target);
  return relativeSpecifier(singletonPath, `${base}.ts`, extension ? rule : 'none');
}

/**
 * How the new singleton imports PrismaClient: from the module most sites used, re-pointed from its own folder; a
 * client inside another workspace package whose entry passes it on (`packages`: folder, relative to the project,
 * to package name) by that package's name, never by a relative path out of the project's folder.
 */
export function singletonClientSpecifier(
  counts: ReadonlyMap<string, number>,
  singletonPath: string,
  rule: ExtensionRule,
  packages: ReadonlyMap<string, string> = new Map(),
): string {
  const [top] = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const key = top?.[0] ?? '@prisma/client';
  if (!key.startsWith(ROOT_RELATIVE)) return key;
  const target = key.slice(ROOT_RELATIVE.length);
  const owner = [...packages].find(([dir]) => target === dir || target.startsWith(`${dir}/`));
  return owner ? owner[1] : rebase(`./${posix.basename(target)}`, target, singletonPath, rule);
}

/** One import line of the singleton for something its options need. */
export function renderOptionImport(item: OptionImport, singletonPath: string, rule: ExtensionRule, syntax: ModuleSyntax, style: CodeStyle): string {
  const specifier = quoted(rebase(item.module, item.fromPath, singletonPath, rule), style);
  const semi = style.semicolons ? ';' : '';
  if (item.clause === '') return syntax === 'esm' ? `import ${specifier}${semi}` : `require(${specifier})${semi}`;
  if (syntax === 'esm') return `import ${item.clause} from ${specifier}${semi}`;
  if (syntax === 'import-equals') return importEquals(item, specifier, semi, style.eol);
  const pattern = item.clause.startsWith('{') ? item.clause.replace(/ as /g, ': ') : item.clause.replace(/^\* as /, '');
  return `const ${pattern} = require(${specifier})${semi}`;
}

/** Driver adapters the tool can build from `DATABASE_URL` alone, by datasource provider. */
const ADAPTERS: Readonly<Record<string, { readonly pkg: string; readonly name: string; readonly config: string }>> = {
  postgresql: { pkg: '@prisma/adapter-pg', name: 'PrismaPg', config: 'connectionString' },
  sqlite: { pkg: '@prisma/adapter-better-sqlite3', name: 'PrismaBetterSqlite3', config: 'url' },
};

/**
 * The adapter a Prisma 7 singleton is built with when no site shows one: generated for the schema's provider when
 * its adapter package is a dependency; otherwise a ProjectError naming the package to install.
 */
export function defaultAdapterOptions(project: ProjectFacts, singletonPath: string): ClientOptions {
  const provider = project.datasourceProvider ?? 'postgresql';
  const adapter = ADAPTERS[provider];
  if (!adapter) {
    throw new ProjectError(
      `Prisma 7 needs a driver adapter and no PrismaClient in the project passes one; the tool cannot build a ${provider} adapter from DATABASE_URL alone: create ${singletonPath} by hand, or pass the adapter at one site and run again`,
    );
  }
  if (!project.dependencies.has(adapter.pkg)) {
    throw new ProjectError(
      `Prisma 7 needs a driver adapter and no PrismaClient in the project passes one: install ${adapter.pkg} (npm install ${adapter.pkg}) and run again; nothing was written`,
    );
  }
  const property = `adapter: new ${adapter.name}({ ${adapter.config}: process.env.DATABASE_URL })`;
  return {
    key: `generated:${adapter.pkg}`,
    properties: [property],
    imports: [{ module: adapter.pkg, fromPath: singletonPath, clause: `{ ${adapter.name} }` }],
    envImports: [],
    dropped: [],
    dependencies: [],
  };
}

/** `import adapterPg = require('@prisma/adapter-pg')` and `const { PrismaPg } = adapterPg` for a named clause. */
function importEquals(item: OptionImport, specifier: string, semi: string, eol: string): string {
  const words = item.module.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const [first = 'imported', ...rest] = words.slice(-2);
  const alias = `${first}${rest.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('')}Module`;
  if (item.clause.startsWith('* as ')) return `import ${item.clause.slice('* as '.length)} = require(${specifier})${semi}`;
  const pattern = item.clause.startsWith('{') ? item.clause.replace(/ as /g, ': ') : `{ default: ${item.clause} }`;
  return [`import ${alias} = require(${specifier})${semi}`, `const ${pattern} = ${alias}${semi}`].join(eol);
}
