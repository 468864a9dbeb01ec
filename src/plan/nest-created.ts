import type { ExtensionRule } from '../core/paths.js';
import type { FileChange } from '../core/types.js';
import type { ProjectFacts } from '../discover/project-facts.js';
import { renderNestModule, renderNestService, type NestProviderSpec } from '../rewrite/nest-provider-source.js';
import { majorityStyle } from '../rewrite/style.js';
import { relativeSpecifier } from './import-specifier.js';
import type { NestLayout } from './nest-layout.js';
import type { InjectedSites } from './nest-plan.js';
import { defaultAdapterOptions, renderOptionImport, singletonClientSpecifier } from './singleton-options.js';

/**
 * The files the Nest plan creates: the provider, when the project has none and some provider now injects it (built
 * with the options the injected sites shared; Prisma 7 without any: the adapter for the schema's provider, as the
 * singleton is), and the global module that provides it, when the project has none and anything changed.
 */
export function createdNestFiles(
  layout: NestLayout,
  sites: InjectedSites,
  context: { readonly project: ProjectFacts; readonly extension: ExtensionRule; readonly injected: boolean; readonly registrations: number },
): { readonly changes: FileChange[]; readonly provider: boolean; readonly module: boolean } {
  const { project, extension } = context;
  const changes: FileChange[] = [];
  const createProvider = layout.provider.created && context.injected;
  const createModule = layout.module.created && (context.injected || context.registrations > 0);
  if (!createProvider && !createModule) return { changes, provider: false, module: false };
  const path = layout.provider.path;
  // The prisma-client generator says Prisma 7 only when no version is declared: Prisma 6 has it too, without adapters.
  const prisma7 = (project.prismaMajor ?? (project.prismaClientGenerator ? 7 : 0)) >= 7;
  const options = sites.representative ?? (prisma7 && createProvider ? defaultAdapterOptions(project, path) : undefined);
  const style = majorityStyle(sites.styles);
  const spec: NestProviderSpec = {
    className: layout.provider.name,
    moduleName: layout.module.name,
    clientSpecifier: singletonClientSpecifier(sites.clientModuleCounts, path, extension, project.clientPackageDirs),
    serviceSpecifier: relativeSpecifier(layout.module.path, path, extension),
    preamble: [...new Set((options?.imports ?? []).map((item) => renderOptionImport(item, path, extension, 'esm', style)))],
    properties: options?.properties ?? [],
    style,
  };
  if (createProvider) changes.push({ path, before: null, after: renderNestService(spec) });
  if (createModule) changes.push({ path: layout.module.path, before: null, after: renderNestModule(spec) });
  return { changes, provider: createProvider, module: createModule };
}
