import { ts } from 'ts-morph';
import { analyzeFile, clientBindings } from '../../src/analyze/analyze-file.js';
import { clientModules } from '../../src/discover/client-modules.js';
import { mayConstructClient } from '../../src/discover/prefilter.js';
import { discoveryFilter, importerFilter } from '../../src/discover/discover.js';
import { classifyBytes } from '../../src/discover/read-sources.js';
import { planProject } from '../../src/plan/plan-project.js';
import { parseOptions } from '../../src/cli/options.js';
import { parseSource } from '../../src/analyze/parse.js';
import type { PlanInput } from '../../src/plan/build-plan.js';
import { readProjectFacts, type ProjectFacts } from '../../src/discover/project-facts.js';
import { exitCodeOf } from '../../src/core/result.js';
import { findReferences } from '../../src/analyze/references.js';
import type { Plan } from '../../src/core/types.js';
import { checkStyle } from './check-style.js';
import { PLAIN_STYLE, type FileStyle } from './code.js';
import { SCHEMA, PACKAGE_JSON, TSCONFIG, type RenderedProgram } from './render.js';

/** Where the codemod puts the singleton in these projects (they all have a src/ folder). */
export const SINGLETON = 'src/lib/prisma.ts';

/** One program after the in-memory apply: its output tree (undefined when planning threw) and what went wrong. */
export interface CheckedProgram {
  readonly program: RenderedProgram;
  readonly after: ReadonlyMap<string, string> | undefined;
  readonly failures: readonly string[];
}

const PROJECT: ProjectFacts = readProjectFacts({
  packageJson: PACKAGE_JSON,
  tsconfigs: [{ path: 'tsconfig.json', text: TSCONFIG }],
  schemas: [{ path: 'prisma/schema.prisma', text: SCHEMA }],
});
const CLIENT_MODULES = clientModules(PROJECT);
const MODULES = { modules: CLIENT_MODULES, classes: new Map() };
/** The read's filter as discovery runs it. */
const DISCOVERY_FILTER = discoveryFilter(CLIENT_MODULES);
const APPLY = parseOptions('.', {}, '/');
const CHECK = parseOptions('.', { check: true }, '/');
/** The same pattern scan uses to learn the project's habits (import extensions, path aliases). */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)['"]([^'"\n]+)['"]/g;

/** What scan would hand the planner for this tree: candidates are the files the prefilter lets through. */
export function planInputOf(tree: ReadonlyMap<string, string>, findingsOnly = false): PlanInput {
  const sources = [...tree].sort(([a], [b]) => (a < b ? -1 : 1)).map(([path, text]) => ({ path, text }));
  return {
    files: sources.filter((file) => passesPrefilter(file.path, file.text)),
    skipped: [],
    project: PROJECT,
    hasSrcDir: true,
    sourcePaths: new Set(sources.map((file) => file.path)),
    specifiers: sources.flatMap((file) => [...file.text.matchAll(SPECIFIER)].flatMap((m) => (m[1] ? [m[1]] : []))),
    options: { singletonPath: undefined, all: false, importExtension: undefined, findingsOnly },
  };
}

/**
 * The plan --check or apply would make of the tree: the prefilter's candidates, and the files that import the
 * project's client classes found the way discovery finds them (the same filter), in memory.
 */
export function planOf(tree: ReadonlyMap<string, string>, findingsOnly = false): Plan {
  return planProject(planInputOf(tree, findingsOnly), (modules, files) => {
    const filter = importerFilter(CLIENT_MODULES, modules);
    const known = new Set(files.map((file) => file.path));
    return [...tree]
      .filter(([path, text]) => !known.has(path) && filter.needles.some((n) => text.includes(n.toString())) && mayConstructClient(text, path, filter.interest))
      .map(([path, text]) => ({ path, text }));
  });
}

/** Every site the analyser reports in a file, read without the prefilter: what the prefilter must never drop. */
export function analysedSites(path: string, text: string): number {
  const parsed = parseSource(path, text);
  return parsed.error ? 0 : analyzeFile(parsed.sourceFile, MODULES).sites.length;
}

/** Whether discovery's read lets the file through to the parser (no project client classes yet: its shortcut on). */
export function passesPrefilter(path: string, text: string): boolean {
  return 'text' in classifyBytes(path, Buffer.from(text), DISCOVERY_FILTER);
}

/**
 * Plans, applies in memory and re-plans one program, and checks everything short of the type-check: the plan
 * finds every site with the right verdict, the output parses, one instantiation is left (plus the ones for
 * review), comments and strings survive, the files keep their style, no client import is left unused, a second
 * run plans nothing and `--check` agrees.
 */
