import { join, relative, sep } from 'node:path';
import { createRequire } from 'node:module';
import type Picocolors from 'picocolors';
import { diffChanges } from '../write/diff.js';
import { baselineLines } from './baseline-text.js';
import { repositoryBase } from './path-bases.js';
import { REASONS, SKIP_REASONS, SKIP_RULES, siteLabel, warningText } from './messages.js';
import type { RunResult } from '../core/result.js';
import type { Finding, NestPlanInfo } from '../core/types.js';
import type { Report, ReportContext } from './types.js';
import { packageLines, singletonText } from './package-lines.js';
import { alreadyUses, existingSingletons, leftAloneText, plural, type Summary, summarize, uncheckedVerdict } from './summary.js';

// Required, not imported: importing a CommonJS package from ESM also has Node scan its source for named exports
// (commander, ignore and picocolors: about 25 ms of every start, measured).
const pc = createRequire(import.meta.url)('picocolors') as typeof Picocolors;

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

/**
 * Human output. stdout carries only the product: the diff (dry run), one line per site outside the singleton
 * (check), the sites and files of a write (apply). Everything about the run (skipped files, notes, the summary, the
 * baseline, and the fix command, once, last) goes to stderr, so `--dry-run > migration.diff` is a clean patch. Lines
 * name files from the current directory; the diff names them from the repository's top (report/path-bases.ts).
 */
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
    // Paths from the repository's top: `git apply` reads them from there, wherever it runs (README "Paths in the output").
    for (const line of diffChanges(plan.changes, repositoryBase(result, context).projectPath)) {
      const paint = { file: c.bold, hunk: c.cyan, add: c.green, remove: c.red, context: (s: string) => s }[line.kind];
      out.push(paint(line.text));
    }
  }
  if (options.mode === 'check') {
    out.push(...siteLines(ctx));
    err.push(...checkSummary(ctx));
  } else {
    const { items, summary } = changeLines(ctx);
    (options.mode === 'dry-run' ? err : out).push(...items);
    err.push(...summary);
  }
  const alone = leftAloneText(plan.leftAlone);
  if (alone) err.push(`  left alone: ${alone}; --all includes them`);
  for (const note of result.notes) err.push(`${c.yellow('note:')} ${note}`);
  const unscanned = (result.unscanned ?? []).map((u) => `${where(u.path)}${u.folder ? '/' : ''} (${SKIP_RULES[u.rule]})`);
  if (unscanned.length > 0) {
    // A folder speaks for the files in it.
    const oneFile = result.unscanned?.length === 1 && result.unscanned[0]?.folder === false;
    const more = unscanned.length > 10 ? `, and ${unscanned.length - 10} more` : '';
    err.push(`${c.yellow('not scanned:')} ${unscanned.slice(0, 10).join(', ')}${more}: ${oneFile ? 'it mentions' : 'they mention'} PrismaClient`);
  }
  if (result.baseline) err.push(...baselineLines(result.baseline, displayPath(context.cwd, result.baseline.path), where));
  if (options.mode === 'check' && ctx.summary.replaced > 0) err.push(`fix: ${ctx.fix}`);
  return { stdout: lines(out), stderr: lines(err) };
}

function lines(list: readonly string[]): string {
  return list.join('\n') + (list.length ? '\n' : '');
}

/** A reason's words, with the Nest provider's and module's own names where the table says PrismaService and PrismaModule. */
function reasonText(ctx: Context, f: Finding): string {
  const text = f.reason ? REASONS[f.reason] : '';
  const nest = ctx.result.plan.nest;
  return nest ? text.replaceAll('PrismaService', nest.providerName).replaceAll('PrismaModule', nest.moduleName) : text;
}

function at(ctx: Context, f: Finding): string {
  return `${ctx.where(f.path)}:${f.line}:${f.column}`;
}

