import type { PackageOutcome, RunResult } from '../core/result.js';
import type { SingletonInfo } from '../core/types.js';
import { plural } from './summary.js';

/** How a summary names a singleton: created, reused, or another package's shared client. */
export function singletonText(s: SingletonInfo, verb: string, where: (path: string) => string): string {
  if (s.packageName) return `shared client of ${s.packageName}: ${where(s.path)}`;
  return `singleton ${s.created ? `${verb}created` : 'reused'}: ${where(s.path)}`;
}

/**
 * At a workspace root, one line per package with sites or changes, under the total:
 * `apps/api (@travel/api): 2 sites, 3 files changed; singleton created: apps/api/src/lib/prisma.ts`.
 */
export function packageLines(result: RunResult, where: (path: string) => string): string[] {
  const packages = result.packages ?? [];
  if (packages.length === 0) return [];
  const verb = result.options.mode === 'apply' && result.applied ? '' : 'would be ';
  const check = result.options.mode === 'check';
  return packages.filter((p) => p.sites > 0 || p.changed > 0).map((p) => `  ${label(p, where)}: ${details(p, check, verb, where)}`);
}

function label(p: PackageOutcome, where: (path: string) => string): string {
  const folder = p.dir === '' ? '(workspace root)' : where(p.dir);
  return p.name ? `${folder} (${p.name})` : folder;
}

function details(p: PackageOutcome, check: boolean, verb: string, where: (path: string) => string): string {
  // Sites left alone (seeds, tests, scripts) are not sites to change, nor outside the singleton: said apart.
  const alone = p.allowed > 0 ? `, ${p.allowed} left alone` : '';
  const own = p.sites - p.allowed;
  const sites = check ? `${plural(own, 'site')} outside the singleton${alone}` : own === 0 ? `nothing to change${alone}` : `${plural(own, 'site')}${alone}`;
  const changed = check || p.changed === 0 ? '' : `, ${plural(p.changed, 'file')} ${verb}changed`;
  const singletons = p.singletons.map((s) => singletonText(s, verb, where));
  return `${sites}${changed}${singletons.length > 0 ? `; ${singletons.join('; ')}` : ''}`;
}
