import { WHOLE_MODULE } from '../analyze/export-names.js';

export { WHOLE_MODULE };

/** The local name an import of the singleton's export defaults to (a default export, or the module itself, is `prisma`). */
export function localNameFor(exportName: string): string {
  return exportName === 'default' || exportName === WHOLE_MODULE ? 'prisma' : exportName;
}

/**
 * `{ prisma }`, or `{ prisma: db }` and `{ default: prisma }` where the local name differs (what `await import()` gives:
 * a CommonJS module itself is its `default`).
 */
export function destructure(exportName: string, local: string): string {
  const name = exportName === WHOLE_MODULE ? 'default' : exportName;
  return local === name ? `{ ${name} }` : `{ ${name}: ${local} }`;
}
