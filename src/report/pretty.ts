import { join, relative, sep } from 'node:path';
import pc from 'picocolors';
import { diffChanges } from '../write/diff.js';
import { REASONS, SKIP_REASONS, warningText } from './messages.js';
import type { RunResult } from '../core/result.js';
import type { Finding } from '../core/types.js';
import type { Report, ReportContext } from './types.js';
import { leftAloneText, plural, type Summary, summarize } from './summary.js';

type Colors = ReturnType<typeof pc.createColors>;

/** What every section of the human output needs. */
interface Context {
  readonly result: RunResult;
  readonly c: Colors;
  readonly summary: Summary;
  /** A root-relative path as the user would type it. */
  readonly where: (path: string) => string;
  /** The command that fixes the project. */
  readonly fix: string;
}

/** Human output: a diff (dry run), one line per site (check), what was written (apply), then a summary. */
export function pretty(result: RunResult, context: ReportContext): Report {
  const c = pc.createColors(context.color);
  const { plan, options } = result;
  const where = (path: string): string => displayPath(context.cwd, join(options.root, path));
  const ctx: Context = { result, c, summary: summarize(result), where, fix: `npx prisma-singleton-codemod ${displayPath(context.cwd, options.root)}` };
  const err = plan.skipped.map((skip) => {
    const position = skip.line ? `:${skip.line}:${skip.column}` : '';
    return `${c.yellow('skipped')} ${where(skip.path)}${position} ${SKIP_REASONS[skip.reason]}${skip.detail ? ` (${skip.detail})` : ''}`;
  });
  const out: string[] = [];
  if (options.mode === 'dry-run') {
    for (const line of diffChanges(plan.changes)) {
      const paint = { file: c.bold, hunk: c.cyan, add: c.green, remove: c.red, context: (s: string) => s }[line.kind];
      out.push(paint(line.text));
    }
  }
  out.push(...(options.mode === 'check' ? checkLines(ctx) : changeLines(ctx)));
  const alone = leftAloneText(plan.leftAlone);
  if (alone) out.push(`  left alone: ${alone}; --all includes them`);
  for (const note of result.notes) err.push(`${c.yellow('note:')} ${note}`);
  return { stdout: out.join('\n') + (out.length ? '\n' : ''), stderr: err.join('\n') + (err.length ? '\n' : '') };
}

function at(ctx: Context, f: Finding): string {
  return `${ctx.where(f.path)}:${f.line}:${f.column}`;
}

/** --check: one line per site outside the singleton, then the verdict. */
function checkLines(ctx: Context): string[] {
  const { result, c, summary, where, fix } = ctx;
  const { plan } = result;
  const out: string[] = [];
  for (const f of plan.findings) {
    if (f.action === 'rewrite') out.push(`${at(ctx, f)} ${c.red('new PrismaClient()')} outside the singleton; run ${fix} to fix`);
    if (f.action === 'review')
      out.push(`${at(ctx, f)} ${c.yellow('new PrismaClient()')} outside the singleton needs a person: ${f.reason ? REASONS[f.reason] : ''}`);
  }
  const intentional = plan.findings.filter((f) => f.reason === 'ignore-comment' || f.reason === 'edge-runtime').length;
  if (summary.outside === 0) {
    const singleton = plan.singleton ? ` (${where(plan.singleton.path)})` : '';
    out.push(`${c.green('✔')} no PrismaClient instantiation outside the singleton${singleton}; ${plural(summary.scanned, 'file')} scanned`);
  } else {
    const pools = plural(summary.outside, 'connection pool');
    out.push(
      `${c.red('✖')} ${plural(summary.outside, 'PrismaClient instantiation')} outside the singleton in ${plural(summary.filesOutside, 'file')}: ${pools} where one would do`,
    );
    if (summary.replaced > 0) out.push(`  fix: ${fix}`);
  }
  if (intentional > 0) out.push(`  allowed: ${plural(intentional, 'intentional client')} (// prisma-singleton-codemod-ignore or edge runtime)`);
  return out;
}

/** Apply and dry run: sites left for a person or alone, notes about shared use, what changed, and the summary. */
function changeLines(ctx: Context): string[] {
  const { result, c, summary, where } = ctx;
  const { plan } = result;
  const out: string[] = [];
  for (const f of plan.findings) {
    if (f.action === 'review') out.push(`${at(ctx, f)} ${c.yellow('left for review')}: ${f.reason ? REASONS[f.reason] : ''}`);
    if (f.reason === 'ignore-comment' || f.reason === 'edge-runtime') out.push(`${at(ctx, f)} ${c.dim('left alone')}: ${REASONS[f.reason]}`);
  }
  for (const w of plan.warnings) {
    out.push(`${where(w.path)}:${w.line}:${w.column} ${w.needsPerson ? c.yellow('needs a person') : c.cyan('note')}: ${warningText(w.kind, w.detail)}`);
  }
  const verb = result.applied ? '' : 'would be ';
  if (plan.changes.length === 0) {
    const uses = plan.singleton ? `: the application already uses ${where(plan.singleton.path)}` : '';
    const nothingFound = summary.outside === 0 && plan.findings.length === 0 && !plan.singleton;
    out.push(
      nothingFound
        ? `${c.green('✔')} no PrismaClient instantiation found in ${plural(summary.scanned, 'file')}; nothing to do`
        : `${c.green('✔')} nothing to change${uses}`,
    );
    return out;
  }
  if (result.applied) for (const change of plan.changes) out.push(`${change.before === null ? c.green('created') : c.cyan('rewrote')} ${where(change.path)}`);
  const singletons = plan.singletons.map((s) => `singleton ${s.created ? `${verb}created` : 'reused'}: ${where(s.path)}`);
  const singleton = singletons.length > 0 ? `; ${singletons.join('; ')}` : '';
  out.push(`${c.green('✔')} ${plural(summary.filesChanged, 'file')} ${verb}changed, ${plural(summary.replaced, 'instantiation')} ${verb}replaced${singleton}`);
  // Each reused singleton was a client of its own before; each client of the project ends as one.
  const before = summary.replaced + plan.singletons.filter((s) => !s.created).length;
  const after = Math.max(plan.singletons.length, 1);
  const review = summary.review ? `, plus ${summary.review} left for review` : '';
  out.push(`  ${plural(before, 'PrismaClient instance')} (${plural(before, 'connection pool')}) -> ${after}${review}`);
  if (!result.applied) out.push('  dry run: nothing was written');
  return out;
}

/** A path as the user would type it from where they stand: relative, unless that means climbing out twice. */
function displayPath(cwd: string, absolute: string): string {
  const rel = relative(cwd, absolute);
  if (rel === '') return '.';
  return rel.startsWith(`..${sep}..`) ? absolute : rel;
}
