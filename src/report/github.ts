import { createHash } from 'node:crypto';
import { relative, sep } from 'node:path';
import { baselineLines } from './baseline-text.js';
import { REASONS, SKIP_REASONS, siteLabel, warningText } from './messages.js';
import type { RunResult } from '../core/result.js';
import type { Finding, Skip, Warning } from '../core/types.js';
import { fromBase, workspaceBase } from './path-bases.js';
import { alreadyUses, leftAloneText, plural, type Summary, summarize, uncheckedVerdict } from './summary.js';
import type { Report, ReportContext } from './types.js';

/** Annotations of one level that GitHub shows per step; it drops later ones without a word. */
export const ANNOTATIONS_PER_LEVEL = 10;

type Level = 'error' | 'warning' | 'notice';

/** One workflow command that makes an annotation. */
interface Command {
  readonly level: Level;
  readonly file?: string;
  readonly line?: number;
  readonly col?: number;
  readonly title?: string;
  readonly message: string;
}

interface Annotation extends Command {
  /** The same thing as one plain log line, for the full list printed when annotations are capped. */
  readonly plain: string;
}

/**
 * GitHub Actions workflow commands on stdout: an `::error` for each instantiation outside the singleton (to rewrite,
 * or needing a person), a `::warning` for each project note and skipped file (and, in apply and dry-run, each site
 * warning), at most 10 of a level followed by one `::notice` with the count left over and the full list as plain
 * lines; apply and dry-run end with a `::notice` summary. A check's verdict (with the baseline's counts and the fix
 * command, once) goes to stderr as plain lines: the log shows it, and stdout holds only annotations.
 * File paths are POSIX, relative to the repository root GitHub resolves them from (`GITHUB_WORKSPACE` when set, else
 * the git top level, else the current directory: report/path-bases.ts), whatever the step's working-directory; the
 * fix command and the baseline file are spelled from the current directory, where the step runs them. Never
 * coloured; same input, same bytes.
 */
export function github(result: RunResult, context: ReportContext): Report {
  const { plan, options } = result;
  const summary = summarize(result);
  const base = workspaceBase(result, context);
  const where = (path: string): string => fromBase(base, path);
  const fix = `npx prisma-singleton-codemod ${posixRelative(context.cwd, options.root)}`;

  // After a write, the rewritten sites are gone from the code: only those left for a person remain problems.
  const open = plan.findings.filter((f) => f.action === 'review' || (f.action === 'rewrite' && !result.applied));
  const errors = open.map((f) => findingAnnotation(f, where(f.path)));
  // What sharing the client changes around a site matters where the code is rewritten, as in the pretty reporter.
  const siteWarnings = options.mode === 'check' ? [] : plan.warnings;
  const warnings = [
    ...result.notes.map((note): Annotation => ({ level: 'warning', title: 'prisma-singleton-codemod', message: note, plain: `note: ${note}` })),
    ...plan.skipped.map((skip) => skipAnnotation(skip, where(skip.path))),
    ...siteWarnings.map((w) => warningAnnotation(w, where(w.path))),
  ];

  const out: string[] = [];
  const after: string[] = [];
  for (const group of [
    { annotations: errors, level: 'error', one: 'PrismaClient instantiation outside the singleton', many: 'PrismaClient instantiations outside the singleton' },
    { annotations: warnings, level: 'warning', one: 'warning', many: 'warnings' },
  ]) {
    const { annotations, level } = group;
    const noun = (count: number): string => `${count} ${count === 1 ? group.one : group.many}`;
    out.push(...annotations.slice(0, ANNOTATIONS_PER_LEVEL).map(command));
    const rest = annotations.length - ANNOTATIONS_PER_LEVEL;
    if (rest <= 0) continue;
    // The overflow notice is not of the capped level, or GitHub would drop it with the rest.
    out.push(
      command({
        level: 'notice',
        title: 'More than GitHub annotates',
        message: `${rest} more ${rest === 1 ? `${group.one} is` : `${group.many} are`} not annotated (GitHub shows ${ANNOTATIONS_PER_LEVEL} ${level}s per step); the log lists all ${annotations.length}`,
      }),
    );
    after.push(`::group::All ${noun(annotations.length)}`, ...plainBlock(annotations.map((a) => a.plain)), '::endgroup::');
  }
  out.push(...after);

  const err: string[] = [];
  if (options.mode === 'check') {
    const lines = checkLines(result, summary, where);
    if (result.baseline) lines.push(...baselineLines(result.baseline, posixRelative(context.cwd, result.baseline.path), where));
    if (summary.replaced > 0) lines.push(`fix: ${fix}`);
    err.push(...plainBlock(lines));
  } else {
    out.push(command({ level: 'notice', title: 'prisma-singleton-codemod', message: changeSummary(result, where) }));
  }
  return { stdout: out.map((line) => `${line}\n`).join(''), stderr: err.map((line) => `${line}\n`).join('') };
}

