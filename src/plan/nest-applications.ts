import { posix } from 'node:path';
import { ts } from '#typescript';
import type { FileAnalysis } from '../analyze/analyze-file.js';
import { bootstrapModule } from '../analyze/nest-classes.js';
import type { Site } from '../analyze/analyze-file.js';
import type { NestContext } from './nest-context.js';
import type { NestLayout } from './nest-layout.js';

/**
 * The folders of the Nest applications in the project: one per file that bootstraps one (`NestFactory.create`,
 * `createMicroservice`, `createApplicationContext`), the folder above its `src/` (`apps/api` for
 * `apps/api/src/main.ts`, the layout of a Nest CLI monorepo), sorted longest first. Each is a process of its own.
 */
export function applicationFolders(context: NestContext): string[] {
  const folders = new Set<string>();
  for (const path of context.files.keys()) {
    if (context.role(path) !== 'app') continue;
    const analysis = context.analyse(path);
    if (!analysis || !bootstrapModule(analysis.sourceFile, analysis.scopes)) continue;
    const folder = posix.dirname(path);
    folders.add(folder === 'src' ? '' : folder.endsWith('/src') ? folder.slice(0, -'/src'.length) : folder);
  }
  return [...folders].sort((a, b) => b.length - a.length);
}

/**
 * A site in one application whose provider sits in another (a Nest CLI monorepo's second app): that application's
 * root module never imports the provider's module, so an injection would not boot. Shared code (a library outside
 * every application folder) is not another application.
 */
export function inOtherApplication(sitePath: string, providerPath: string, folders: readonly string[]): boolean {
  if (folders.length < 2) return false;
  const appOf = (path: string): string | undefined => folders.find((folder) => folder === '' || path.startsWith(`${folder}/`));
  const provider = appOf(providerPath);
  return provider !== undefined && provider !== '' && appOf(sitePath) !== provider;
}

/** `new PrismaService()` of the provider class itself (not of another subclass). */
export function constructsProvider(context: NestContext, site: Site, analysis: FileAnalysis, layout: NestLayout): boolean {
  const binding = site.binding;
  if (!binding) return false;
  const declaration = binding.declaration;
  if (ts.isClassDeclaration(declaration)) return analysis.sourceFile.fileName === layout.provider.path && binding.name.text === layout.provider.name;
  const imported = ts.isImportDeclaration(declaration) && ts.isStringLiteral(declaration.moduleSpecifier) ? declaration.moduleSpecifier.text : undefined;
  const name = binding.element && ts.isImportSpecifier(binding.element) ? (binding.element.propertyName ?? binding.element.name).text : 'default';
  return imported !== undefined && layout.isProviderExport(context.resolve(imported, analysis.sourceFile.fileName) ?? '', name);
}

/** The provider's own `extends PrismaClient`: the one construction the plan keeps. */
export function isProviderDeclaration(site: Site, path: string, layout: NestLayout): boolean {
  const heritage = site.node.parent;
  return (
    path === layout.provider.path &&
    ts.isHeritageClause(heritage) &&
    ts.isClassDeclaration(heritage.parent) &&
    heritage.parent.name?.text === layout.provider.name
  );
}