/** --check: one line per site outside the singleton. */
function siteLines(ctx: Context): string[] {
  const { c, result } = ctx;
  const out: string[] = [];
  for (const f of result.plan.findings) {
    if (f.action === 'rewrite' && f.reason) out.push(`${at(ctx, f)} ${c.red(siteLabel(f.reason))}: ${reasonText(ctx, f)}`);
    else if (f.action === 'rewrite') out.push(`${at(ctx, f)} ${c.red('new PrismaClient()')} outside the singleton`);
    const owner = result.plan.nest ? 'provider' : 'singleton';
    if (f.action === 'review') out.push(`${at(ctx, f)} ${c.yellow(siteLabel(f.reason))} outside the ${owner} needs a person: ${reasonText(ctx, f)}`);
  }
  return out;
}

/** --check: the verdict, and the intentional clients. */
function checkSummary(ctx: Context): string[] {
  const { result, c, summary, where } = ctx;
  const { plan } = result;
  const out: string[] = [];
  const intentional = plan.findings.filter((f) => f.reason === 'ignore-comment' || f.reason === 'edge-runtime').length;
  const beyond = result.baseline ? ' beyond the baseline' : '';
  if (summary.outside === 0) {
    // Name the singleton only when it exists: with a baseline, a check can pass before it is created.
    const existing = existingSingletons(plan).map(where);
    const singleton = existing.length > 0 ? ` (${existing.join(', ')})` : '';
    const noun = plan.nest ? `${plan.nest.providerName} provider` : existing.length > 1 ? 'singletons' : 'singleton';
    if (summary.unchecked > 0) out.push(`${c.red('✖')} ${uncheckedVerdict(summary, `${noun}${singleton}${beyond}`)}`);
    else out.push(`${c.green('✔')} no PrismaClient instantiation outside the ${noun}${singleton}${beyond}; ${plural(summary.scanned, 'file')} scanned`);
  } else {
    // One pool per client: a project with two generated clients (two databases) keeps two. The existing singletons
    // hold theirs too. A workspace says it package by package, below.
    const clients = plan.singletons.length;
    const pools = summary.outside + existingSingletons(plan).length;
    const enough = result.packages ? '' : poolsClause(pools, clients);
    const packages = result.packages ? ` of ${plural(result.packages.filter((p) => p.sites > 0).length, 'package')}` : '';
    out.push(
      `${c.red('✖')} ${plural(summary.outside, 'PrismaClient instantiation')} outside the ${plan.nest ? 'provider' : 'singleton'}${beyond} in ${plural(summary.filesOutside, 'file')}${packages}${enough}`,
    );
  }
  if (summary.outside > 0 && summary.unchecked > 0) out.push(`  not checked: ${plural(summary.unchecked, 'file')} (skipped above), which may create more`);
  if (intentional > 0) out.push(`  allowed: ${plural(intentional, 'intentional client')} (// prisma-singleton-codemod-ignore or edge runtime)`);
  out.push(...packageLines(result, where));
  return out;
}

/**
 * `: 3 connection pools where one would do`, counting the existing singletons' own; a lone client that no shared
 * module keeps yet is not too many pools, so it says that instead.
 */
function poolsClause(pools: number, clients: number): string {
  if (pools > Math.max(clients, 1))
    return `: ${plural(pools, 'connection pool')} where ${clients > 1 ? `${clients} would do (one per client)` : 'one would do'}`;
  return `: ${plural(pools, 'connection pool')}, kept by no shared module`;
}

