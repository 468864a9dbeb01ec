/** The local name an import of the singleton's export defaults to (a default export is called `prisma`). */
export function localNameFor(exportName: string): string {
  return exportName === 'default' ? 'prisma' : exportName;
}

/** `{ prisma }`, or `{ prisma: db }` and `{ default: prisma }` where the local name differs. */
export function destructure(exportName: string, local: string): string {
  return local === exportName ? `{ ${exportName} }` : `{ ${exportName}: ${local} }`;
}
