import type { AnalysisContext } from '../analyze/analyze-file.js';
import { importedModules, listedNames } from '../analyze/nest-classes.js';
import type { Finding, Warning } from '../core/types.js';
import type { LocatedModule, NestContext } from './nest-context.js';
import type { NestLayout } from './nest-layout.js';
import { applyModuleChanges, extraRegistrations, type ModuleChange } from './nest-modules.js';
import type { InjectedSites } from './nest-plan.js';

/** What the module pass adds to the plan: the extra registrations, the texts of every file it changed, and what it could not do. */
export interface ModulePlan {
  readonly findings: readonly Finding[];
  readonly warnings: readonly Warning[];
  /** Final texts by path: the injection rewrites, with the module edits applied on top. */
  readonly texts: ReadonlyMap<string, string>;
  readonly registrations: number;
  /** Registrations removed from modules Nest never built (no module imports them): no instance before the run. */
  readonly unbuilt: number;
  /** Nest built the layout's module before the run (an existing one, reached from the root): its provider was an instance. */
  readonly moduleBuilt: boolean;
  /** The layout the plan ends with: a project whose one registration already serves every class that needs it keeps that module. */
  readonly layout: NestLayout;
}

/**
 * Makes the provider reachable from every module that needs it, and registered only in its own module. With a
 * global module (the one the plan creates, or the project's `@Global()` one), the root module imports it once
 * unless some module already does; with the project's non-global module, each module that registered the provider
 * or provides a class that now injects it imports the module instead.
 */
export function moduleChanges(
  context: NestContext,
  layout: NestLayout,
  sites: InjectedSites,
  target: { readonly analysis: AnalysisContext; readonly specifierFor: (path: string) => string },
): ModulePlan {
  const clients: Finding[] = [];
  const built = builtModules(context, layout.root);
  const found = extraRegistrations(context, layout, clients);
  const sole = soleRegistration(context, layout, found, sites);
  if (sole) {
    const kept = { path: sole.path, name: sole.name, created: false, global: sole.global, located: sole };
    return { findings: clients, warnings: [], texts: new Map(sites.changes), ...tally(kept, [], built), layout: { ...layout, module: kept } };
  }
  const registrations = found;
  const changes = new Map<string, Map<string, { removeProvider: boolean; importModule: boolean }>>();
  const mark = (module: LocatedModule, what: 'removeProvider' | 'importModule'): void => {
    if (module.path === layout.module.path && module.name === layout.module.name) return;
    const inFile = changes.get(module.path) ?? new Map<string, { removeProvider: boolean; importModule: boolean }>();
    const change = inFile.get(module.name) ?? { removeProvider: false, importModule: false };
    change[what] = true;
    inFile.set(module.name, change);
    changes.set(module.path, inFile);
  };
  const warnings: Warning[] = [];
  const missing = (detail: string): void => {
    warnings.push({ path: layout.module.path, line: 1, column: 1, kind: 'nest-import-by-hand', detail, needsPerson: true });
  };
  for (const { module } of registrations) mark(module, 'removeProvider');
  const modules = context.modules();
  if (sites.owners.length > 0 || registrations.length > 0) {
    if (layout.module.global) {
      const imported = !layout.module.created && modules.some((m) => lists(context, m, 'imports', layout.module));
      if (!imported && layout.root) mark(layout.root, 'importModule');
      else if (!imported) missing(`${layout.module.name} in the root module (no NestFactory.create(...) and no AppModule found)`);
    } else {
      for (const { module } of registrations) mark(module, 'importModule');
      for (const owner of sites.owners) {
        const providing = modules.filter((m) => lists(context, m, 'providers', owner) || lists(context, m, 'controllers', owner));
        for (const module of providing) mark(module, 'importModule');
        if (providing.length === 0) missing(`${layout.module.name} in the module that provides ${owner.name}`);
      }
    }
  }
  const texts = new Map(sites.changes);
  for (const [path, inFile] of changes) {
    const text = texts.get(path) ?? context.files.get(path)?.text;
    if (text === undefined) continue;
    const list: ModuleChange[] = [...inFile].map(([module, change]) => ({ module, ...change }));
    texts.set(path, applyModuleChanges(path, text, list, context, layout, target));
  }
  return { findings: [...registrations.map((r) => r.finding), ...clients], warnings, texts, ...tally(layout.module, registrations, built), layout };
}

/**
 * The official recipe's layout: no module exports the provider, one module registers it (`AppModule`), and every
 * class that now injects it is that module's own. One instance already, reachable where it is needed: kept.
 */
function soleRegistration(
  context: NestContext,
  layout: NestLayout,
  found: ReadonlyArray<{ module: LocatedModule }>,
  sites: InjectedSites,
): LocatedModule | undefined {
  const [only] = found;
  if (!layout.module.created || found.length !== 1 || !only) return undefined;
  const own = sites.owners.every((owner) => lists(context, only.module, 'providers', owner) || lists(context, only.module, 'controllers', owner));
  return own ? only.module : undefined;
}

function lists(context: NestContext, module: LocatedModule, key: 'providers' | 'imports' | 'controllers', target: { path: string; name: string }): boolean {
  const array = module.arrays.get(key);
  if (!array) return false;
  const names = key === 'imports' ? importedModules(array).names : listedNames(array);
  return names.some((id) => context.names(id, module.path, module.analysis, target));
}

/**
 * The modules Nest builds: the root module and every module its `imports` reach, as `path#name` keys. Undefined when
 * there is no root or an `imports` element on the way cannot be read: then any module may be built.
 */
function builtModules(context: NestContext, root: LocatedModule | undefined): ReadonlySet<string> | undefined {
  if (!root) return undefined;
  const modules = context.modules();
  const built = new Set([moduleKey(root)]);
  const queue: LocatedModule[] = [root];
  for (let module = queue.pop(); module; module = queue.pop()) {
    const imports = module.arrays.get('imports');
    const { names, unread } = imports ? importedModules(imports) : { names: [], unread: false };
    if (unread) return undefined;
    for (const other of modules) {
      if (built.has(moduleKey(other)) || !names.some((id) => context.names(id, module.path, module.analysis, other))) continue;
      built.add(moduleKey(other));
      queue.push(other);
    }
  }
  return built;
}

function moduleKey(module: { readonly path: string; readonly name: string }): string {
  return `${module.path}#${module.name}`;
}

/**
 * What the summary counts of the module pass: the registrations removed, those of them in modules Nest never built,
 * and whether it built the providing module (an existing one reached from the root; any, when that is unknown).
 */
function tally(
  module: NestLayout['module'],
  registrations: ReadonlyArray<{ module: LocatedModule }>,
  built: ReadonlySet<string> | undefined,
): Pick<ModulePlan, 'registrations' | 'unbuilt' | 'moduleBuilt'> {
  return {
    registrations: registrations.length,
    unbuilt: built ? registrations.filter((r) => !built.has(moduleKey(r.module))).length : 0,
    moduleBuilt: !module.created && (built?.has(moduleKey(module)) ?? true),
  };
}
