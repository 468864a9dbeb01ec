import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import type FastGlob from 'fast-glob';
import { comparePaths } from '../core/paths.js';
import { foldersHolding } from './marker-files.js';

/** One package (or Nx project) of a workspace. `dir` is POSIX and relative to the workspace root. */
export interface WorkspacePackage {
  readonly dir: string;
  /** The package.json `name`, when it has one. */
  readonly name: string | undefined;
  /** Every dependency name its package.json declares (all kinds). */
  readonly dependencies: ReadonlySet<string>;
}

/** A monorepo: where its root is, how it declares its packages, and the packages. */
export interface Workspace {
  /** Absolute. */
  readonly root: string;
  readonly kind: 'npm' | 'pnpm' | 'nx' | 'nest' | 'nested';
  readonly packages: readonly WorkspacePackage[];
}

function readJson(path: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.fromEntries(Object.entries(value)) : undefined;
  } catch {
    return undefined;
  }
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** npm/yarn `workspaces` (an array, or `{ packages: [...] }`). */
function npmPatterns(pkg: Record<string, unknown> | undefined): string[] {
  const workspaces = pkg?.['workspaces'];
  if (Array.isArray(workspaces)) return strings(workspaces);
  if (typeof workspaces === 'object' && workspaces !== null && 'packages' in workspaces) return strings(workspaces.packages);
  return [];
}

/** The `packages:` list of pnpm-workspace.yaml: a block list of (optionally quoted) globs. */
export function pnpmPatterns(yaml: string): string[] {
  const lines = yaml.split(/\r?\n/);
  const start = lines.findIndex((line) => /^packages\s*:/.test(line));
  if (start < 0) return [];
  const inline = /^packages\s*:\s*\[(.*)\]\s*$/.exec(lines[start] ?? '')?.[1];
  if (inline !== undefined) return inline.split(',').map(unquote).filter(Boolean);
  const out: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break;
    const item = /^\s*-\s*(.+?)\s*(#.*)?$/.exec(line)?.[1];
    if (item) out.push(unquote(item));
  }
  return out;
}

