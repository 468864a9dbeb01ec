import { inSchemaFolder, isTestRunnerFile, runsAsJavaScriptScript, withoutScriptExtension } from '../core/paths.js';
import type { FileRole } from '../core/types.js';
import type { RoleEvidence } from '../discover/import-graph.js';

const TEST_FILE = /\.(test|spec)$/;
const TEST_DIR = /(^|\/)(__tests__|test|tests|__mocks__|e2e|(?:vitest|jest)-environment-[\w.-]+)\//;
/** A test runner's custom environment (`prisma-test-environment.ts`): it runs in the test process. */
const TEST_ENVIRONMENT = /(^|[/.-])test-environment$/;
// Any case: `Prisma/seed.js` is the seed on a case-insensitive disk, where package.json may well call it `prisma/seed.js`.
const SEED_FILE = /(^|\/)prisma\/seeds?(\/|[^/]*$)/i;
const SCRIPT_DIR = /(^|\/)scripts\//;

/**
 * The role of a file by its path: tests, seeds and scripts run as their own processes and keep their own client
 * unless --all is given; everything else is the application (until the import graph says otherwise).
 */
export function roleOf(path: string, seedPaths: readonly string[]): FileRole {
  const stem = withoutScriptExtension(path);
  if (TEST_FILE.test(stem) || TEST_ENVIRONMENT.test(stem) || TEST_DIR.test(path)) return 'test';
  if (SEED_FILE.test(path) || seedPaths.some((seed) => seed.toLowerCase() === path.toLowerCase())) return 'seed';
  if (SCRIPT_DIR.test(path)) return 'script';
  return 'app';
}

const PRECEDENCE: readonly FileRole[] = ['seed', 'script', 'test'];

/**
 * Roles that follow the import graph, for the given files: a module that only seeds, scripts or tests import
 * (directly or through other such modules) belongs to that process; a module nothing imports that runs as its own
 * process (named by a package.json script, a shebang, a JavaScript file in a TypeScript project, a file beside
 * the schema in its `prisma/` folder) is a script.
 * Everything else keeps its path role. Pure: the caller gathers the evidence.
 */
export function graphRoles(paths: readonly string[], evidence: RoleEvidence): Map<string, FileRole> {
  const memo = new Map<string, FileRole>();
  const visiting = new Set<string>();
  const roleFor = (path: string): FileRole => {
    const known = memo.get(path);
    if (known) return known;
    const byPath = roleOf(path, evidence.seedPaths);
    if (byPath !== 'app' || visiting.has(path)) return byPath;
    visiting.add(path);
    const role = appRole(path, evidence, roleFor);
    visiting.delete(path);
    memo.set(path, role);
    return role;
  };
  return new Map(paths.map((path) => [path, roleFor(path)]));
}

function appRole(path: string, evidence: RoleEvidence, roleFor: (path: string) => FileRole): FileRole {
  // The application's own entry (what `start` or `dev` runs, package.json `main`) never is a script.
  if (evidence.appEntries.has(withoutScriptExtension(path))) return 'app';
  if (evidence.shebangs.has(path)) return 'script';
  const importers = evidence.importers.get(path);
  if (importers === undefined) return 'app';
  if (importers.length === 0) {
    if (isTestRunnerFile(path)) return 'test';
    const runsAlone =
      evidence.scriptEntries.has(path) ||
      evidence.oneShots.has(path) ||
      inSchemaFolder(path, evidence.schemaFolders) ||
      (evidence.typescriptProject && runsAsJavaScriptScript(path));
    return runsAlone ? 'script' : 'app';
  }
  if (!evidence.reachable.has(path)) return 'app';
  const roles = new Set(importers.map(roleFor));
  if (roles.has('app')) return 'app';
  return PRECEDENCE.find((role) => roles.has(role)) ?? 'app';
}
