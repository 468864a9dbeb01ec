// `prepare`: builds dist/ when npm installs this package from git, as pre-commit does for a `language: node` hook
// (`npm install -g git+file://<clone>`). npm then runs `npm install` in the clone before `prepare`, but under -g it
// exports npm_config_global=true to that install, so the devDependencies that build dist/ (typescript, @types/node)
// land in the global prefix instead of the clone (tsc: not found). Install them here first when they are missing;
// in a checkout where `npm ci` ran they are present and this only builds.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const npm = (args) => {
  // npm_execpath is the npm that runs this script; `npm` on PATH is the fallback.
  const cli = process.env.npm_execpath;
  const result = cli ? spawnSync(process.execPath, [cli, ...args], { cwd: root, stdio: 'inherit' }) : spawnSync('npm', args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

if (!existsSync(`${root}/node_modules/typescript/bin/tsc`)) {
  npm(['install', '--global=false', '--include=dev', '--ignore-scripts', '--no-save', '--no-package-lock', '--no-audit', '--no-fund']);
}
npm(['run', 'build']);
