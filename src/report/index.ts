import { github } from './github.js';
import { json } from './json.js';
import { pretty } from './pretty.js';
import { sarif } from './sarif.js';
import type { Reporter } from './types.js';

/** The names `--reporter` takes. */
export const REPORTERS = ['pretty', 'json', 'github', 'sarif'] as const;
export type ReporterName = (typeof REPORTERS)[number];

/** Reporters by the name `--reporter` takes. */
export const reporters: Readonly<Record<ReporterName, Reporter>> = { pretty, json, github, sarif };

export function isReporterName(name: string): name is ReporterName {
  return REPORTERS.some((r) => r === name);
}
