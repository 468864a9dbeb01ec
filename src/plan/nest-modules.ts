import { ts } from '#typescript';
import { analyzeFile, type AnalysisContext } from '../analyze/analyze-file.js';
import { importedModules, importedName, listedNames, nestModules, useClassValues } from '../analyze/nest-classes.js';
import { parseSource } from '../analyze/parse.js';
import { siteKey } from '../analyze/site-fingerprint.js';
import { position } from '../analyze/site-verdict.js';
import type { Finding, FindingKind } from '../core/types.js';
import { removeUnused } from '../rewrite/cleanup.js';
import { applyEdits, joinRemovals, statementRemoval, type Edit } from '../rewrite/edits.js';
import { mergeInsertions, placeImport } from '../rewrite/import-placement.js';
import { elementAppend, elementRemoval, propertyInsertion } from '../rewrite/module-arrays.js';
import { detectStyle, quoted } from '../rewrite/style.js';
import type { ClassRef, LocatedModule, NestContext } from './nest-context.js';
import type { NestLayout } from './nest-layout.js';

/** What to change in one `@Module()` class: drop the provider from `providers`, add the provider's module to `imports`. */
export interface ModuleChange {
  readonly module: string;
  readonly removeProvider: boolean;
  readonly importModule: boolean;
}

/**
 * Every registration of the provider in a module's `providers` other than its own module's: each is one more
 * instance, and one more pool. Reported as rewrites (apply removes them) with the reason `nest-extra-provider`.
 * A registration of the client class itself goes to `clients`, for review (`nest-client-provider`): its users
 * inject it by that type, which the tool does not change.
 */
export function extraRegistrations(context: NestContext, layout: NestLayout, clients: Finding[] = []): Array<{ module: LocatedModule; finding: Finding }> {
  const out: Array<{ module: LocatedModule; finding: Finding }> = [];
  for (const module of context.modules()) {
    // In controllers, even the provider's own module builds one more instance.
    clients.push(...controllerClients(module, context, layout));
    const own = module.path === layout.module.path && module.name === layout.module.name;
    clients.push(...useClassRegistrations(module, context, layout, own));
    if (own) continue;
    const array = module.arrays.get('providers');
    for (const id of array ? listedNames(array) : []) {
      const provider = context.names(id, module.path, module.analysis, layout.provider, layout.isProviderExport);
      // `providers: [PrismaClient]`: Nest builds a client of its own for that module, injected by the client's type.
      const value = provider ? undefined : module.analysis.values.of(id);
      const client = value?.type === 'constructor' && value.review === undefined ? value : undefined;
      if (!provider && !client) continue;
      const kind: FindingKind = importedName(id, module.analysis.scopes)?.name === 'default' ? 'default-import' : 'named-import';
      const finding: Finding = {
        path: module.path,
        ...position({ node: id }),
        kind,
        clientModule: client ? client.origin.clientModule : layout.provider.clientModule,
        action: provider ? 'rewrite' : 'review',
        reason: provider ? 'nest-extra-provider' : 'nest-client-provider',
        fingerprint: siteKey(id),
      };
      if (provider) out.push({ module, finding });
      else clients.push(finding);
    }
  }
  return out;
}

/**
 * The provider class, or a client class, listed in a module's `controllers`: Nest instantiates each controller of
 * each module, so every listing is one more client and pool (round 5: `controllers: [UsersController,
 * PrismaService]` in three modules). For review: the fix is to take it out and inject it where it is used.
 */
function controllerClients(module: LocatedModule, context: NestContext, layout: NestLayout): Finding[] {
  const array = module.arrays.get('controllers');
  return (array ? listedNames(array) : []).flatMap((id): Finding[] => {
    const provider = context.names(id, module.path, module.analysis, layout.provider, layout.isProviderExport);
    const value = provider ? undefined : module.analysis.values.of(id);
    if (!provider && !(value?.type === 'constructor')) return [];
    const kind: FindingKind = importedName(id, module.analysis.scopes)?.name === 'default' ? 'default-import' : 'named-import';
    const clientModule = value?.type === 'constructor' ? value.origin.clientModule : layout.provider.clientModule;
    return [{ path: module.path, ...position({ node: id }), kind, clientModule, action: 'review', reason: 'nest-client-controller', fingerprint: siteKey(id) }];
  });
}

/**
 * `{ provide: TOKEN, useClass: C }` in a module's `providers`: Nest builds a C for the token, one more instance and
 * pool. For review when C is a client class (`nest-client-provider`), or the provider in a module other than its
 * own (`nest-provider-use-class`): the fix is the one instance under that token (`useExisting`), which the tool does
 * not write.
 */
