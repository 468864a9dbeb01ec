import { builtinModules } from 'node:module';
import { posix } from 'node:path';
import { isRelativeSpecifier, resolveRelative, withoutScriptExtension } from '../core/paths.js';

/** The client a module specifier names: which one (package name or root-relative folder), and whether it is its edge entry. */
export interface ClientModuleRef {
  readonly clientModule: string;
  readonly edge: boolean;
}

/**
 * Decides which module specifiers export Prisma's `PrismaClient` and which client each one is: `@prisma/client` and
 * its entry subpaths (`/index.js`, `/default`; `/edge` and `/wasm` are the edge entries), `.prisma/client`, the output
 * folders of every client generator of every schema however a file spells the path to them (relative, through a
 * tsconfig alias, `/client`, `/index.js`, a trailing `/`), a generator output inside `node_modules` by its package
 * name, and, when the project has no schema at all, a specifier that ends in a generated-client path
 * (`generated/prisma`, `.../client`).
 */
export interface ClientModules {
  classify(specifier: string, fromPath: string): ClientModuleRef | undefined;
  /**
   * Where a relative or aliased specifier points, root-relative and without extension (a bare specifier under the
   * tsconfig `baseUrl` too, as Nest projects write `src/prisma/prisma.service`); undefined for a package without
   * `baseUrl`. Callers look the answer up among project modules, so a package name read as a path finds nothing.
   */
  resolve(specifier: string, fromPath: string): string | undefined;
  /**
   * Text that every specifier `classify` accepts contains, one piece at least: `/client`, the client packages,
   * each output folder's name, the aliases that name an output. The read looks into a file that does not name
   * PrismaClient only when it holds one (a barrel may pass a client module on without naming it).
   */
  readonly needles: readonly string[];
  /**
   * Whether a specifier leads nowhere the tool can follow: not relative, not a client module, matched by no alias,
   * and no Node built-in or declared package. What it exports is unknown, so `PrismaClient` read from it is a client
   * for review (an alias only a framework's config declares, a package the manifest does not list).
   */
  unresolved(specifier: string, fromPath: string): boolean;
  /**
   * Whether a specifier names a package the project declares (not a Node built-in) that `classify` does not take for
   * a client module: the tool never reads node_modules, so a `PrismaClient` read from it (a private db package from a
   * registry, a linked one) is a client for review, never passed over.
   */
  declaredPackage(specifier: string, fromPath: string): boolean;
}

/** What the classification needs from the project. */
export interface ClientModuleFacts {
  /** Root-relative output folders of the client generators. */
  readonly clientOutputs: readonly string[];
  /** A schema file was found (else the shape of a specifier decides). */
  readonly schemaFound: boolean;
  /** tsconfig `paths` as `[pattern, target]`, targets root-relative. */
  readonly pathAliases: readonly (readonly [string, string])[];
  /** tsconfig `baseUrl`, root-relative; bare specifiers may name project modules under it. */
  readonly baseUrl?: string | undefined;
  /** Workspace packages whose entry re-exports PrismaClient (`@repo/db`): each is a client module of its own. */
  readonly clientPackages?: readonly string[];
  /** Packages the project declares (package.json): never an unread alias; a `PrismaClient` from one is for review. */
  readonly dependencies?: ReadonlySet<string>;
}

const PRISMA_PACKAGE = /^(?:@prisma\/client|\.prisma\/client)(?:\/(index|default|edge|wasm))?$/;
const IN_NODE_MODULES = /(?:^|\/)node_modules\/(?:@prisma\/client|\.prisma\/client)(?:\/(index|default|edge|wasm))?$/;
const ENTRY = new Set(['client', 'index', 'default']);
const EDGE_ENTRY = new Set(['edge', 'wasm']);
/** With no schema: `.../generated/prisma`, `.../client` (an output folder or a Prisma 7 entry), and their edge entries. */
const GENERATED_SHAPE = /(?:^|\/)(?:generated\/prisma|[^/]*client)(?:\/(client|index|default|edge|wasm))?$/;

