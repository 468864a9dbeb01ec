import { createRequire } from 'node:module';

/**
 * The file of the TypeScript compiler API that ts-morph bundles, resolved from ts-morph's own location so that the
 * copy is always the one ts-morph would use. `core/typescript.ts` loads it; the bin's code cache
 * (`cli/code-cache.ts`) may load it first, under this same path, so that both end with one module.
 */
export const TYPESCRIPT_PATH: string = createRequire(createRequire(import.meta.url).resolve('ts-morph')).resolve('@ts-morph/common/dist/typescript.js');