function useClassRegistrations(module: LocatedModule, context: NestContext, layout: NestLayout, own: boolean): Finding[] {
  const array = module.arrays.get('providers');
  return (array ? useClassValues(array) : []).flatMap((value): Finding[] => {
    const id = ts.isIdentifier(value) ? value : undefined;
    const provider = id !== undefined && context.names(id, module.path, module.analysis, layout.provider, layout.isProviderExport);
    const client = provider ? undefined : module.analysis.values.of(value);
    if (provider ? own : client?.type !== 'constructor' || client.review !== undefined) return [];
    const kind: FindingKind = !id ? 'namespace-import' : importedName(id, module.analysis.scopes)?.name === 'default' ? 'default-import' : 'named-import';
    const clientModule = client?.type === 'constructor' ? client.origin.clientModule : layout.provider.clientModule;
    const reason = provider ? 'nest-provider-use-class' : 'nest-client-provider';
    return [{ path: module.path, ...position({ node: value }), kind, clientModule, action: 'review', reason, fingerprint: siteKey(value) }];
  });
}

/** What a module file needs to name the provider's module: its specifier from this file. */
export interface ModuleImport {
  readonly specifierFor: (path: string) => string;
}

/**
 * Applies the module changes of one file to its current text (after any injection rewrite of the same file):
 * registrations of the provider go (and its import, when nothing else uses it), and the provider's module joins
 * `imports` (the property is added when the module has none), imported unless the file imports it already.
 */
export function applyModuleChanges(
  path: string,
  text: string,
  changes: readonly ModuleChange[],
  context: NestContext,
  layout: NestLayout,
  target: ModuleImport & { readonly analysis: AnalysisContext },
): string {
  const { sourceFile } = parseSource(path, text);
  const analysis = analyzeFile(sourceFile, target.analysis);
  const style = detectStyle(sourceFile);
  const edits: Edit[] = [];
  const removed: ts.Identifier[] = [];
  const moduleRef: ClassRef = layout.module;
  const declared = analysis.scopes.declaredIn(sourceFile) ?? new Map<string, ts.Identifier>();
  const bound = [...declared].find(([, id]) => context.names(id, path, analysis, moduleRef))?.[0];
  // A name the file binds to something else (nestjs-prisma's PrismaModule) is never imported twice: the provider's
  // module comes in under a free one (`PrismaModule as PrismaModule2`).
  const localModule = bound ?? freeName(layout.module.name, declared);
  let needsImport = false;
  for (const module of nestModules(sourceFile, analysis.scopes)) {
    const change = changes.find((c) => c.module === module.name);
    if (!change) continue;
    // The module the provider now comes from, passed on where the module exported the provider (never a global one: it is everywhere already).
    const passOn = change.importModule && !layout.module.global ? localModule : undefined;
    const providers = module.arrays.get('providers');
    if (change.removeProvider && providers) {
      for (const id of listedNames(providers)) {
        if (!context.names(id, path, analysis, layout.provider, layout.isProviderExport)) continue;
        edits.push(elementRemoval(text, providers, id));
        const declared = analysis.scopes.findDeclaration(id.text, id);
        if (declared) removed.push(declared);
      }
      edits.push(
        ...exportEdits(text, module.arrays.get('exports'), (id) => context.names(id, path, analysis, layout.provider, layout.isProviderExport), passOn),
      );
    }
    if (!change.importModule) continue;
    const imports = module.arrays.get('imports');
    if (imports && importedModules(imports).names.some((id) => context.names(id, path, analysis, moduleRef))) continue;
    needsImport = bound === undefined;
    if (imports) edits.push(elementAppend(text, imports, localModule, style));
    else if (module.metadata) edits.push(propertyInsertion(text, module.metadata, 'imports', localModule, style));
  }
  const cleanup = removeUnused(text, [...new Set(removed)], analysis.scopes, edits);
  edits.push(...cleanup.edits);
  if (needsImport) {
    const binding = localModule === layout.module.name ? localModule : `${layout.module.name} as ${localModule}`;
    const statement = `import { ${binding} } from ${quoted(target.specifierFor(path), style)}${style.semicolons ? ';' : ''}`;
    edits.push(placeImport(statement, cleanup.freed, sourceFile, style, edits));
  } else if (cleanup.freed) edits.push(statementRemoval(text, cleanup.freed));
  return edits.length === 0 ? text : applyEdits(text, mergeInsertions(joinRemovals(text, edits)));
}

/**
 * Nest refuses to export a provider the module no longer provides ("cannot export a provider/module that is not a
 * part of the currently processed module"): the provider leaves `exports` with its registration, and where the
 * module now imports the provider's module, that module takes its place, so the module's importers still get the
 * provider through it.
 */
function exportEdits(
  text: string,
  exports: ts.ArrayLiteralExpression | undefined,
  isProvider: (id: ts.Identifier) => boolean,
  passOn: string | undefined,
): Edit[] {
  if (!exports) return [];
  const listed = listedNames(exports);
  const already = passOn !== undefined && listed.some((id) => id.text === passOn);
  return listed
    .filter(isProvider)
    .map((id, index) =>
      passOn !== undefined && !already && index === 0 ? { start: id.getStart(), end: id.getEnd(), text: passOn } : elementRemoval(text, exports, id),
    );
}

/** `name`, or `name2`, `name3`... the first the file does not declare. */
function freeName(name: string, declared: ReadonlyMap<string, unknown>): string {
  let free = name;
  for (let n = 2; declared.has(free); n += 1) free = `${name}${n}`;
  return free;
}
