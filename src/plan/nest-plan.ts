import { connectsElsewhere, superArguments } from './default-connection.js';
import { ts } from '#typescript';
import type { FileAnalysis, Site } from '../analyze/analyze-file.js';
import type { ClientOptions } from '../analyze/client-options.js';
import type { ClientModules } from '../discover/client-modules.js';
import { type Injection, placeInjection } from '../analyze/nest-injection.js';
import type { SiteVerdict } from '../analyze/site-verdict.js';
import type { Framework } from '../core/options.js';
import { comparePaths, isRelativeSpecifier } from '../core/paths.js';
import type { FileChange, Finding, NestPlanInfo, Plan, ReasonId, Warning } from '../core/types.js';
import { createModuleResolver } from '../discover/module-resolver.js';
import type { ProjectFacts } from '../discover/project-facts.js';
import { injectFile } from '../rewrite/inject-file.js';
import { detectStyle, type CodeStyle } from '../rewrite/style.js';
import type { PlanInput } from './build-plan.js';
import { aliasSpecifier, chooseExtension, relativeSpecifier } from './import-specifier.js';
import { chooseOptionsKey, type Judgement } from './judge-files.js';
import { applicationFolders, constructsProvider, inOtherApplication, isProviderDeclaration } from './nest-applications.js';
import { NestContext } from './nest-context.js';
import { createdNestFiles } from './nest-created.js';
import { type NestLayout, chooseLayout } from './nest-layout.js';
import { type ModulePlan, moduleChanges } from './nest-module-plan.js';
import { numberOccurrences } from './occurrences.js';
import { clientModuleKey } from './singleton-options.js';

/** Nest mode: forced by `--framework`, else when package.json depends on `@nestjs/core`. */
export function isNestMode(framework: Framework | undefined, project: Pick<ProjectFacts, 'dependencies'>): boolean {
  return framework === undefined ? project.dependencies.has('@nestjs/core') : framework === 'nest';
}

/** What the site pass hands the rest of the Nest plan. */
export interface InjectedSites {
  readonly findings: Finding[];
  readonly warnings: Warning[];
  readonly changes: Map<string, string>;
  readonly styles: CodeStyle[];
  /** Classes that now take the provider, by file. */
  readonly owners: Array<{ readonly path: string; readonly name: string }>;
  /** The client module key of each injected site, and the options of one that has the provider's options. */
  readonly clientModuleCounts: Map<string, number>;
  representative: ClientOptions | undefined;
}

/**
 * The Nest plan: one provider class (the project's subclass, or a created `PrismaService`), provided by one module
 * (the project's, or a created global `PrismaModule` that the root module imports), registered nowhere else, and
 * injected through constructors wherever a provider built its own client. Constructions outside dependency injection
 * are for a person. No `src/lib/prisma.ts` is ever created. Pure, like buildPlan.
 */
