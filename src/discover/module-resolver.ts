import { posix } from 'node:path';
import { isRelativeSpecifier, moduleKeyOf, resolveRelative } from '../core/paths.js';
import type { ProjectFacts } from './project-facts.js';

/**
 * Resolves a module specifier written in a project file to the project module it names, the way the project's
 * tsconfig would: relative paths, `paths` aliases (`@/lib/db`, `~/server/db`, `#db`), and bare specifiers under
 * `baseUrl` (`lib/db`). The answer is a module key (root-relative, no script extension, `/index` dropped), or
 * undefined for a package or anything outside the project's sources. Pure: the caller brings the file list.
 */
export interface ModuleResolver {
  resolve(specifier: string, fromPath: string): string | undefined;
  /** The alias a non-relative specifier reaches a project module through: its `paths` pattern (`@/*`), or `baseUrl`. */
  viaOf(specifier: string): string | undefined;
  /** How a file in the project names the module at `modulePath` through an alias, when an alias reaches it. */
  aliasesFor(modulePath: string): readonly AliasForm[];
}

/** One way to name a module through the tsconfig: the specifier, and the alias pattern it uses. */
export interface AliasForm {
  readonly specifier: string;
  /** The `paths` pattern (`@/*`), or `baseUrl` for a bare specifier. */
  readonly via: string;
}

export function createModuleResolver(project: Pick<ProjectFacts, 'pathAliases' | 'baseUrl'>, sourcePaths: Iterable<string>): ModuleResolver {
  // Built on the first resolve: a plan whose files need none (a --check with nothing to alias) skips the whole tree.
  let modules: Set<string> | undefined;
  const known = (key: string): string | undefined => {
    modules ??= new Set(Array.from(sourcePaths, moduleKeyOf));
    return modules.has(key) ? key : undefined;
  };
  return {
    resolve(specifier, fromPath) {
      // `'../'` names the folder as `'..'` does: its index module.
      if (isRelativeSpecifier(specifier)) return known(moduleKeyOf(resolveRelative(fromPath, specifier).replace(/(.)\/+$/, '$1')));
      for (const [pattern, target] of project.pathAliases) {
        const rest = matchPattern(pattern, specifier);
        if (rest !== undefined) return known(moduleKeyOf(posix.normalize(target.replace('*', rest))));
      }
      if (project.baseUrl === undefined) return undefined;
      return known(moduleKeyOf(posix.normalize(posix.join(project.baseUrl, specifier))));
    },
    viaOf(specifier) {
      if (isRelativeSpecifier(specifier)) return undefined;
      for (const [pattern, target] of project.pathAliases) {
        const rest = matchPattern(pattern, specifier);
        if (rest !== undefined) return known(moduleKeyOf(posix.normalize(target.replace('*', rest)))) === undefined ? undefined : pattern;
      }
      if (project.baseUrl === undefined) return undefined;
      return known(moduleKeyOf(posix.normalize(posix.join(project.baseUrl, specifier)))) === undefined ? undefined : 'baseUrl';
    },
    aliasesFor(modulePath) {
      const key = moduleKeyOf(modulePath);
      const forms: AliasForm[] = [];
      for (const [pattern, target] of project.pathAliases) {
        const rest = matchPattern(target, key);
        if (rest !== undefined && !rest.startsWith('../')) forms.push({ specifier: pattern.replace('*', rest), via: pattern });
      }
      if (project.baseUrl !== undefined) {
        const rest = posix.relative(project.baseUrl, key);
        if (!rest.startsWith('..')) forms.push({ specifier: rest, via: 'baseUrl' });
      }
      return forms;
    },
  };
}

/**
 * What `*` stands for when `value` matches `pattern` (`@/*` and `@/lib/db` give `lib/db`; a pattern without `*`
 * must equal the value and gives ''). A target of `*` alone (`"@/*": ["./*"]`, normalised) matches any path.
 */
function matchPattern(pattern: string, value: string): string | undefined {
  const star = pattern.indexOf('*');
  if (star < 0) return pattern === value ? '' : undefined;
  const prefix = pattern.slice(0, star);
  const suffix = pattern.slice(star + 1);
  if (!value.startsWith(prefix) || !value.endsWith(suffix) || value.length < prefix.length + suffix.length) return undefined;
  return value.slice(prefix.length, value.length - suffix.length);
}
