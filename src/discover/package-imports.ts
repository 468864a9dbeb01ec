import { posix } from 'node:path';

/**
 * Node's subpath imports (`"imports": { "#db/*": "./src/generated/prisma/*" }` in package.json), as `paths`-style
 * aliases with root-relative targets: Node, Vite and TypeScript (NodeNext, Bundler) resolve `#db/client` through them,
 * with no tsconfig entry. A conditional target takes its `types`, `import`, `node` or `default` branch; a target
 * outside the package (a package name, `../`) is left out.
 */
export function packageImports(pkg: Record<string, unknown> | undefined): Array<readonly [string, string]> {
  const imports = pkg?.['imports'];
  if (typeof imports !== 'object' || imports === null || Array.isArray(imports)) return [];
  return Object.entries(imports).flatMap(([pattern, target]) => {
    const path = targetOf(target);
    if (!pattern.startsWith('#') || path === undefined || !path.startsWith('./')) return [];
    const normalized = posix.normalize(path);
    return normalized.startsWith('../') ? [] : [[pattern, normalized] as const];
  });
}

function targetOf(target: unknown): string | undefined {
  if (typeof target === 'string') return target;
  if (typeof target !== 'object' || target === null || Array.isArray(target)) return undefined;
  const conditions: Record<string, unknown> = Object.fromEntries(Object.entries(target));
  for (const condition of ['types', 'import', 'node', 'default']) {
    const found = targetOf(conditions[condition]);
    if (found !== undefined) return found;
  }
  return undefined;
}