function findingAnnotation(f: Finding, file: string): Annotation {
  const message =
    f.action === 'review'
      ? `${siteLabel(f.reason)} outside the singleton needs a person: ${f.reason ? REASONS[f.reason] : 'replace it with the singleton by hand'}`
      : 'new PrismaClient() outside the singleton';
  const title = f.action === 'review' ? 'PrismaClient needs review' : 'PrismaClient outside the singleton';
  return { level: 'error', file, line: f.line, col: f.column, title, message, plain: `${file}:${f.line}:${f.column} ${message}` };
}

function warningAnnotation(w: Warning, file: string): Annotation {
  const message = warningText(w.kind, w.detail);
  const label = w.needsPerson ? 'needs a person' : 'note';
  return {
    level: 'warning',
    file,
    line: w.line,
    col: w.column,
    title: w.needsPerson ? 'Needs a person' : 'Shared client',
    message,
    plain: `${file}:${w.line}:${w.column} ${label}: ${message}`,
  };
}

function skipAnnotation(skip: Skip, file: string): Annotation {
  const message = `${file} ${SKIP_REASONS[skip.reason]}${skip.detail ? ` (${skip.detail})` : ''}`;
  const position = skip.line ? `:${skip.line}${skip.column ? `:${skip.column}` : ''}` : '';
  return {
    level: 'warning',
    file,
    ...(skip.line === undefined ? {} : { line: skip.line }),
    ...(skip.column === undefined ? {} : { col: skip.column }),
    title: 'File skipped',
    message,
    plain: `skipped ${file}${position} ${SKIP_REASONS[skip.reason]}${skip.detail ? ` (${skip.detail})` : ''}`,
  };
}

/** One sentence on what apply did or dry-run would do, for the `::notice` of those modes. */
function changeSummary(result: RunResult, where: (path: string) => string): string {
  const { plan } = result;
  const summary = summarize(result);
  const review = summary.review ? `; ${summary.review} left for review` : '';
  if (plan.changes.length === 0) {
    return `nothing to change${alreadyUses(plan, result.packages !== undefined, where)}${review}`;
  }
  const verb = result.applied ? '' : 'would be ';
  const singleton = plan.singleton ? `; singleton ${summary.singletonCreated ? `${verb}created` : 'reused'}: ${where(plan.singleton.path)}` : '';
  const dry = result.applied ? '' : '; dry run: nothing was written';
  return `${plural(summary.filesChanged, 'file')} ${verb}changed, ${plural(summary.replaced, 'instantiation')} ${verb}replaced${singleton}${review}${dry}`;
}

function command(a: Command): string {
  const properties: string[] = [];
  if (a.file !== undefined) properties.push(`file=${escapeProperty(a.file)}`);
  if (a.line !== undefined) properties.push(`line=${a.line}`);
  if (a.col !== undefined) properties.push(`col=${a.col}`);
  if (a.title !== undefined) properties.push(`title=${escapeProperty(a.title)}`);
  return `::${a.level}${properties.length > 0 ? ` ${properties.join(',')}` : ''}::${escapeData(a.message)}`;
}

/**
 * Plain lines the runner must not read as commands: a file name is anyone's text, and the runner acts on `::` at a
 * line's start and on `##[` anywhere. The stop token is a hash of the lines, so they cannot contain it.
 */
function plainBlock(lines: readonly string[]): string[] {
  const body = lines.map((line) => line.replace(/\r/g, '\\r').replace(/\n/g, '\\n'));
  const token = `psc-${createHash('sha256').update(body.join('\n')).digest('hex').slice(0, 16)}`;
  return [`::stop-commands::${token}`, ...body, `::${token}::`];
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function posixRelative(from: string, to: string): string {
  return relative(from, to).split(sep).join('/') || '.';
}

/** --check's verdict in plain lines: the count outside the singleton, or why there is none, and what was left alone. */
function checkLines(result: RunResult, summary: Summary, where: (path: string) => string): string[] {
  const { plan } = result;
  const beyond = result.baseline ? ' beyond the baseline' : '';
  const singleton = plan.singleton && !plan.singleton.created ? ` (${where(plan.singleton.path)})` : '';
  const lines = [
    summary.outside > 0
      ? `${plural(summary.outside, 'PrismaClient instantiation')} outside the singleton${beyond} in ${plural(summary.filesOutside, 'file')}`
      : summary.unchecked > 0
        ? uncheckedVerdict(summary, `singleton${beyond}`)
        : `no PrismaClient instantiation outside the singleton${singleton}${beyond}; ${plural(summary.scanned, 'file')} scanned`,
  ];
  if (summary.outside > 0 && summary.unchecked > 0) lines.push(`not checked: ${plural(summary.unchecked, 'file')}, which may create more`);
  const alone = leftAloneText(plan.leftAlone);
  if (alone) lines.push(`left alone: ${alone}; --all includes them`);
  return lines;
}
