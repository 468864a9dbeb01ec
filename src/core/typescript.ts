import { createRequire } from 'node:module';
import type { ts as TsApi } from 'ts-morph';
import { TYPESCRIPT_PATH } from './typescript-path.js';

/**
 * The TypeScript compiler API that ts-morph bundles, loaded without ts-morph itself. ts-morph's own `ts` export is
 * this same module (`@ts-morph/common` requires `./typescript.js` and re-exports its members through an interop
 * namespace, member for member), but reaching it through `import { ts } from 'ts-morph'` also loads ts-morph (and
 * its 3 MB `@ts-morph/common` bundle) and makes Node scan that CommonJS code for named exports: about 150 ms of
 * every run's start, measured, that buys nothing here, since only the parser, scanner and printer are used.
 * Resolved from ts-morph's own location (`typescript-path.ts`); when the bin has already loaded that file through its
 * code cache (`cli/code-cache.ts`), this `require` returns that module. Files import it as
 * `#typescript` (package.json `imports`), whose types (`typescript-types.ts`) are ts-morph's `ts` namespace, so
 * `ts.Node` works as a type as before.
 */
export const ts: typeof TsApi = createRequire(import.meta.url)(TYPESCRIPT_PATH);
