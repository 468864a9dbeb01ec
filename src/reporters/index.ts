import type { ReporterName } from '../options.js';
import { json } from './json.js';
import { pretty } from './pretty.js';
import type { Reporter } from './types.js';

/** Reporters by the name `--reporter` takes. */
export const reporters: Readonly<Record<ReporterName, Reporter>> = { pretty, json };
