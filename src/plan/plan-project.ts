import { comparePaths } from '../core/paths.js';
import type { Plan, SourceText } from '../core/types.js';
import { buildPlan, type PlanInput } from './build-plan.js';

/** The files, not yet among `files`, that import one of `modules` (root-relative module keys) and may construct through it. */
export type FindImporters = (modules: ReadonlySet<string>, files: readonly SourceText[]) => readonly SourceText[];

/**
 * Plans the project; when its modules export client classes (a subclass declared in one file and constructed in
 * another, a client constructor passed on), asks for the files that import them and plans again with those, until no
 * new importer turns up. Pure: `findImporters` does the reading.
 */
export function planProject(input: PlanInput, findImporters: FindImporters): Plan {
  let files = input.files;
  let plan = buildPlan(input);
  for (let searched = new Set<string>(); ; ) {
    const modules = new Set(plan.clientClasses.map((c) => c.module));
    if ([...modules].every((m) => searched.has(m))) return plan;
    searched = modules;
    const more = findImporters(modules, files);
    if (more.length === 0) return plan;
    files = [...files, ...more].sort((a, b) => comparePaths(a.path, b.path));
    plan = buildPlan({ ...input, files });
  }
}