export function buildNestPlan(input: PlanInput, judgement: Judgement, modules: ClientModules): Plan {
  const { project, options } = input;
  const resolver = createModuleResolver(project, input.sourcePaths);
  const known = new Set(input.files.map((f) => f.path));
  const files = [...input.files, ...(input.nestFiles ?? []).filter((f) => !known.has(f.path))];
  const context = new NestContext(files, { modules, classes: judgement.classes }, resolver, project, input.roles);
  const clientModule = mostUsedClient(judgement.verdicts);
  const layout = chooseLayout(context, judgement, {
    providerPath: options.singletonPath,
    sourceDir: input.sourceDir ?? (input.hasSrcDir ? 'src' : ''),
    clientModule,
    sourcePaths: input.sourcePaths,
  });
  const extension = chooseExtension(options.importExtension, input.specifiers, project);
  // Nest projects often carry a few `src/...` imports (an editor's auto-import under `baseUrl: "./"`) that only
  // resolve at run time with extra setup: an alias only when the project writes most of its own imports that way.
  const aliased = input.specifiers.filter((s) => !isRelativeSpecifier(s) && resolver.resolve(s, '') !== undefined).length;
  const byAlias = aliased > input.specifiers.filter(isRelativeSpecifier).length;
  const specifierFor = (target: string) => (from: string) =>
    (byAlias ? aliasSpecifier(target, resolver, input.specifiers, extension) : undefined) ?? relativeSpecifier(from, target, extension);
  const key = layout.provider.created ? chooseOptionsKey(judgement.verdicts, layout.provider.clientModule) : '';
  // A site without options uses the default connection; a provider built for another database is not its client.
  const providerOptions = layout.provider.created ? key : superArguments(context.analyse(layout.provider.path)?.sourceFile, layout.provider.name);
  const elsewhere = connectsElsewhere(providerOptions, project.datasourceUrlEnv);
  const apps = applicationFolders(context);
  // With no provider of its own, a project that depends on a workspace package's provider gets no second one.
  const shared = layout.provider.created ? options.sharedProvider : undefined;
  const sites = injectSites(context, judgement, layout, { key, elsewhere, apps, specifier: specifierFor(layout.provider.path), shared: shared !== undefined });
  const modulePlan = moduleChanges(context, layout, sites, {
    analysis: { modules, classes: judgement.classes },
    specifierFor: specifierFor(layout.module.path),
  });
  const settled = modulePlan.layout;
  const created = createdNestFiles(settled, sites, { project, extension, injected: sites.owners.length > 0, registrations: modulePlan.registrations });
  const changes: FileChange[] = options.findingsOnly ? [] : [...created.changes];
  for (const [path, after] of modulePlan.texts) {
    const before = context.files.get(path)?.text;
    if (before !== undefined && after !== before && !options.findingsOnly) changes.push({ path, before, after });
  }
  const byPosition = <T extends { path: string; line: number; column: number }>(a: T, b: T): number =>
    comparePaths(a.path, b.path) || a.line - b.line || a.column - b.column;
  const exists = !layout.provider.created || created.provider;
  const provider = { path: layout.provider.path, created: created.provider, exportName: layout.provider.name };
  return {
    changes: changes.sort((a, b) => comparePaths(a.path, b.path)),
    findings: numberOccurrences([...sites.findings, ...modulePlan.findings].sort(byPosition)),
    skipped: [...input.skipped, ...judgement.skipped].sort((a, b) => comparePaths(a.path, b.path)),
    warnings: [...sites.warnings, ...modulePlan.warnings].sort(byPosition),
    singleton: exists ? provider : null,
    singletons: exists ? [provider] : [],
    leftAlone: judgement.leftAlone,
    nest: nestInfo(modulePlan, created.module),
    clientClasses: [...judgement.classes].flatMap(([module, names]) =>
      [...names].map(([name, exported]) => ({ module, name, clientModule: exported.clientModule, reason: exported.reason })),
    ),
  };
}

/** Each site's finding, and the rewrite of every file whose providers construct a client (texts kept by path). */
function injectSites(
  context: NestContext,
  judgement: Judgement,
  layout: NestLayout,
  target: { key: string; elsewhere: boolean; apps: readonly string[]; specifier: (from: string) => string; shared: boolean },
): InjectedSites {
  const out: InjectedSites = {
    findings: [],
    warnings: [],
    changes: new Map(),
    styles: [],
    owners: [],
    clientModuleCounts: new Map(),
    representative: undefined,
  };
  for (const [path, verdicts] of [...judgement.verdicts].sort(([a], [b]) => comparePaths(a, b))) {
    const analysis = context.analyse(path);
    if (!analysis) continue;
    const injections: Array<{ injection: Injection; judged: SiteVerdict }> = [];
    for (const judged of verdicts) {
      const site = siteOf(analysis, judged);
      if (!site || isProviderDeclaration(site, path, layout)) continue;
      const route = routeSite(context, site, judged, analysis, layout, target);
      if ('injection' in route && target.shared) out.findings.push({ ...judged.finding, action: 'review', reason: 'nest-shared-provider' });
      else if ('injection' in route) injections.push({ injection: route.injection, judged });
      else out.findings.push({ ...judged.finding, action: route.action, ...(route.reason ? { reason: route.reason } : {}) });
    }
    if (injections.length > 0) injectInto(context, path, injections, layout, target.specifier(path), out);
  }
  return out;
}

