import { posix } from 'node:path';
import { ts } from '#typescript';
import { bootstrapModule, injectedDecorator, isScopedProvider, listedNames } from '../analyze/nest-classes.js';
import { ProjectError } from '../core/errors.js';
import { comparePaths, moduleKeyOf, scriptExtensionOf } from '../core/paths.js';
import type { Judgement } from './judge-files.js';
import type { ClassRef, LocatedModule, NestContext } from './nest-context.js';

/** The provider class every injection takes: the project's own subclass, or one the plan creates. */
export interface NestProvider extends ClassRef {
  readonly created: boolean;
  readonly clientModule: string;
}

/** Where the provider lives, which module provides it, and the root module that imports that one. */
export interface NestLayout {
  readonly provider: NestProvider;
  /** True when `name` exported by module `key` is the provider (its own module, or a barrel that passes it on). */
  readonly isProviderExport: (key: string, name: string) => boolean;
  /** The module that provides and exports the provider: the project's own, or a global one the plan creates. */
  readonly module: ClassRef & { readonly created: boolean; readonly global: boolean; readonly located: LocatedModule | undefined };
  readonly root: LocatedModule | undefined;
}

/**
 * Decides the layout: the provider is the project's client subclass (a `--singleton` path names which; else an
 * injectable one, then one called `PrismaService`, then the first by path), or `src/prisma/prisma.service.ts` (in the
 * project's source folder) when the project has none. Its module is the project's module that provides and exports it (a global one first), else
 * `prisma.module.ts` beside it, global. The root module is the one `NestFactory.create(...)` starts, else `AppModule`.
 */
export function chooseLayout(
  context: NestContext,
  judgement: Judgement,
  options: { readonly providerPath: string | undefined; readonly sourceDir: string; readonly clientModule: string; readonly sourcePaths: ReadonlySet<string> },
): NestLayout {
  const found = subclasses(context, judgement).sort(
    (a, b) =>
      Number(b.path === options.providerPath) - Number(a.path === options.providerPath) ||
      Number(b.injected) - Number(a.injected) ||
      Number(b.name === 'PrismaService') - Number(a.name === 'PrismaService') ||
      comparePaths(a.path, b.path),
  );
  const [best] = found;
  // In the source folder (`src/`, the tsconfig's source root); at the root, beside the schema's `prisma/` folder.
  const path = options.providerPath ?? (options.sourceDir === '' ? 'prisma.service.ts' : `${options.sourceDir}/prisma/prisma.service.ts`);
  if (!best && options.sourcePaths.has(path)) {
    throw new ProjectError(`${path} exists but declares no class that extends PrismaClient; pass --singleton <path> to choose another file`);
  }
  const provider: NestProvider = best
    ? { path: best.path, name: best.name, created: false, clientModule: best.clientModule }
    : { path, name: 'PrismaService', created: true, clientModule: options.clientModule };
  const isProviderExport = (key: string, name: string): boolean =>
    name === provider.name && (key === moduleKeyOf(provider.path) || judgement.classes.get(key)?.get(name)?.reason === 'client-subclass');
  const modules = context.modules();
  const providing = modules
    .filter((m) => listsProvider(context, m, 'providers', provider, isProviderExport) && listsProvider(context, m, 'exports', provider, isProviderExport))
    .sort((a, b) => Number(b.global) - Number(a.global));
  const [own] = providing;
  const module = own
    ? { path: own.path, name: own.name, created: false, global: own.global, located: own }
    : { ...createdModule(provider), created: true, global: true, located: undefined };
  return { provider, isProviderExport, module, root: rootModule(context, modules) };
}

/** Whether the module's `key` array lists the provider. */
export function listsProvider(
  context: NestContext,
  module: LocatedModule,
  key: 'providers' | 'exports',
  provider: ClassRef,
  isProviderExport: (key: string, name: string) => boolean,
): boolean {
  const array = module.arrays.get(key);
  return !!array && listedNames(array).some((id) => context.names(id, module.path, module.analysis, provider, isProviderExport));
}

/** The client subclasses the project declares (not the barrels that pass them on), with the client each extends. */
function subclasses(context: NestContext, judgement: Judgement): Array<ClassRef & { clientModule: string; injected: boolean }> {
  const out: Array<ClassRef & { clientModule: string; injected: boolean }> = [];
  for (const [key, names] of judgement.classes) {
    const path = [...context.files.keys()].find((p) => moduleKeyOf(p) === key);
    const analysis = path === undefined ? undefined : context.analyse(path);
    if (path === undefined || !analysis || context.role(path) !== 'app') continue;
    for (const [name, exported] of names) {
      if (exported.reason !== 'client-subclass') continue;
      const declaration = analysis.sourceFile.statements.find((s): s is ts.ClassDeclaration => ts.isClassDeclaration(s) && s.name?.text === name);
      if (!declaration || analysis.values.subclass(declaration)?.type !== 'constructor') continue;
      // A class Nest builds per request (or per consumer) is a client per request: never the one provider.
      if (isScopedProvider(declaration, analysis.scopes)) continue;
      out.push({ path, name, clientModule: exported.clientModule, injected: injectedDecorator(declaration, analysis.scopes) !== undefined });
    }
  }
  return out;
}

/** `prisma.module.ts` (`database.module.ts` beside `database.service.ts`) exporting `PrismaModule` (`DatabaseModule`). */
function createdModule(provider: ClassRef): ClassRef {
  const base = posix.basename(provider.path, scriptExtensionOf(provider.path));
  const file = base.endsWith('.service') ? `${base.slice(0, -'.service'.length)}.module` : 'prisma.module';
  const stem = provider.name.endsWith('Service') ? provider.name.slice(0, -'Service'.length) : provider.name;
  return { path: posix.join(posix.dirname(provider.path), `${file}${scriptExtensionOf(provider.path)}`), name: `${stem || 'Prisma'}Module` };
}

/** The module a bootstrap starts (`main.ts` first), else the one named `AppModule`. */
function rootModule(context: NestContext, modules: readonly LocatedModule[]): LocatedModule | undefined {
  const paths = [...context.files.keys()].filter((p) => context.role(p) === 'app').sort((a, b) => Number(isMain(b)) - Number(isMain(a)) || comparePaths(a, b));
  for (const path of paths) {
    const analysis = context.analyse(path);
    const started = analysis && bootstrapModule(analysis.sourceFile, analysis.scopes);
    if (!analysis || !started) continue;
    const root = modules.find((m) => context.names(started, path, analysis, m));
    if (root) return root;
  }
  return modules.find((m) => m.name === 'AppModule');
}

function isMain(path: string): boolean {
  return /(^|\/)main\.[cm]?[jt]s$/.test(path);
}
