import { posix } from 'node:path';
import { resolveRelative, withoutScriptExtension } from '../core/paths.js';

/** What a module specifier points at, as far as this tool cares. */
export type ClientModuleKind = 'client' | 'edge' | undefined;

/**
 * Decides which module specifiers export Prisma's `PrismaClient`: `@prisma/client` itself, its edge entry
 * (reported, never rewritten), and the generator outputs of the project's schema however a file spells the
 * relative path to them (`../generated/prisma`, `.../client`, `.../client.js`, `.../index`).
 */
export interface ClientModules {
  classify(specifier: string, fromPath: string): ClientModuleKind;
  /**
   * Which client a specifier of a client module gives, the same however it is spelled: `@prisma/client` for the
   * package (and its subpaths), or the root-relative generator output folder (`src/generated/analytics`). Sites with
   * different identities construct different clients (other models, often another database).
   */
  identify(specifier: string, fromPath: string): string;
}

/** Builds the matcher from the generator output folders, given as POSIX paths relative to the root. */
export function clientModules(generatorOutputs: readonly string[]): ClientModules {
  const outputs = new Set(generatorOutputs.map((dir) => posix.normalize(dir)));
  return {
    classify(specifier, fromPath) {
      if (specifier === '@prisma/client' || specifier === '@prisma/client/index') return 'client';
      if (specifier === '@prisma/client/edge' || specifier === '@prisma/client/wasm') return 'edge';
      if (outputs.size === 0 || !specifier.startsWith('.')) return undefined;
      const target = withoutScriptExtension(resolveRelative(fromPath, specifier));
      if (outputs.has(target)) return 'client';
      if (!outputs.has(posix.dirname(target))) return undefined;
      const entry = posix.basename(target);
      if (entry === 'client' || entry === 'index') return 'client';
      if (entry === 'edge') return 'edge';
      return undefined;
    },
    identify(specifier, fromPath) {
      if (!specifier.startsWith('.')) return specifier.startsWith('@prisma/client') ? '@prisma/client' : specifier;
      const target = withoutScriptExtension(resolveRelative(fromPath, specifier));
      return outputs.has(target) ? target : posix.dirname(target);
    },
  };
}