function injectInto(
  context: NestContext,
  path: string,
  injections: ReadonlyArray<{ injection: Injection; judged: SiteVerdict }>,
  layout: NestLayout,
  specifier: string,
  out: InjectedSites,
): void {
  const analysis = context.analyse(path);
  if (!analysis) return;
  const dependencies = injections.flatMap(({ judged }) => (judged.verdict.merge ? judged.verdict.options.dependencies : []));
  const isProvider = (written: string, name: string): boolean => layout.isProviderExport(context.resolve(written, path) ?? '', name);
  const rewrite = injectFile(
    analysis,
    injections.map((i) => i.injection),
    { className: layout.provider.name, specifier, isProvider },
    dependencies,
  );
  for (const [index, outcome] of rewrite.outcomes.entries()) {
    const judged = injections[index]?.judged;
    if (!judged) continue;
    out.findings.push({ ...judged.finding, action: outcome.reason ? 'review' : 'rewrite', reason: outcome.reason ?? 'nest-inject' });
    if (outcome.reason) continue;
    const site = outcome.injection.site;
    const moduleKey = clientModuleKey(site);
    out.clientModuleCounts.set(moduleKey, (out.clientModuleCounts.get(moduleKey) ?? 0) + 1);
    if (judged.verdict.merge && !out.representative && judged.verdict.options.key !== '') out.representative = judged.verdict.options;
    if (judged.verdict.merge && judged.verdict.options.dropped.length > 0) {
      const { line, column } = judged.finding;
      out.warnings.push({ path, line, column, kind: 'options-dropped', detail: judged.verdict.options.dropped.join(', '), needsPerson: false });
    }
    const owner = outcome.injection.type === 'module-const' ? outcome.injection.references.map((r) => r.owner) : [outcome.injection.owner];
    for (const cls of owner)
      if (cls.name && !out.owners.some((o) => o.path === path && o.name === cls.name?.text)) out.owners.push({ path, name: cls.name.text });
  }
  for (const use of rewrite.uses) {
    const { line, character } = analysis.sourceFile.getLineAndCharacterOfPosition(use.node.getStart());
    out.warnings.push({ path, line: line + 1, column: character + 1, kind: use.kind, needsPerson: use.kind === 'disconnect-kept' });
  }
  if (rewrite.after !== null && rewrite.outcomes.some((o) => !o.reason)) {
    out.changes.set(path, rewrite.after);
    out.styles.push(detectStyle(analysis.sourceFile));
  }
}

/** Where one verdict goes: an injection, or a finding with its action and reason. */
function routeSite(
  context: NestContext,
  site: Site,
  judged: SiteVerdict,
  analysis: FileAnalysis,
  layout: NestLayout,
  { key, elsewhere, apps }: { key: string; elsewhere: boolean; apps: readonly string[] },
): { injection: Injection } | { action: 'review' | 'allowed'; reason: ReasonId } {
  const { verdict } = judged;
  const providerNew =
    !verdict.merge && verdict.reason === 'client-subclass' && ts.isNewExpression(site.node) && constructsProvider(context, site, analysis, layout);
  if (!verdict.merge && !providerNew) return { action: verdict.action, reason: verdict.reason };
  if (inOtherApplication(analysis.sourceFile.fileName, layout.provider.path, apps)) return { action: 'review', reason: 'nest-other-application' };
  if (site.clientModule !== layout.provider.clientModule) return { action: 'review', reason: 'connection-options-differ' };
  if (verdict.merge && verdict.options.key !== '' && verdict.options.key !== key) return { action: 'review', reason: 'connection-options-differ' };
  if (verdict.merge && verdict.options.key === '' && elsewhere) return { action: 'review', reason: 'connection-options-differ' };
  if (providerNew && ts.isNewExpression(site.node) && (site.node.arguments?.length ?? 0) > 0) return { action: 'review', reason: 'nest-inject-by-hand' };
  const placed = placeInjection(site, analysis);
  return 'reason' in placed ? { action: 'review', reason: placed.reason } : { injection: placed };
}

function siteOf(analysis: FileAnalysis, judged: SiteVerdict): Site | undefined {
  return analysis.sites.filter((s) => s.clientModule === judged.clientModule)[judged.ordinal];
}

/** The client most mergeable sites construct, `@prisma/client` when none does. */
function mostUsedClient(verdicts: Judgement['verdicts']): string {
  const counts = new Map<string, number>();
  for (const list of verdicts.values())
    for (const { verdict, clientModule } of list) if (verdict.merge) counts.set(clientModule, (counts.get(clientModule) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || comparePaths(a[0], b[0]))[0]?.[0] ?? '@prisma/client';
}

/** What the summary says of the Nest layout: the provider and its module, and how many instances there were. */
function nestInfo(modulePlan: ModulePlan, moduleCreated: boolean): NestPlanInfo {
  const { module, provider } = modulePlan.layout;
  return {
    providerPath: provider.path,
    providerName: provider.name,
    modulePath: module.path,
    moduleName: module.name,
    moduleCreated: module.created && moduleCreated,
    global: module.global,
    moduleInstantiated: modulePlan.moduleBuilt,
    unbuiltRegistrations: modulePlan.unbuilt,
  };
}