function unquote(value: string): string {
  return value.trim().replace(/^(['"])(.*)\1$/, '$2');
}

function dependencyNames(pkg: Record<string, unknown> | undefined): Set<string> {
  const names = new Set<string>();
  for (const key of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    const deps = pkg?.[key];
    if (typeof deps === 'object' && deps !== null) for (const name of Object.keys(deps)) names.add(name);
  }
  return names;
}

/** The package in `dir` (workspace-relative): its name and every dependency its package.json declares. */
export function toPackage(root: string, dir: string): WorkspacePackage {
  const pkg = readJson(join(root, dir, 'package.json'));
  const name = pkg?.['name'];
  return { dir, name: typeof name === 'string' ? name : undefined, dependencies: dependencyNames(pkg) };
}

const IGNORE = ['**/node_modules/**', '**/.git/**'];

/** How many folders deep a search for project.json or undeclared packages goes (`apps/api` is 2): they sit near the top. */
const SEARCH_DEPTH = 3;

/**
 * fast-glob, loaded when a workspace declares globs: most runs have none, and loading it (and micromatch behind it)
 * costs about a tenth of a second.
 */
let fastGlob: typeof FastGlob | undefined;

/** The folders the globs a workspace declares name that hold a package.json. */
function expand(root: string, patterns: readonly string[]): string[] {
  // `./apps/*` names what `apps/*` names: a package found both ways was planned twice, every site reported twice.
  const tidy = (pattern: string): string => pattern.replace(/^(?:\.\/)+/, '').replace(/\/+$/, '');
  const include = patterns.filter((p) => !p.startsWith('!')).map((p) => `${tidy(p)}/package.json`);
  const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => `${tidy(p.slice(1))}/**`);
  if (include.length === 0) return [];
  fastGlob ??= createRequire(import.meta.url)('fast-glob') as typeof FastGlob;
  const files = fastGlob.sync(include, { cwd: root, ignore: [...IGNORE, ...exclude], onlyFiles: true, suppressErrors: true });
  return [...new Set(files.map((file) => posix.normalize(dirname(file))))].filter((dir) => dir !== '.').sort(comparePaths);
}

/**
 * The workspace whose root is `root`, from what declares it: npm/yarn `workspaces`, pnpm-workspace.yaml, Nx
 * project.json roots (an integrated repo with one package.json), and nested package.json files that depend on Prisma
 * or hold a schema (those `acceptFound` takes): all of them when nothing is declared, and beside declared packages
 * those the declaration leaves out (a `legacy-api/` outside `packages/*` is still a package of its own, never rewritten
 * to import a singleton at the root). Undefined when `root` is not the root of a workspace with packages.
 */
export function workspaceAt(root: string, acceptFound: (dir: string) => boolean = () => true): Workspace | undefined {
  const pkg = readJson(join(root, 'package.json'));
  const npm = npmPatterns(pkg);
  const pnpmFile = join(root, 'pnpm-workspace.yaml');
  const declared: [Workspace['kind'], string[]] | undefined =
    npm.length > 0
      ? ['npm', expand(root, npm)]
      : existsSync(pnpmFile)
        ? ['pnpm', expand(root, pnpmPatterns(readFileSync(pnpmFile, 'utf8')))]
        : existsSync(join(root, 'nx.json'))
          ? ['nx', foldersHolding(root, 'project.json', SEARCH_DEPTH)]
          : nestProjects(root);
  const nested = prismaPackages(root, acceptFound);
  if (!declared) return withPackages(root, 'nested', nested);
  const [kind, dirs] = declared;
  const left = nested.filter((dir) => !dirs.some((d) => dir === d || dir.startsWith(`${d}/`) || d.startsWith(`${dir}/`)));
  return withPackages(root, kind, [...dirs, ...left].sort(comparePaths));
}

/**
 * Folders below `root` whose package.json depends on Prisma, or that hold a schema of their own; never a generated
 * client committed to the tree, whose package.json and copy of the schema Prisma writes there.
 */
function prismaPackages(root: string, acceptFound: (dir: string) => boolean): string[] {
  return foldersHolding(root, 'package.json', SEARCH_DEPTH).filter((dir) => {
    if (!acceptFound(dir)) return false;
    const { name, dependencies: deps } = toPackage(root, dir);
    if (name !== undefined && isGeneratedClientName(name)) return false;
    // Prisma as a dependency, or a schema of its own (a package that generates its client elsewhere).
    return (
      deps.has('@prisma/client') || deps.has('prisma') || existsSync(join(root, dir, 'prisma', 'schema.prisma')) || existsSync(join(root, dir, 'schema.prisma'))
    );
  });
}

function withPackages(root: string, kind: Workspace['kind'], dirs: readonly string[]): Workspace | undefined {
  // A package inside another package's folder is planned on its own; the outer one leaves its folder alone.
  return dirs.length === 0 ? undefined : { root, kind, packages: dirs.map((dir) => toPackage(root, dir)) };
}

/**
 * The workspace that holds `dir`: the nearest folder at or above it whose workspace lists `dir` (or a folder that
 * holds it) as a package. Stops at the git work tree's top or the file system's root.
 */
export function enclosingWorkspace(dir: string): { workspace: Workspace; member: WorkspacePackage | undefined } | undefined {
  for (let current = resolve(dir); ; current = dirname(current)) {
    const workspace = current === resolve(dir) ? undefined : declaredWorkspaceAt(current);
    if (workspace) {
      const rel = relative(current, resolve(dir)).split(sep).join('/');
      const member = workspace.packages.find((p) => rel === p.dir || rel.startsWith(`${p.dir}/`));
      if (member) return { workspace, member };
    }
    if (existsSync(join(current, '.git')) || dirname(current) === current) return undefined;
  }
}

/** Like workspaceAt, but only for a declared workspace (not nested package.json files). */
function declaredWorkspaceAt(root: string): Workspace | undefined {
  const pkg = readJson(join(root, 'package.json'));
  const declared = npmPatterns(pkg).length > 0 || existsSync(join(root, 'pnpm-workspace.yaml')) || existsSync(join(root, 'nx.json'));
  return declared || nestProjects(root) ? workspaceAt(root) : undefined;
}

/**
 * The project roots of a Nest CLI monorepo (`nest-cli.json` with `"monorepo": true`): each application there is
 * built and run as a process of its own, with its own module graph, and each library is its code, so each is
 * planned apart, as an Nx project is (a registration in one app is never another app's extra one).
 */
function nestProjects(root: string): [Workspace['kind'], string[]] | undefined {
  const config = readJson(join(root, 'nest-cli.json'));
  const projects = config?.['monorepo'] === true ? config['projects'] : undefined;
  if (typeof projects !== 'object' || projects === null) return undefined;
  const dirs = Object.values(projects).flatMap((project: unknown) => {
    const dir = typeof project === 'object' && project !== null && 'root' in project && typeof project.root === 'string' ? posix.normalize(project.root) : '.';
    // A project the config names but the tree lacks (not checked out, renamed) holds nothing to plan.
    return dir === '.' || dir.startsWith('..') || isAbsolute(dir) || !existsSync(join(root, dir)) ? [] : [dir.replace(/\/$/, '')];
  });
  return dirs.length === 0 ? undefined : ['nest', [...new Set(dirs)].sort(comparePaths)];
}

/** One folder planned on its own: a package, or the workspace root without its packages (`dir` ''). */
export interface WorkspaceUnit {
  /** Workspace-relative, POSIX; '' for the root. */
  readonly dir: string;
  readonly member: WorkspacePackage | undefined;
  /** Folders of other packages inside this one, relative to it: planned apart, never entered. */
  readonly otherProjects: readonly string[];
}

/** The units of a workspace run: each package, then the root with every package folder left out. */
export function workspaceUnits(workspace: Workspace): WorkspaceUnit[] {
  const inside = (outer: string) => workspace.packages.filter((p) => p.dir.startsWith(`${outer}/`)).map((p) => p.dir.slice(outer.length + 1));
  return [
    ...workspace.packages.map((member) => ({ dir: member.dir, member, otherProjects: inside(member.dir) })),
    { dir: '', member: undefined, otherProjects: workspace.packages.map((p) => p.dir) },
  ];
}

/** The name Prisma gives a generated client's package.json: `.prisma/client` (Prisma 4 and older), `prisma-client-<hash>`. */
export function isGeneratedClientName(name: string): boolean {
  return name === '.prisma/client' || /^prisma-client-[0-9a-f]{16,}$/.test(name);
}