export function checkProgram(program: RenderedProgram): CheckedProgram {
  const failures: string[] = [];
  const fail: Fail = (stage, detail) => {
    failures.push(`[${stage}] ${detail}`);
  };
  const before = new Map(program.files.map((file) => [file.path, file.text]));
  const reviews = program.sites.filter((s) => s.action !== 'rewrite').length;
  const rewrites = program.sites.length - reviews;

  for (const [path, text] of before) {
    const parsed = parseSource(path, text);
    if (parsed.error) fail('generator', `${path}:${parsed.error.line}:${parsed.error.column} does not parse: ${parsed.error.message}`);
    const style = program.styles.get(path);
    if (!parsed.error && style) for (const problem of checkStyle(parsed.sourceFile, text, style)) fail('generator', `${path} breaks its own style: ${problem}`);
  }
  const generated = countAll(before, program.constructorNames);
  if (generated !== program.sites.length) fail('generator', `${generated} instantiations written, ${program.sites.length} expected`);
  if (failures.length > 0) return { program, after: undefined, failures };

  let first: Plan;
  try {
    first = planOf(before);
  } catch (error) {
    fail('plan', `buildPlan threw: ${error instanceof Error ? error.message : String(error)}`);
    return { program, after: undefined, failures };
  }
  for (const skip of first.skipped) fail('plan', `skipped ${skip.path}: ${skip.reason} ${skip.detail ?? ''}`);
  const expectedVerdicts = program.sites.map((s) => `${s.path} ${s.action === 'rewrite' ? 'rewrite' : `review (${s.action})`}`).sort();
  const verdicts = first.findings.map((f) => `${f.path} ${f.action}${f.reason ? ` (${f.reason})` : ''}`).sort();
  if (verdicts.join('\n') !== expectedVerdicts.join('\n')) {
    fail('findings', `expected [${expectedVerdicts.join(', ')}], got [${verdicts.join(', ')}]`);
  }
  if (program.seed % 10 === 0 && JSON.stringify(planOf(before)) !== JSON.stringify(first)) fail('determinism', 'a second plan of the same input differs');
  const applyExit = exitCodeOf({ options: APPLY, plan: first, scanned: before.size, applied: true, notes: [] });
  if (applyExit !== (reviews > 0 ? 1 : 0)) fail('exit-code', `apply exits ${applyExit} with ${reviews} site(s) for review`);

  const after = new Map(before);
  for (const change of first.changes) {
    if ((after.get(change.path) ?? null) !== change.before) fail('apply', `${change.path}: the change's before text is not the file's text`);
    after.set(change.path, change.after);
  }
  const rewrittenPaths = new Set(program.sites.filter((s) => s.action === 'rewrite').map((s) => s.path));
  for (const change of first.changes) {
    if (change.path !== SINGLETON && !rewrittenPaths.has(change.path)) fail('apply', `${change.path} changed but has no site to rewrite`);
  }
  for (const path of rewrittenPaths) if (!first.changes.some((c) => c.path === path)) fail('apply', `${path} has sites to rewrite but did not change`);
  if (after.has(SINGLETON) !== rewrites > 0) fail('apply', `singleton ${after.has(SINGLETON) ? 'created' : 'missing'} with ${rewrites} site(s) rewritten`);

  checkOutput(program, before, after, fail);
  checkSecondRun(program, after, fail);
  return { program, after, failures };
}

type Fail = (stage: string, detail: string) => void;

