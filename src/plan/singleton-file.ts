import type { ClientOptions, OptionImport } from '../analyze/client-options.js';
import type { ExtensionRule } from '../core/paths.js';
import type { FileChange } from '../core/types.js';
import type { ProjectFacts } from '../discover/project-facts.js';
import { renderSingleton } from '../rewrite/singleton-source.js';
import { majorityStyle, type CodeStyle } from '../rewrite/style.js';
import { singletonFlavour } from './singleton-choice.js';
import { defaultAdapterOptions, renderOptionImport, singletonClientSpecifier } from './singleton-options.js';

/** What the new singleton module is built from. */
export interface SingletonInputs {
  readonly path: string;
  readonly exportName: string;
  readonly project: ProjectFacts;
  readonly extension: ExtensionRule;
  /** The options of a site that has the singleton's connection options; undefined when they are none. */
  readonly representative: ClientOptions | undefined;
  readonly clientModuleCounts: ReadonlyMap<string, number>;
  /** Env loaders that must run before the client is built (from sites whose options read the environment). */
  readonly envImports: readonly OptionImport[];
  /** The styles of the rewritten files, whose majority the new file follows. */
  readonly styles: readonly CodeStyle[];
  /**
   * The sites read PrismaClient off the client module's default export: with Prisma 4 or older (whose CommonJS entry
   * shows Node's ES modules no named export) or an unknown version, the singleton does too.
   */
  readonly defaultImported?: boolean;
}

/**
 * The file change that creates the singleton: its client imported from the module most sites used, built with the
 * shared connection options (Prisma 7 without any: the adapter for the schema's provider).
 */
export function singletonChange(inputs: SingletonInputs): FileChange {
  const { path, project, extension } = inputs;
  // The prisma-client generator says Prisma 7 only when no version is declared: Prisma 6 has it too, without adapters.
  const prisma7 = (project.prismaMajor ?? (project.prismaClientGenerator ? 7 : 0)) >= 7;
  const options = inputs.representative ?? (prisma7 ? defaultAdapterOptions(project, path) : undefined);
  const style = majorityStyle(inputs.styles);
  const { typescript, syntax } = singletonFlavour(path, project);
  return {
    path,
    before: null,
    after: renderSingleton({
      typescript,
      syntax,
      clientSpecifier: singletonClientSpecifier(inputs.clientModuleCounts, path, extension, project.clientPackageDirs),
      preamble: preamble([...inputs.envImports, ...(options?.imports ?? [])], (item) => renderOptionImport(item, path, extension, syntax, style)),
      setup: [],
      properties: options?.properties ?? [],
      style,
      exportName: inputs.exportName,
      defaultImport: inputs.defaultImported === true && (project.prismaMajor ?? 0) < 5,
    }),
  };
}

/** Each import line once, in first-seen order (two sites may carry the same env loader). */
function preamble(items: readonly OptionImport[], render: (item: OptionImport) => string): string[] {
  return [...new Set(items.map(render))];
}