/** Builds the classifier from the project's schema facts and aliases. */
export function clientModules(facts: ClientModuleFacts): ClientModules {
  const outputs = new Set(facts.clientOutputs);
  const packages = new Map(
    facts.clientOutputs.flatMap((output) => {
      const name = /(?:^|\/)node_modules\/(.+)$/.exec(output)?.[1];
      return name ? [[name, output] as const] : [];
    }),
  );
  const resolve = (specifier: string, fromPath: string): string | undefined => {
    const target = isRelativeSpecifier(specifier) ? resolveRelative(fromPath, specifier) : resolveAlias(specifier, facts.pathAliases);
    return target === undefined ? undefined : tidy(target);
  };
  const baseUrl = facts.baseUrl;
  const underBaseUrl = (specifier: string): string | undefined =>
    baseUrl === undefined || specifier.startsWith('@') ? undefined : tidy(posix.join(baseUrl, specifier));
  const classify = (specifier: string, fromPath: string): ClientModuleRef | undefined => {
    const bare = tidy(specifier);
    const known = PRISMA_PACKAGE.exec(bare);
    if (known) return { clientModule: '@prisma/client', edge: EDGE_ENTRY.has(known[1] ?? '') };
    if (facts.clientPackages?.includes(bare)) return { clientModule: bare, edge: false };
    const target = resolve(specifier, fromPath);
    // `node_modules/@prisma/client` written as a path: relative, through an alias, or bare (under `baseUrl`).
    const fromNodeModules = IN_NODE_MODULES.exec(target ?? bare);
    if (fromNodeModules) return { clientModule: '@prisma/client', edge: EDGE_ENTRY.has(fromNodeModules[1] ?? '') };
    // A bare specifier under tsconfig `baseUrl` (`generated/prisma`, `src/generated/prisma/client`, as Nest CLI
    // projects and editors' auto-imports write it) reaches a generator's output as TypeScript resolves it.
    const path = target ?? packageOutput(bare, packages) ?? underBaseUrl(specifier);
    if (path !== undefined) {
      if (outputs.has(path)) return { clientModule: path, edge: false };
      const entry = posix.basename(path);
      if (outputs.has(posix.dirname(path)) && (ENTRY.has(entry) || EDGE_ENTRY.has(entry)))
        return { clientModule: posix.dirname(path), edge: EDGE_ENTRY.has(entry) };
    }
    if (target === undefined && !isRelativeSpecifier(specifier) && !isPackage(bare, facts.dependencies)) {
      const byTail = outputByTail(bare, facts.clientOutputs);
      if (byTail) return byTail;
    }
    if (facts.schemaFound) return undefined;
    return byShape(target ?? bare);
  };
  return {
    needles: needlesOf(facts),
    resolve: (specifier, fromPath) => resolve(specifier, fromPath) ?? underBaseUrl(specifier),
    classify,
    unresolved: (specifier, fromPath) =>
      !isRelativeSpecifier(specifier) &&
      !classify(specifier, fromPath) &&
      resolveAlias(specifier, facts.pathAliases) === undefined &&
      !isPackage(tidy(specifier), facts.dependencies),
    declaredPackage: (specifier, fromPath) =>
      !isRelativeSpecifier(specifier) && !isBuiltin(specifier) && isPackage(tidy(specifier), facts.dependencies) && !classify(specifier, fromPath),
  };
}

/**
 * A generator's output reached through an alias the tool cannot read (a framework config's `alias`, Vite's
 * `resolve.alias`): a specifier that no alias resolves, names no installed package, and ends in an output folder's
 * name or its entry (`@generated/prisma/client` for `generated/prisma`).
 */
function outputByTail(specifier: string, outputs: readonly string[]): ClientModuleRef | undefined {
  const segments = specifier.split('/');
  const last = segments.at(-1) ?? '';
  const entry = ENTRY.has(last) || EDGE_ENTRY.has(last);
  const folder = segments.length >= 2 && entry ? segments.at(-2) : last;
  const matches = outputs.filter((output) => !output.includes('node_modules/') && posix.basename(output) === folder);
  const [only] = matches;
  return only !== undefined && matches.length === 1 && segments.length >= 2 ? { clientModule: only, edge: entry && EDGE_ENTRY.has(last) } : undefined;
}

