import { posix } from 'node:path';
import { isScriptPath, withoutScriptExtension } from '../core/paths.js';

/**
 * Script names that say the script runs once and ends (`seed`, `db:check`, `migrate:data`, `report`, `backfill-users`):
 * only these make the files they run scripts. Any other name runs the application or may (`start`, `dev`, `server`,
 * `api`, and `worker`, `queue`, `admin`, `sync`: an ambiguous name counts as long-lived), and a long-lived process
 * piles up clients as a server does, so its files stay the application's and are reported.
 */
const ONE_OFF_SCRIPTS =
  /^(?:seed|db|prisma|migrat\w*|backfill|import|export|report|check|scripts?|cron|clean\w*|reset|fix|gen\w*|populate|dump|fill|create|init|setup|bootstrap|tools?)(?:[:._-]|$)/i;
/** Commands that keep a process running and restart it on change: a server's, never a one-off script's. */
const LONG_RUNNING = /(^|[\s;&|(])(nodemon|ts-node-dev|tsnd|pm2|forever)\b|\s--watch\b|\b(tsx|bun)\s+watch\b/;

/** Script names that seed the database (`seed`, `db:seed`, `prisma:seed`, `seed-dev`): the files they run are seeds. */
const SEED_SCRIPT = /(?:^|[:._-])seed(?:s|ing)?(?:[:._-]|$)/i;

/**
 * Files the project's own scripts (db:check, report, ...) run by path. The application's own entry points are
 * excluded: what any script not named as a one-off runs, what a watcher or process manager keeps running (under any
 * name), and package.json `main`.
 * (A server taken for a script would have its whole import graph left alone, and `--check` would say clean.)
 */
export function scriptEntries(scripts: Record<string, unknown> | undefined, main: string | undefined): string[] {
  return [...oneOffRuns(scripts, main).keys()].sort();
}

/**
 * The seeds: what package.json `prisma.seed` (or prisma.config.ts `seed`) runs, and the script entries that a seed
 * script (`db:seed`) runs, by path.
 */
export function seedPaths(seedCommand: string | undefined, scripts: Record<string, unknown> | undefined, main: string | undefined): string[] {
  const named = (seedCommand ?? '')
    .split(/\s+/)
    .filter(isScriptPath)
    .map((token) => posix.normalize(token));
  const bySeedScript = [...oneOffRuns(scripts, main)].filter(([, names]) => names.some((name) => SEED_SCRIPT.test(name))).map(([path]) => path);
  return [...new Set([...named, ...bySeedScript.sort()])];
}

/**
 * The application's own entry points, as module keys (`src/index` for `src/index.ts`): what any script not named
 * as a one-off runs, what a watcher or process manager keeps running, and package.json `main`. An entry in a build
 * output stands for its source too (`node dist/index.js`, `outDir: dist`, `rootDir: src`: `src/index`; with no
 * `rootDir`, `src/index` and `index`). Such a file is the application's whatever else it does: a worker that
 * disconnects in a `--once` branch runs as a server otherwise.
 */
export function appEntries(
  scripts: Record<string, unknown> | undefined,
  main: string | undefined,
  build: { readonly outputs: readonly string[]; readonly sourceRoot: string | undefined },
): string[] {
  const keys = new Set<string>();
  for (const path of scriptRuns(scripts, main).app) {
    keys.add(withoutScriptExtension(path));
    for (const output of build.outputs) {
      if (!path.startsWith(`${output}/`)) continue;
      const rest = withoutScriptExtension(path.slice(output.length + 1));
      for (const source of build.sourceRoot ? [build.sourceRoot] : ['src', '']) keys.add(source === '' ? rest : `${source}/${rest}`);
    }
  }
  return [...keys].sort();
}

/** The files one-off scripts run by path, with the names of the scripts that run each; never an application entry. */
function oneOffRuns(scripts: Record<string, unknown> | undefined, main: string | undefined): Map<string, string[]> {
  return scriptRuns(scripts, main).oneOff;
}

/** What the package's scripts run by path: the application's entries, and the one-off scripts with their names. */
function scriptRuns(scripts: Record<string, unknown> | undefined, main: string | undefined): { oneOff: Map<string, string[]>; app: Set<string> } {
  const runs = new Map<string, string[]>();
  const app = new Set<string>(main ? [posix.normalize(main)] : []);
  for (const [name, command] of Object.entries(scripts ?? {})) {
    if (typeof command !== 'string') continue;
    const runsApp = !ONE_OFF_SCRIPTS.test(name) || LONG_RUNNING.test(command);
    for (const path of scriptPathsIn(command)) {
      if (runsApp) app.add(path);
      else runs.set(path, [...(runs.get(path) ?? []), name]);
    }
  }
  for (const path of app) runs.delete(path);
  return { oneOff: runs, app };
}

/** The script files a shell command names by path: `node scripts/seed.js && tsx ./check-db.ts` -> both. */
function scriptPathsIn(command: string): string[] {
  return command
    .split(/[\s;&|()]+/)
    .filter((token) => isScriptPath(token) && !token.startsWith('-') && !token.includes('*'))
    .map((token) => posix.normalize(token.replace(/^["']|["']$/g, '')));
}
