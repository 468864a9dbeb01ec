import { ProjectError } from '../core/errors.js';
import { comparePaths } from '../core/paths.js';
import type { Finding } from '../core/types.js';

/** Version of the baseline file's shape; bumped on any incompatible change. */
export const BASELINE_VERSION = 1;

/** Accepted sites: root-relative path -> fingerprints (`<hash>:<n>`), each once per accepted site. */
export type Baseline = ReadonlyMap<string, readonly string[]>;

/** One accepted site. */
export interface BaselineEntry {
  readonly path: string;
  readonly fingerprint: string;
}

/** How a plan's findings meet a baseline. */
export interface BaselineMatch {
  /** Findings the baseline does not hold (and every allowed one, which a baseline never records). */
  readonly kept: readonly Finding[];
  /** Findings the baseline accepts: legacy sites left to migrate. */
  readonly accepted: readonly Finding[];
  /** Entries that match no site any more: fixed, or edited beyond recognition. */
  readonly stale: readonly BaselineEntry[];
}

const FINGERPRINT = /^[0-9a-f]{16}:\d+$/;

/** Reads a baseline file's text; a text that is not one throws a ProjectError naming `source` and what is wrong. */
export function parseBaseline(text: string, source: string): Baseline {
  const fail = (what: string): ProjectError => new ProjectError(`--baseline ${source}: ${what}; write it again with --update-baseline`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw fail(`not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof value !== 'object' || value === null || !('version' in value) || !('files' in value)) throw fail('not a baseline file (no version and files)');
  if (value.version !== BASELINE_VERSION) throw fail(`version ${String(value.version)} is not the version this tool reads (${BASELINE_VERSION})`);
  const files = value.files;
  if (typeof files !== 'object' || files === null || Array.isArray(files)) throw fail('"files" is not an object of paths');
  const out = new Map<string, string[]>();
  for (const [path, fingerprints] of Object.entries(files)) {
    if (!Array.isArray(fingerprints) || !fingerprints.every((fp): fp is string => typeof fp === 'string' && FINGERPRINT.test(fp))) {
      throw fail(`the entry of ${path} is not a list of fingerprints`);
    }
    out.set(path, fingerprints);
  }
  return out;
}

/** Splits findings into those the baseline accepts and the rest, and lists its entries no site matches. Pure. */
export function matchBaseline(findings: readonly Finding[], baseline: Baseline): BaselineMatch {
  const open = new Map<string, number>();
  for (const [path, fingerprints] of baseline) for (const fp of fingerprints) open.set(key(path, fp), (open.get(key(path, fp)) ?? 0) + 1);
  const kept: Finding[] = [];
  const accepted: Finding[] = [];
  for (const finding of findings) {
    const id = key(finding.path, finding.fingerprint);
    const left = open.get(id) ?? 0;
    if (finding.action === 'allowed' || left === 0) {
      kept.push(finding);
      continue;
    }
    open.set(id, left - 1);
    accepted.push(finding);
  }
  const stale: BaselineEntry[] = [];
  for (const [path, fingerprints] of baseline) {
    for (const fingerprint of fingerprints) {
      const id = key(path, fingerprint);
      const left = open.get(id) ?? 0;
      if (left === 0) continue;
      open.set(id, left - 1);
      stale.push({ path, fingerprint });
    }
  }
  return { kept, accepted, stale: sortEntries(stale) };
}

/** The baseline that accepts every finding outside the singleton (not the allowed ones). */
export function baselineOf(findings: readonly Finding[]): Baseline {
  const out = new Map<string, string[]>();
  for (const f of findings) if (f.action !== 'allowed') out.set(f.path, [...(out.get(f.path) ?? []), f.fingerprint]);
  return out;
}

/**
 * The file text of a baseline: stable (paths and fingerprints sorted, two-space JSON, one fingerprint a line, a
 * final newline), so that a change to it reads well in a review.
 */
export function renderBaseline(baseline: Baseline): string {
  const files: Record<string, string[]> = {};
  for (const path of [...baseline.keys()].sort(comparePaths)) files[path] = [...(baseline.get(path) ?? [])].sort(comparePaths);
  const document = {
    version: BASELINE_VERSION,
    about:
      'PrismaClient instantiations accepted as they are, by file and fingerprint. `prisma-singleton-codemod --check --baseline <this file>` fails only on others; `--update-baseline` rewrites this file.',
    files,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** How many sites a baseline accepts. */
export function baselineSize(baseline: Baseline): number {
  let size = 0;
  for (const fingerprints of baseline.values()) size += fingerprints.length;
  return size;
}

function key(path: string, fingerprint: string): string {
  return `${path}\0${fingerprint}`;
}

function sortEntries(entries: BaselineEntry[]): BaselineEntry[] {
  return entries.sort((a, b) => comparePaths(a.path, b.path) || comparePaths(a.fingerprint, b.fingerprint));
}
