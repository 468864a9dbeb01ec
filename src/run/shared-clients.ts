import { join, posix } from 'node:path';
import { type EntrySingleton, entryClient, exportedSubclass, packageAnalyses } from '../analyze/shared-client.js';
import { clientModules } from '../discover/client-modules.js';
import { readConfig } from '../discover/config-files.js';
import { packageEntry, packageSubpaths, readRelativeModule } from '../discover/package-entry.js';
import { readProjectFacts } from '../discover/project-facts.js';
import type { Workspace } from '../discover/workspaces.js';

/** A workspace package that shares a client with the others: its singleton, PrismaClient re-exported, or both. */
export interface SharedClient {
  /** Its package.json name; undefined when it has none (a tsconfig path may still reach it). */
  readonly name: string | undefined;
  /** Workspace-relative folder of the package, and of its entry module. */
  readonly dir: string;
  readonly entry: string;
  /** Its singleton (path workspace-relative), and the names the entry and the module export the client under. */
  readonly singleton: EntrySingleton | undefined;
  /** Its entry re-exports PrismaClient: importing the package name is importing a client module. */
  readonly reexportsClient: boolean;
  /** The subclass of PrismaClient its entry exports (a Nest provider, `DbService`), if any. */
  readonly provider: string | undefined;
  /** The subclasses its other `exports` subpaths export, by subpath (`client` for `@repo/db/client`). */
  readonly subpathProviders: ReadonlyMap<string, string>;
}

/**
 * The workspace packages whose entry (package.json `exports`/`main`/`types`, or `src/index`) exports a shared client
 * or PrismaClient, found by following the entry's re-exports (analyze/shared-client.ts). Each package's own schema
 * (or the workspace root's) decides which of its specifiers name a client.
 */
export async function sharedClients(workspace: Workspace): Promise<SharedClient[]> {
  const out: SharedClient[] = [];
  for (const member of workspace.packages) {
    const packageRoot = join(workspace.root, member.dir);
    const entry = packageEntry(packageRoot);
    if (!entry) continue;
    const modules = clientModules(readProjectFacts(await readConfig(packageRoot, undefined, workspace.root)));
    const load = (from: string, specifier: string) => readRelativeModule(packageRoot, from, specifier);
    const analyses = packageAnalyses(modules);
    const found = entryClient(entry, load, modules, analyses);
    const subpathProviders = new Map(
      packageSubpaths(packageRoot).flatMap(({ subpath, module }) => {
        const provider = exportedSubclass(module, load, analyses);
        return provider === undefined ? [] : [[subpath, provider] as const];
      }),
    );
    if (!found.singleton && !found.reexportsClient && found.provider === undefined && subpathProviders.size === 0) continue;
    const singleton = found.singleton ? { ...found.singleton, path: posix.join(member.dir, found.singleton.path) } : undefined;
    out.push({
      name: member.name,
      dir: member.dir,
      entry: posix.join(member.dir, entry.path),
      singleton,
      reexportsClient: found.reexportsClient,
      provider: found.provider,
      subpathProviders,
    });
  }
  return out;
}
