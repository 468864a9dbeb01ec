import { join, relative, sep } from 'node:path';
import pc from 'picocolors';
import { diffChanges } from '../diff.js';
import { REASONS, SKIP_REASONS, warningText } from '../messages.js';
import type { RunResult } from '../run.js';
import type { Finding } from '../types.js';
import type { Report, ReportContext } from './types.js';
import { leftAloneText, plural, summarize } from './summary.js';

/** Human output: a diff (dry run), one line per site (check), what was written (apply), then a summary. */
export function pretty(result: RunResult, context: ReportContext): Report {
  const c = pc.createColors(context.color);
  const { plan, options } = result;
  const summary = summarize(result);
  const out: string[] = [];
  const err: string[] = [];
  const where = (path: string): string => displayPath(context.cwd, join(options.root, path));
  const fix = `npx prisma-singleton-codemod ${displayPath(context.cwd, options.root)}`;
  const at = (f: Finding): string => `${where(f.path)}:${f.line}:${f.column}`;

  for (const skip of plan.skipped) {
    const position = skip.line ? `:${skip.line}:${skip.column}` : '';
    err.push(`${c.yellow('skipped')} ${where(skip.path)}${position} ${SKIP_REASONS[skip.reason]}${skip.detail ? ` (${skip.detail})` : ''}`);
  }

  if (options.mode === 'dry-run') {
    for (const line of diffChanges(plan.changes)) {
      const paint = { file: c.bold, hunk: c.cyan, add: c.green, remove: c.red, context: (s: string) => s }[line.kind];
      out.push(paint(line.text));
    }
  }

  if (options.mode === 'check') {
    for (const f of plan.findings) {
      if (f.action === 'rewrite') out.push(`${at(f)} ${c.red('new PrismaClient()')} outside the singleton; run ${fix} to fix`);
      if (f.action === 'review') out.push(`${at(f)} ${c.yellow('new PrismaClient()')} outside the singleton needs a person: ${f.reason ? REASONS[f.reason] : ''}`);
    }
    const intentional = plan.findings.filter((f) => f.reason === 'ignore-comment' || f.reason === 'edge-runtime').length;
    if (summary.outside === 0) {
      out.push(`${c.green('✔')} no PrismaClient instantiation outside the singleton${plan.singleton ? ` (${where(plan.singleton.path)})` : ''}; ${plural(summary.scanned, 'file')} scanned`);
    } else {
      out.push(`${c.red('✖')} ${plural(summary.outside, 'PrismaClient instantiation')} outside the singleton in ${plural(summary.filesOutside, 'file')}: ${plural(summary.outside, 'connection pool')} where one would do`);
      if (summary.replaced > 0) out.push(`  fix: ${fix}`);
    }
    if (intentional > 0) out.push(`  allowed: ${plural(intentional, 'intentional client')} (// prisma-singleton-codemod-ignore or edge runtime)`);
  } else {
    for (const f of plan.findings) {
      if (f.action === 'review') out.push(`${at(f)} ${c.yellow('left for review')}: ${f.reason ? REASONS[f.reason] : ''}`);
      if (f.reason === 'ignore-comment' || f.reason === 'edge-runtime') out.push(`${at(f)} ${c.dim('left alone')}: ${REASONS[f.reason]}`);
    }
    for (const w of plan.warnings) {
      out.push(`${where(w.path)}:${w.line}:${w.column} ${w.needsPerson ? c.yellow('needs a person') : c.cyan('note')}: ${warningText(w.kind, w.detail)}`);
    }
    const verb = result.applied ? '' : 'would be ';
    if (plan.changes.length === 0) {
      out.push(summary.outside === 0 && plan.findings.length === 0 && !plan.singleton
        ? `${c.green('✔')} no PrismaClient instantiation found in ${plural(summary.scanned, 'file')}; nothing to do`
        : `${c.green('✔')} nothing to change${plan.singleton ? `: the application already uses ${where(plan.singleton.path)}` : ''}`);
    } else {
      if (result.applied) for (const change of plan.changes) out.push(`${change.before === null ? c.green('created') : c.cyan('rewrote')} ${where(change.path)}`);
      const singleton = plan.singleton ? `; singleton ${summary.singletonCreated ? `${verb}created` : 'reused'}: ${where(plan.singleton.path)}` : '';
      out.push(`${c.green('✔')} ${plural(summary.filesChanged, 'file')} ${verb}changed, ${plural(summary.replaced, 'instantiation')} ${verb}replaced${singleton}`);
      const before = summary.replaced + (summary.singletonCreated ? 0 : 1);
      out.push(`  ${plural(before, 'PrismaClient instance')} (${plural(before, 'connection pool')}) -> 1${summary.review ? `, plus ${summary.review} left for review` : ''}`);
      if (!result.applied) out.push('  dry run: nothing was written');
    }
  }
  const alone = leftAloneText(plan.leftAlone);
  if (alone) out.push(`  left alone: ${alone}; --all includes them`);
  for (const note of result.notes) err.push(`${c.yellow('note:')} ${note}`);
  return { stdout: out.join('\n') + (out.length ? '\n' : ''), stderr: err.join('\n') + (err.length ? '\n' : '') };
}

/** A path as the user would type it from where they stand: relative, unless that means climbing out twice. */
function displayPath(cwd: string, absolute: string): string {
  const rel = relative(cwd, absolute);
  if (rel === '') return '.';
  return rel.startsWith(`..${sep}..`) ? absolute : rel;
}
