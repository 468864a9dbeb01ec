import { buildPlan, type PlanOptions } from '../../src/plan/build-plan.js';
import { readProjectFacts, type ConfigTexts } from '../../src/discover/project-facts.js';
import type { Plan } from '../../src/core/types.js';
import { moduleSpecifiersIn } from '../../src/discover/specifiers.js';

export const ESM_PACKAGE = JSON.stringify({ name: 'app', type: 'module' });
export const NODENEXT_TSCONFIG = JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' } });

/** Plans an in-memory project the way run() would after scanning it. */
export function planFiles(files: Record<string, string>, options: Partial<PlanOptions> = {}, config: Partial<ConfigTexts> = {}): Plan {
  const paths = Object.keys(files).sort();
  const texts: ConfigTexts = {
    packageJson: ESM_PACKAGE,
    tsconfigs: [{ path: 'tsconfig.json', text: NODENEXT_TSCONFIG }],
    ...config,
  };
  return buildPlan({
    files: paths.filter((path) => files[path]?.includes('PrismaClient')).map((path) => ({ path, text: files[path] ?? '' })),
    skipped: [],
    project: readProjectFacts(texts),
    hasSrcDir: paths.some((path) => path.startsWith('src/')),
    sourcePaths: new Set(paths),
    specifiers: paths.flatMap((path) => moduleSpecifiersIn(files[path] ?? '')),
    options: { singletonPath: undefined, all: false, importExtension: undefined, ...options },
  });
}

/** The new text of one file in a plan, or undefined when the plan leaves it alone. */
export function afterOf(plan: Plan, path: string): string | undefined {
  return plan.changes.find((change) => change.path === path)?.after;
}
