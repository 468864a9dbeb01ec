import { isJavaScriptPath } from '../core/paths.js';
import type { ModuleSyntax, SourceText } from '../core/types.js';
import type { ProjectFacts } from '../discover/project-facts.js';

/** How a file loads modules (see ModuleSyntax), from its extension, its text and the project's settings. */
export function moduleSyntaxOf(file: SourceText, project: ProjectFacts): ModuleSyntax {
  if (isJavaScriptPath(file.path)) return usesRequire(file, project) ? 'require' : 'esm';
  return project.verbatimModuleSyntax && compilesToCommonJs(file.path, project) ? 'import-equals' : 'esm';
}

/** The file loads modules with `require()`: a `.cjs` file, or CommonJS JavaScript that never uses `import`. */
export function usesRequire(file: SourceText, project: ProjectFacts): boolean {
  if (file.path.endsWith('.cjs')) return true;
  if (/\.(mjs|mts|ts|tsx)$/.test(file.path) || project.esmPackage) return false;
  return !/^\s*import\s/m.test(file.text) && /\brequire\s*\(/.test(file.text);
}

/** TypeScript's rule: `.cts` is CommonJS, `.mts` is not; otherwise `module` decides, and under node16+ the package type. */
export function compilesToCommonJs(path: string, project: ProjectFacts): boolean {
  if (path.endsWith('.cts')) return true;
  if (path.endsWith('.mts')) return false;
  if (project.moduleKind === 'commonjs') return true;
  return /^node(16|18|20|next)$/.test(project.moduleKind) && !project.esmPackage;
}
