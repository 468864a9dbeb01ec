import { posix } from 'node:path';
import type { Site } from './analyze.js';
import { ProjectError } from './errors.js';
import type { ProjectFacts } from './project-config.js';
import { relativeSpecifier, type ExtensionRule } from './transform/import-path.js';
import type { ClientOptions, OptionImport } from './transform/options.js';
import { DEFAULT_STYLE, quoted, type CodeStyle } from './transform/style.js';

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
  const extension = /\.[cm]?[jt]sx?$/.exec(target)?.[0];
  const base = extension ? target.slice(0, -extension.length) : target;
  return relativeSpecifier(singletonPath, `${base}.ts`, extension ? rule : 'none');
}

/** How the new singleton imports PrismaClient: from the module most sites used, re-pointed from its own folder. */
export function singletonClientSpecifier(counts: ReadonlyMap<string, number>, singletonPath: string, rule: ExtensionRule): string {
  const [top] = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const key = top?.[0] ?? '@prisma/client';
  if (!key.startsWith(ROOT_RELATIVE)) return key;
  const target = key.slice(ROOT_RELATIVE.length);
  return rebase(`./${posix.basename(target)}`, target, singletonPath, rule);
}

/** The options every merged site shares: the key most sites have (ties: no options, then the smallest key). */
export function chooseOptionsKey(counts: ReadonlyMap<string, number>): string {
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] === '' ? -1 : b[0] === '' ? 1 : a[0] < b[0] ? -1 : 1));
  return ranked[0]?.[0] ?? '';
}

/** One import line of the singleton for something its options need. */
export function renderOptionImport(item: OptionImport, singletonPath: string, rule: ExtensionRule, commonJs: boolean, style: CodeStyle): string {
  const specifier = quoted(rebase(item.module, item.fromPath, singletonPath, rule), style);
  const semi = style.semicolons ? ';' : '';
  if (!commonJs) return `import ${item.clause} from ${specifier}${semi}`;
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
    throw new ProjectError(`Prisma 7 needs a driver adapter and no PrismaClient in the project passes one; the tool cannot build a ${provider} adapter from DATABASE_URL alone: create ${singletonPath} by hand, or pass the adapter at one site and run again`);
  }
  if (!project.dependencies.has(adapter.pkg)) {
    throw new ProjectError(`Prisma 7 needs a driver adapter and no PrismaClient in the project passes one: install ${adapter.pkg} (npm install ${adapter.pkg}) and run again; nothing was written`);
  }
  const property = `adapter: new ${adapter.name}({ ${adapter.config}: process.env.DATABASE_URL })`;
  return {
    key: `generated:${adapter.pkg}`,
    properties: [property],
    imports: [{ module: adapter.pkg, fromPath: singletonPath, clause: `{ ${adapter.name} }` }],
    dropped: [],
    dependencies: [],
  };
}

/** The style most rewritten files share, for the file the tool creates. */
export function majorityStyle(styles: readonly CodeStyle[]): CodeStyle {
  if (styles.length === 0) return DEFAULT_STYLE;
  const pick = <K extends keyof CodeStyle>(key: K): CodeStyle[K] => {
    const counts = new Map<CodeStyle[K], number>();
    for (const style of styles) counts.set(style[key], (counts.get(style[key]) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? DEFAULT_STYLE[key];
  };
  return { quote: pick('quote'), semicolons: pick('semicolons'), eol: pick('eol'), indent: pick('indent') };
}
