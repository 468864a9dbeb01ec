import type { ReporterName } from '../options.js';
import { github } from './github.js';
import { json } from './json.js';
import { pretty } from './pretty.js';
import { sarif } from './sarif.js';
import type { Reporter } from './types.js';

/** Reporters by the name `--reporter` takes. */
export const reporters: Readonly<Record<ReporterName, Reporter>> = { pretty, json, github, sarif };
