import { join, posix, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { baselineLines } from './baseline-text.js';
import { fromBase, workspaceBase } from './path-bases.js';
import { REASONS, SKIP_REASONS, siteLabel } from './messages.js';
import type { RunResult } from '../core/result.js';
import type { Finding } from '../core/types.js';
import type { Report, ReportContext } from './types.js';

/** Rule id of an instantiation the codemod rewrites; stable, since code scanning tracks alerts by rule id. */
export const RULE_OUTSIDE_SINGLETON = 'prisma-client-outside-singleton';
/** Rule id of an instantiation that needs a person. */
export const RULE_NEEDS_REVIEW = 'prisma-client-needs-review';

/**
 * The base every relative result URI is resolved against, declared in the run's `originalUriBaseIds` as the absolute
 * `file:` URI of the repository root (`GITHUB_WORKSPACE` when set, else the git top level, else the current directory).
 */
export const SARIF_SRCROOT = '%SRCROOT%';

const TOOL_NAME = 'prisma-singleton-codemod';
const INFORMATION_URI = 'https://github.com/prisma-singleton-codemod/prisma-singleton-codemod#readme';
const RULES_URI = 'https://github.com/prisma-singleton-codemod/prisma-singleton-codemod#rule';

/**
 * The key of each result's fingerprint in `partialFingerprints`: the site's position-independent identity (a hash of
 * its statement and enclosing declarations, and its occurrence), so that a code-scanning upload matches a site with
 * the same one in the last run however the lines above it moved. Versioned, as SARIF asks.
 */
export const FINGERPRINT_KEY = 'prismaSingletonSite/v1';

/** The driver's name and home, for the error document too (report/error-report.ts). */
export { TOOL_NAME as SARIF_TOOL_NAME, INFORMATION_URI as SARIF_INFORMATION_URI };

const RULES = [
  {
    id: RULE_OUTSIDE_SINGLETON,
    name: 'PrismaClientOutsideSingleton',
    shortDescription: { text: 'new PrismaClient() outside the singleton' },
    fullDescription: {
      text: "Every new PrismaClient() opens its own connection pool; an application that creates clients in many modules exhausts the database's connections. Create one client in a singleton module and import it everywhere.",
    },
    help: { text: `Run npx ${TOOL_NAME} <project folder> to replace each instantiation with an import of the singleton (--dry-run shows the diff first).` },
    helpUri: `${RULES_URI}-${RULE_OUTSIDE_SINGLETON}`,
    defaultConfiguration: { level: 'error' },
    properties: { tags: ['prisma', 'reliability'] },
  },
  {
    id: RULE_NEEDS_REVIEW,
    name: 'PrismaClientNeedsReview',
    shortDescription: { text: 'new PrismaClient() outside the singleton that needs a person' },
    fullDescription: { text: 'A PrismaClient created in a form the codemod does not rewrite automatically; it still opens its own connection pool.' },
    help: { text: 'Replace the client with the shared singleton by hand; the result message says why it was not rewritten.' },
    helpUri: `${RULES_URI}-${RULE_NEEDS_REVIEW}`,
    defaultConfiguration: { level: 'error' },
    properties: { tags: ['prisma', 'reliability'] },
  },
];

const SKIPPED_FILE = 'file-skipped';

/**
 * One SARIF 2.1.0 document on stdout, as GitHub code scanning takes it: a result per instantiation outside the
 * singleton (rules above; allowed sites are not results, nor sites apply has already rewritten), skipped files and
 * project notes as tool execution notifications. URIs are POSIX, percent-encoded and relative to `%SRCROOT%`, which
 * `originalUriBaseIds` declares: the repository root (report/path-bases.ts), so that code scanning maps a project in
 * a subfolder onto the repository whatever folder the tool ran in; a file outside it gets an absolute `file:` URI.
 * Texts name files from there too; the fix command and the baseline file are spelled from the current directory.
 * Never coloured; same input, same bytes.
 */
export function sarif(result: RunResult, context: ReportContext): Report {
  const { plan, options } = result;
  const base = workspaceBase(result, context);
  const locate = (path: string): ArtifactLocation => artifactLocation(fromBase(base, path), join(options.root, path));
  const where = (path: string): string => fromBase(base, path);
  const display = (absolute: string): string => relative(context.cwd, absolute).split(sep).join('/') || '.';

  const results = resultsOf(result, locate, display(options.root));

  const baseline = result.baseline ? baselineLines(result.baseline, display(result.baseline.path), where) : [];
  const notifications = [
    ...result.notes.map((note) => ({ level: 'warning', message: { text: note } })),
    ...baseline.map((text) => ({ level: 'note', message: { text } })),
    ...plan.skipped.map((skip) => ({
      level: 'warning',
      message: { text: `${where(skip.path)} ${SKIP_REASONS[skip.reason]}${skip.detail ? ` (${skip.detail})` : ''}` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: locate(skip.path),
            ...(skip.line ? { region: { startLine: skip.line, ...(skip.column ? { startColumn: skip.column } : {}) } } : {}),
          },
        },
      ],
      descriptor: { id: SKIPPED_FILE },
    })),
  ];

  const document = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: context.version,
            semanticVersion: context.version,
            informationUri: INFORMATION_URI,
            rules: RULES,
            notifications: [{ id: SKIPPED_FILE, shortDescription: { text: 'A candidate file was not analysed' } }],
          },
        },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        originalUriBaseIds: { [SARIF_SRCROOT]: { uri: directoryUri(base.root) } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return { stdout: `${JSON.stringify(document, null, 2)}\n`, stderr: '' };
}

/** A result per site outside the singleton, with its rule, location and line-independent fingerprint. */
function resultsOf(result: RunResult, locate: (path: string) => ArtifactLocation, fixTarget: string): unknown[] {
  // After a write, the rewritten sites are gone from the code: only those left for a person remain results.
  const open = result.plan.findings.filter((f) => f.action === 'review' || (f.action === 'rewrite' && !result.applied));
  return open.map((f) => {
    const ruleId = f.action === 'review' ? RULE_NEEDS_REVIEW : RULE_OUTSIDE_SINGLETON;
    return {
      ruleId,
      ruleIndex: RULES.findIndex((rule) => rule.id === ruleId),
      level: 'error',
      message: { text: findingMessage(f, fixTarget) },
      locations: [{ physicalLocation: { artifactLocation: locate(f.path), region: { startLine: f.line, startColumn: f.column } } }],
      partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    };
  });
}

interface ArtifactLocation {
  readonly uri: string;
  readonly uriBaseId?: string;
}

function findingMessage(f: Finding, fixTarget: string): string {
  if (f.action === 'review') {
    return `${siteLabel(f.reason)} outside the singleton needs a person: ${f.reason ? REASONS[f.reason] : 'replace it with the singleton by hand'}`;
  }
  return `new PrismaClient() outside the singleton; run npx ${TOOL_NAME} ${fixTarget} to fix`;
}

/** The `file:` URI of a folder, with the trailing slash SARIF requires of a base URI. */
function directoryUri(folder: string): string {
  const href = pathToFileURL(folder).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/** `inBase` is the file's POSIX path from the base; `absolute` the same file, for one that is not below the base. */
function artifactLocation(inBase: string, absolute: string): ArtifactLocation {
  const rel = posix.normalize(inBase);
  // A path that climbs out of the base would name a different file once resolved against it.
  if (rel === '.' || rel === '..' || rel.startsWith('../') || posix.isAbsolute(rel)) return { uri: pathToFileURL(absolute).href };
  return { uri: rel.split('/').map(encodeURIComponent).join('/'), uriBaseId: SARIF_SRCROOT };
}
