import { posix } from 'node:path';
import { comparePaths, scriptExtensionOf } from '../core/paths.js';
import { chooseOptionsKey, type Judgement } from './judge-files.js';

/**
 * One singleton per client: every site that constructs the client of one module (the `@prisma/client` package, or
 * one generator's output) is rewritten to that module's singleton, never to another's (their models differ, and
 * often their database). The chosen singleton path serves the client most sites use; each other client gets a
 * sibling module named after its generator output (`src/lib/prisma-analytics.ts` exporting `prismaAnalytics`).
 */
export interface Target {
  readonly clientModule: string;
  readonly path: string;
  readonly exportName: string;
  /** The module is already there (reused, not created). */
  readonly existing: boolean;
  /** The connection options the singleton is built with; sites with other options are left for review. */
  readonly key: string;
  /** A workspace package that shares the client (`@acme/db`): sites import it by this name, and nothing is created. */
  readonly packageName?: string;
  /** The module hands its client out through a function (`usePrisma()`): its sites are for a person to call it. */
  readonly accessor?: boolean;
}

/**
 * The shared client of a workspace package this project depends on (`@acme/db` exporting `prisma`), or reaches by a
 * relative path: `path` is its singleton module (or, reached by path, the module the files import), relative to this
 * project (it climbs out); `covers` the client modules, as this project names
 * them, whose sites it serves (`@prisma/client` when it builds that client, the package name when it re-exports
 * PrismaClient).
 */
export interface SharedTarget {
  /** The specifier files import it by (the package name, or an alias); none when they reach `path` by a relative path. */
  readonly packageName?: string;
  readonly exportName: string;
  readonly path: string;
  readonly key: string;
  readonly covers: readonly string[];
  /** How many of this project's files import it by its relative path (when it has no package name). */
  readonly importers?: number;
}

/** The sibling singleton of a second client: its path next to the chosen one, and its export name. */
export function secondarySingleton(primaryPath: string, clientModule: string): { path: string; exportName: string } {
  const words = nameOf(clientModule)
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  const suffix = words.map((w) => w.toLowerCase()).join('-') || 'secondary';
  const exportName = `prisma${words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('') || 'Secondary'}`;
  const path = posix.join(posix.dirname(primaryPath), `prisma-${suffix}${scriptExtensionOf(primaryPath)}`);
  return { path, exportName };
}

const GENERIC = new Set(['prisma', 'client', 'generated', '.prisma', '@prisma', 'src', 'lib', 'node_modules', 'index']);

/** The distinctive part of a client module's name: `src/generated/analytics` -> `analytics`. */
function nameOf(clientModule: string): string {
  const segments = clientModule.split('/').filter((segment) => segment !== '' && segment !== '.');
  const specific = [...segments].reverse().find((segment) => !GENERIC.has(segment));
  return specific ?? segments[segments.length - 1] ?? clientModule;
}

/** The targets of a plan, the chosen path's first; a client whose sites none may merge has none. */
export function chooseTargets(judgement: Judgement, primaryPath: string, shared: readonly SharedTarget[] = []): Target[] {
  const counts = new Map<string, number>();
  for (const list of judgement.verdicts.values()) {
    for (const { verdict, clientModule } of list) if (verdict.merge) counts.set(clientModule, (counts.get(clientModule) ?? 0) + 1);
  }
  const byUse = [...counts.keys()].sort(
    (a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || Number(b === '@prisma/client') - Number(a === '@prisma/client') || comparePaths(a, b),
  );
  const primaryExisting = judgement.existing.find((e) => e.path === primaryPath);
  // A client a workspace package shares is imported from it, unless this project already has its own singleton.
  const sharing = (module: string): SharedTarget | undefined => shared.find((s) => s.covers.includes(module));
  const viaPackage = byUse.filter((module) => !(primaryExisting && primaryExisting.clientModule === module) && sharing(module));
  const local = byUse.filter((module) => !viaPackage.includes(module));
  const primaryModule = primaryExisting ? primaryExisting.clientModule : local[0];
  const targets: Target[] = viaPackage.flatMap((module) => {
    const from = sharing(module);
    if (!from) return [];
    const target = { clientModule: module, path: from.path, exportName: from.exportName, existing: true, key: from.key };
    return [from.packageName === undefined ? target : { ...target, packageName: from.packageName }];
  });
  if (primaryModule !== undefined || primaryExisting) {
    const module = primaryModule ?? '@prisma/client';
    const key = primaryExisting ? (primaryExisting.key ?? '') : chooseOptionsKey(judgement.verdicts, module);
    const target = { clientModule: module, path: primaryPath, exportName: primaryExisting?.exportName ?? 'prisma', existing: !!primaryExisting, key };
    targets.push(primaryExisting?.accessor ? { ...target, accessor: true } : target);
  }
  for (const module of local) {
    if (module === primaryModule) continue;
    const { path, exportName } = secondarySingleton(primaryPath, module);
    const existing = judgement.existing.find((e) => e.path === path && e.clientModule === module);
    const key = existing ? (existing.key ?? '') : chooseOptionsKey(judgement.verdicts, module);
    targets.push({ clientModule: module, path, exportName: existing?.exportName ?? exportName, existing: !!existing, key });
  }
  // A second client's singleton from an earlier run, with no site left to join it, is still the project's.
  for (const existing of judgement.existing) {
    const module = existing.clientModule;
    if (module === undefined || targets.some((t) => t.path === existing.path || t.clientModule === module)) continue;
    if (secondarySingleton(primaryPath, module).path !== existing.path) continue;
    targets.push({ clientModule: module, path: existing.path, exportName: existing.exportName ?? 'prisma', existing: true, key: existing.key ?? '' });
  }
  return targets;
}
