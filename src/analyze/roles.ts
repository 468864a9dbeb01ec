import { withoutScriptExtension } from '../core/paths.js';
import type { FileRole } from '../core/types.js';

const TEST_FILE = /\.(test|spec)$/;
const TEST_DIR = /(^|\/)(__tests__|test|tests|__mocks__|e2e)\//;
const SEED_FILE = /(^|\/)prisma\/seed[^/]*$/;
const SCRIPT_DIR = /(^|\/)scripts\//;

/**
 * The role of a file by its path: tests, seeds and scripts run as their own processes and keep their own client
 * unless --all is given; everything else is the application.
 */
export function roleOf(path: string, seedPaths: readonly string[]): FileRole {
  if (TEST_FILE.test(withoutScriptExtension(path)) || TEST_DIR.test(path)) return 'test';
  if (SEED_FILE.test(path) || seedPaths.includes(path)) return 'seed';
  if (SCRIPT_DIR.test(path)) return 'script';
  return 'app';
}
