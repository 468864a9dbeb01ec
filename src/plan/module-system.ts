import type { SourceText } from '../core/types.js';
import type { ProjectFacts } from '../discover/project-facts.js';

/** The file loads modules with `require()`: a `.cjs` file, or CommonJS JavaScript that never uses `import`. */
export function usesRequire(file: SourceText, project: ProjectFacts): boolean {
  if (file.path.endsWith('.cjs')) return true;
  if (/\.(mjs|mts|ts|tsx)$/.test(file.path) || project.esmPackage) return false;
  return !/^\s*import\s/m.test(file.text) && /\brequire\s*\(/.test(file.text);
}