/** The output tree parses, keeps one instantiation (plus the ones for review), its decoys, its style and no unused client import. */
function checkOutput(program: RenderedProgram, before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>, fail: Fail): void {
  const reviews = program.sites.filter((s) => s.action !== 'rewrite').length;
  const rewrites = program.sites.length - reviews;
  const parsedAfter = new Map<string, ts.SourceFile>();
  for (const [path, text] of after) {
    const parsed = parseSource(path, text);
    if (parsed.error) fail('parse', `${path}:${parsed.error.line}:${parsed.error.column} ${parsed.error.message}`);
    else parsedAfter.set(path, parsed.sourceFile);
  }
  const remaining = countAll(after, program.constructorNames);
  const expectedRemaining = (rewrites > 0 ? 1 : 0) + reviews;
  if (remaining !== expectedRemaining) fail('count', `${remaining} instantiation(s) left, expected ${expectedRemaining} (singleton + ${reviews} for review)`);
  for (const decoy of program.decoys) if (!after.get(decoy.path)?.includes(decoy.text)) fail('decoy', `${decoy.path} lost "${decoy.text}"`);

  for (const [path, sourceFile] of parsedAfter) {
    if (path === SINGLETON) for (const problem of checkStyle(sourceFile, '', ownStyle(sourceFile))) fail('style', `${path}: ${problem}`);
    const style = program.styles.get(path);
    if (style && after.get(path) !== before.get(path))
      for (const problem of checkStyle(sourceFile, before.get(path) ?? '', style)) fail('style', `${path}: ${problem}`);
    if (path === SINGLETON) continue;
    const analysis = analyzeFile(sourceFile, MODULES);
    const bindings = clientBindings(sourceFile, analysis.values);
    // Classes and exported constants are API: other modules may use them.
    const exported = (binding: (typeof bindings)[number]): boolean =>
      ts.isClassLike(binding.declaration) ||
      (ts.isVariableStatement(binding.declaration) && !!binding.declaration.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword));
    for (const binding of bindings.filter((b) => !exported(b))) {
      if (findReferences(binding.name, analysis.scopes).length === 0)
        fail('unused-import', `${path}: client binding ${binding.name.text} is left without a use`);
    }
  }
}

/** A second run plans no change, and --check reports exactly the sites left for review, with the exit code to match. */
function checkSecondRun(program: RenderedProgram, after: ReadonlyMap<string, string>, fail: Fail): void {
  const expectedReviews = program.sites
    .filter((s) => s.action !== 'rewrite')
    .map((s) => s.path)
    .sort();
  let second: Plan;
  try {
    second = planOf(after);
  } catch (error) {
    fail('second-run', `buildPlan threw: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  for (const change of second.changes) fail('second-run', `would change ${change.path} again`);
  const secondRewrites = second.findings.filter((f) => f.action === 'rewrite');
  const secondReviews = second.findings
    .filter((f) => f.action === 'review')
    .map((f) => f.path)
    .sort();
  for (const finding of secondRewrites) fail('check', `--check still finds ${finding.path}:${finding.line}:${finding.column} to rewrite`);
  if (secondReviews.join() !== expectedReviews.join())
    fail('check', `--check reports [${secondReviews.join(', ')}] for review, expected [${expectedReviews.join(', ')}]`);
  const checkExit = exitCodeOf({ options: CHECK, plan: second, scanned: after.size, applied: false, notes: [] });
  if (checkExit !== (expectedReviews.length > 0 ? 1 : 0)) fail('check', `--check exits ${checkExit} with ${expectedReviews.length} site(s) for review`);
}

/** The style a generated singleton picked, read off its first import, so that the rest of it can be held to it. */
function ownStyle(sourceFile: ts.SourceFile): FileStyle {
  const text = sourceFile.text;
  const [first] = sourceFile.statements;
  const specifier = first && ts.isImportDeclaration(first) ? first.moduleSpecifier : undefined;
  return {
    ...PLAIN_STYLE,
    quote: specifier && text[specifier.getStart()] === '"' ? '"' : "'",
    semicolons: first ? text[first.end - 1] === ';' : true,
    crlf: text.includes('\r\n'),
  };
}

function countAll(tree: ReadonlyMap<string, string>, names: ReadonlySet<string>): number {
  let total = 0;
  for (const [path, text] of tree) total += countInstantiations(parseSource(path, text).sourceFile, names);
  return total;
}

/**
 * Constructions by name: `new X()`, `class ... extends X` and `Reflect.construct(X, ...)` where X names a client
 * constructor (or is `<anything>.PrismaClient`); a syntax walk, so comments and strings never count.
 */
export function countInstantiations(sourceFile: ts.SourceFile, names: ReadonlySet<string>): number {
  let count = 0;
  const names_ = (expression: ts.Expression | undefined): boolean => {
    let callee = expression;
    while (callee && ts.isParenthesizedExpression(callee)) callee = callee.expression;
    return !!callee && ((ts.isIdentifier(callee) && names.has(callee.text)) || (ts.isPropertyAccessExpression(callee) && callee.name.text === 'PrismaClient'));
  };
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node) && names_(node.expression)) count += 1;
    if (ts.isHeritageClause(node) && node.token === ts.SyntaxKind.ExtendsKeyword && names_(node.types[0]?.expression)) count += 1;
    if (ts.isCallExpression(node) && node.expression.getText() === 'Reflect.construct' && names_(node.arguments[0])) count += 1;
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return count;
}