/** Apply and dry run: the sites left for a person or alone, notes about shared use, the files written; then the summary. */
function changeLines(ctx: Context): { items: string[]; summary: string[] } {
  const { result, c, summary, where } = ctx;
  const { plan } = result;
  const items: string[] = [];
  for (const f of plan.findings) {
    if (f.action === 'review') items.push(`${at(ctx, f)} ${c.yellow('left for review')}: ${reasonText(ctx, f)}`);
    if (f.reason === 'ignore-comment' || f.reason === 'edge-runtime') items.push(`${at(ctx, f)} ${c.dim('left alone')}: ${REASONS[f.reason]}`);
  }
  for (const w of plan.warnings) {
    items.push(`${where(w.path)}:${w.line}:${w.column} ${w.needsPerson ? c.yellow('needs a person') : c.cyan('note')}: ${warningText(w.kind, w.detail)}`);
  }
  const verb = result.applied ? '' : 'would be ';
  if (plan.changes.length === 0) {
    const uses = alreadyUses(plan, result.packages !== undefined, where);
    const nothingFound = summary.outside === 0 && plan.findings.length === 0 && !plan.singleton;
    // Sites left for review make the run fail (exit 1): no green tick over them.
    const held =
      summary.review > 0
        ? `${c.yellow('!')} nothing rewritten: ${plural(summary.review, 'site')} left for review (above)${uses ? `; ${uses.slice(2)}` : ''}`
        : undefined;
    const line = nothingFound
      ? `${c.green('✔')} no PrismaClient instantiation found in ${plural(summary.scanned, 'file')}; nothing to do`
      : (held ?? `${c.green('✔')} nothing to change${uses}`);
    if (summary.unchecked === 0) return { items, summary: [line] };
    const other = plural(Math.max(0, summary.scanned - summary.unchecked), 'file');
    return { items, summary: [`${c.red('✖')} could not check ${plural(summary.unchecked, 'file')} (skipped above); nothing to change in the other ${other}`] };
  }
  if (result.applied) for (const change of plan.changes) items.push(`${change.before === null ? c.green('created') : c.cyan('rewrote')} ${where(change.path)}`);
  // A workspace names its singletons package by package, below.
  const singletons = result.packages ? [] : plan.nest ? nestLines(ctx, plan.nest, verb) : plan.singletons.map((s) => singletonText(s, verb, where));
  const singleton = singletons.length > 0 ? `; ${singletons.join('; ')}` : '';
  const out = [
    `${c.green('✔')} ${plural(summary.filesChanged, 'file')} ${verb}changed, ${plural(summary.replaced, 'instantiation')} ${verb}replaced${singleton}`,
  ];
  // Each reused singleton was a client of its own before; each client of the project ends as one.
  // A Nest module the plan creates takes over the registrations it removes; an existing one had its own instance
  // only if Nest built it, and so did each registration (a module no import reaches is never built).
  const reused = plan.nest ? Number(plan.nest.moduleInstantiated) : plan.singletons.filter((s) => !s.created).length;
  const before = summary.replaced - (plan.nest?.unbuiltRegistrations ?? 0) + reused;
  const after = Math.max(plan.singletons.length, 1);
  const review = summary.review ? `, plus ${summary.review} left for review` : '';
  const perPackage = result.packages && after > 1 ? ', one per package' : '';
  out.push(`  ${plural(before, 'PrismaClient instance')} (${plural(before, 'connection pool')}) -> ${after}${perPackage}${review}`);
  if (summary.unchecked > 0) out.push(`  not checked: ${plural(summary.unchecked, 'file')} (skipped above), which may create more`);
  out.push(...packageLines(result, where));
  if (!result.applied) out.push('  dry run: nothing was written');
  return { items, summary: out };
}

/** Nest mode: which provider and which module the application now shares its one client through. */
function nestLines(ctx: Context, nest: NestPlanInfo, verb: string): string[] {
  const provider = ctx.result.plan.singletons.find((s) => s.path === nest.providerPath);
  const lines = provider ? [`provider ${provider.created ? `${verb}created` : 'reused'}: ${ctx.where(nest.providerPath)} (${nest.providerName})`] : [];
  const scope = nest.global ? 'global ' : '';
  lines.push(`module ${nest.moduleCreated ? `${verb}created` : 'reused'}: ${ctx.where(nest.modulePath)} (${scope}${nest.moduleName})`);
  return lines;
}

/** A path as the user would type it from where they stand: relative, unless that means climbing out twice. */
function displayPath(cwd: string, absolute: string): string {
  const rel = relative(cwd, absolute);
  if (rel === '') return '.';
  return rel.startsWith(`..${sep}..`) ? absolute : rel;
}
