import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The environment for a child npm or node: without the `npm_*` variables an enclosing `npm test` sets (the local
 * prefix, for one, would point the child back at this repository), without colour, and not in GitHub Actions.
 */
export function childEnv(extra: Record<string, string> = {}): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.toLowerCase().startsWith('npm_')) env[key] = value;
  // Unset rather than empty: Node warns on stderr when NO_COLOR and FORCE_COLOR are both present.
  delete env['FORCE_COLOR'];
  return { ...env, NO_COLOR: '1', GITHUB_ACTIONS: '', ...extra };
}

/** Packs `repo` into `destination` (scripts off: dist/ is built already) and returns the tarball's path. */
export function pack(repo: string, destination: string): string {
  const packed = spawnSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destination], { cwd: repo, encoding: 'utf8', env: childEnv() });
  if (packed.status !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
  const entries: unknown = JSON.parse(packed.stdout);
  const [first] = Array.isArray(entries) ? entries : [];
  const filename = typeof first === 'object' && first !== null && 'filename' in first ? String(first.filename) : '';
  return join(destination, filename);
}