/** A Node built-in, or a package the project declares (or one of its subpaths). */
function isPackage(specifier: string, dependencies: ReadonlySet<string> | undefined): boolean {
  if (isBuiltin(specifier)) return true;
  const [first = '', second = ''] = specifier.split('/');
  return dependencies?.has(first.startsWith('@') ? `${first}/${second}` : first) ?? false;
}

const BUILTINS: ReadonlySet<string> = new Set(builtinModules);

function isBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || BUILTINS.has(specifier.split('/')[0] ?? '');
}

/**
 * `/client` (in `@prisma/client`, `.prisma/client` and their subpaths), the client packages, each output
 * folder's name (however a path reaches a folder, its name is in it, unless an alias names the folder itself: those
 * aliases too), and with no schema the shapes `byShape` accepts.
 */
function needlesOf(facts: ClientModuleFacts): string[] {
  const outputs = facts.clientOutputs;
  const inOutput = (path: string): boolean => outputs.some((output) => path === output || path.startsWith(`${output}/`));
  const aliases = facts.pathAliases.flatMap(([pattern, target]) => {
    const star = target.indexOf('*');
    const reached = star < 0 ? tidy(target) : target.slice(0, star).replace(/\/+$/, '');
    return inOutput(reached) ? [pattern.split('*')[0] ?? pattern] : [];
  });
  const shapes = facts.schemaFound ? [] : ['generated/prisma', 'client'];
  // `/client` stands for `prisma/client`: a search that starts from `/` runs several times faster over source text
  // than one that starts from `p` (measured over the 10k bench corpus: 7 ms against 28 ms).
  const needles = ['/client', ...(facts.clientPackages ?? []), ...outputs.map((output) => posix.basename(output)), ...aliases, ...shapes];
  return [...new Set(needles.filter((needle) => needle !== ''))];
}

/** Without extension, `/index` or a trailing slash: `../generated/prisma/index.js` -> `../generated/prisma`. */
function tidy(specifier: string): string {
  return withoutScriptExtension(specifier.replace(/\/+$/, '')).replace(/\/index$/, '');
}

/** `@prisma-db-mongo/client/edge` for a generator whose output is `node_modules/@prisma-db-mongo/client`. */
function packageOutput(specifier: string, packages: ReadonlyMap<string, string>): string | undefined {
  for (const [name, output] of packages) {
    if (specifier === name) return output;
    if (specifier.startsWith(`${name}/`)) return `${output}${specifier.slice(name.length)}`;
  }
  return undefined;
}

function byShape(path: string): ClientModuleRef | undefined {
  const match = GENERATED_SHAPE.exec(path);
  if (!match) return undefined;
  const entry = match[1];
  const folder = entry ? path.slice(0, -entry.length - 1) : path;
  // `generated/prisma/client` is Prisma 7's entry in the `generated/prisma` folder; `generated/client` is the folder.
  const clientModule = !entry && /(?:^|\/)prisma\/client$/.test(folder) && folder.includes('generated') ? posix.dirname(folder) : folder;
  return { clientModule, edge: entry !== undefined && EDGE_ENTRY.has(entry) };
}

/** The root-relative path a tsconfig `paths` alias maps a specifier to; undefined when no alias matches. */
export function resolveAlias(specifier: string, aliases: readonly (readonly [string, string])[]): string | undefined {
  for (const [pattern, target] of aliases) {
    const star = pattern.indexOf('*');
    if (star < 0) {
      if (specifier === pattern) return target;
      continue;
    }
    const prefix = pattern.slice(0, star);
    const suffix = pattern.slice(star + 1);
    if (specifier.length >= prefix.length + suffix.length && specifier.startsWith(prefix) && specifier.endsWith(suffix)) {
      const middle = specifier.slice(prefix.length, specifier.length - suffix.length);
      return posix.normalize(target.replace('*', middle));
    }
  }
  return undefined;
}
