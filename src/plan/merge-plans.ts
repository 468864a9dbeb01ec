import { posix } from 'node:path';
import { comparePaths } from '../core/paths.js';
import type { Plan, SingletonInfo } from '../core/types.js';

/**
 * The plan of one workspace package as seen from the workspace root: every path gets the package folder in front
 * (`src/a.ts` -> `apps/api/src/a.ts`; a shared singleton's `../../packages/db/src/client.ts` -> `packages/db/src/client.ts`),
 * and so does each client module that is a folder rather than a package name (`packages`). Pure.
 */
export function prefixPlan(plan: Plan, dir: string, packages: ReadonlySet<string>): Plan {
  if (dir === '') return plan;
  const at = (path: string): string => posix.normalize(posix.join(dir, path));
  const module = (clientModule: string): string => (packages.has(clientModule) ? clientModule : at(clientModule));
  const singleton = (s: SingletonInfo): SingletonInfo => ({ ...s, path: at(s.path) });
  return {
    changes: plan.changes.map((c) => ({ ...c, path: at(c.path) })),
    findings: plan.findings.map((f) => ({ ...f, path: at(f.path), clientModule: module(f.clientModule) })),
    skipped: plan.skipped.map((s) => ({ ...s, path: at(s.path) })),
    warnings: plan.warnings.map((w) => ({ ...w, path: at(w.path) })),
    singleton: plan.singleton ? singleton(plan.singleton) : null,
    singletons: plan.singletons.map(singleton),
    leftAlone: plan.leftAlone,
    clientClasses: plan.clientClasses.map((c) => ({ ...c, module: at(c.module), clientModule: module(c.clientModule) })),
    ...(plan.nest ? { nest: { ...plan.nest, providerPath: at(plan.nest.providerPath), modulePath: at(plan.nest.modulePath) } } : {}),
  };
}

/** The plans of a workspace's packages (already prefixed) as one: what a single apply writes at once. Pure. */
export function mergePlans(plans: readonly Plan[]): Plan {
  const byPath = <T extends { path: string }>(a: T, b: T): number => comparePaths(a.path, b.path);
  const byPosition = <T extends { path: string; line: number; column: number }>(a: T, b: T): number =>
    comparePaths(a.path, b.path) || a.line - b.line || a.column - b.column;
  const singletons = plans.flatMap((p) => p.singletons);
  return {
    changes: plans.flatMap((p) => p.changes).sort(byPath),
    findings: plans.flatMap((p) => p.findings).sort(byPosition),
    skipped: plans.flatMap((p) => p.skipped).sort(byPath),
    warnings: plans.flatMap((p) => p.warnings).sort(byPosition),
    // The one singleton a single-project report names: the first package's, when several have one.
    singleton: plans.find((p) => p.singleton)?.singleton ?? null,
    // A shared package's singleton serves several packages: listed once.
    singletons: singletons.filter((s, index) => singletons.findIndex((t) => t.path === s.path) === index),
    leftAlone: {
      test: plans.reduce((sum, p) => sum + p.leftAlone.test, 0),
      seed: plans.reduce((sum, p) => sum + p.leftAlone.seed, 0),
      script: plans.reduce((sum, p) => sum + p.leftAlone.script, 0),
    },
    clientClasses: plans.flatMap((p) => p.clientClasses),
  };
}
