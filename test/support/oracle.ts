import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import ignore from 'ignore';
import { Project, ts } from 'ts-morph';
import { STUB_ADAPTER_PG, STUB_CLIENT } from './helpers.js';

/**
 * The reference finder: the TypeScript type checker, not the tool's syntax rules. It reports every `new` expression
 * whose type is the stub client's `PrismaClient` (or a class derived from it), every `Reflect.construct` whose target
 * constructs one, and every class whose `extends` clause names a constructor of one (its `super()` builds a client).
 * It shares nothing with the tool's fast path: no specifier lists, no binding rules, no prefilter.
 */

/** One project tree to look at: root-relative paths to texts. */
export interface OracleTree {
  readonly label: string;
  readonly files: ReadonlyMap<string, string>;
}

/** What the checker saw in one tree: sites as `path:line:column`, and imports it could not resolve (a blind spot). */
export interface OracleResult {
  readonly sites: string[];
  readonly unresolved: string[];
}

const SOURCE = /\.(?:[cm]?[jt]sx?|vue|svelte|astro)$/;
const COMPONENT = /\.(?:vue|svelte|astro)$/;
/** Node's `require`, typed for the client's own entry points, as @types/node leaves it untyped. */
const REQUIRE_DTS = [
  "declare function require(id: '@prisma/client' | '@prisma/client/index' | '@prisma/client/index.js'): typeof import('@prisma/client');",
  "declare function require(id: '@prisma/client/edge'): typeof import('@prisma/client/edge');",
  'declare function require(id: string): any;',
  // `createRequire(import.meta.url)` gives a require typed like the global one, whatever the module names it.
  'interface OracleRequire {',
  "  (id: '@prisma/client' | '@prisma/client/index' | '@prisma/client/index.js'): typeof import('@prisma/client');",
  '  (id: string): any;',
  '}',
  "declare module 'node:module' { export function createRequire(from: string | URL): OracleRequire; }",
  "declare module 'module' { export function createRequire(from: string | URL): OracleRequire; }",
  'declare var module: { exports: any };',
  'declare var exports: any;',
  'declare var process: { env: Record<string, string | undefined> };',
  '',
].join('\n');

const STUB_FILES: ReadonlyArray<readonly [string, string]> = [
  ['/node_modules/@prisma/client/index.d.ts', readFileSync(join(STUB_CLIENT, 'index.d.ts'), 'utf8')],
  ['/node_modules/@prisma/client/edge.d.ts', "export * from './index';\n"],
  ['/node_modules/@prisma/client/default.d.ts', "export * from './index';\n"],
  ['/node_modules/@prisma/client/wasm.d.ts', "export * from './index';\n"],
  ['/node_modules/@prisma/client/package.json', '{ "name": "@prisma/client", "types": "index.d.ts" }\n'],
  ['/node_modules/.prisma/client/index.d.ts', "export * from '@prisma/client';\n"],
  ['/node_modules/@prisma/adapter-pg/index.d.ts', readFileSync(join(STUB_ADAPTER_PG, 'index.d.ts'), 'utf8')],
  ['/node_modules/@prisma/adapter-pg/package.json', '{ "name": "@prisma/adapter-pg", "types": "index.d.ts" }\n'],
  ['/oracle-globals.d.ts', REQUIRE_DTS],
];

/** Runs the checker over the trees: trees without tsconfig `paths` share one program, the others get their own. */
export function oracleSites(trees: readonly OracleTree[]): Map<string, OracleResult> {
  const results = new Map<string, OracleResult>();
  const workspaces = trees.filter((tree) => workspaceDirs(tree).length > 0);
  for (const tree of workspaces) results.set(tree.label, checkWorkspace(tree));
  trees = trees.filter((tree) => !workspaces.includes(tree));
  // A tree with tsconfig `paths` or a `baseUrl` (a Nest project's `src/...` imports) gets a program of its own.
  const own = (tree: OracleTree): boolean => pathsOf(tree) !== undefined || baseUrlOf(tree) !== undefined;
  const plain = trees.filter((tree) => !own(tree));
  if (plain.length > 0) for (const [label, result] of checkTrees(plain, undefined)) results.set(label, result);
  for (const tree of trees.filter(own)) for (const [label, result] of checkTrees([tree], pathsOf(tree), undefined, baseUrlOf(tree))) results.set(label, result);
  return results;
}

function checkTrees(
  trees: readonly OracleTree[],
  paths: Record<string, string[]> | undefined,
  only?: (path: string) => boolean,
  baseUrl?: string,
): Map<string, OracleResult> {
  const project = new Project({
    useInMemoryFileSystem: true,
    skipAddingFilesFromTsConfig: true,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      allowJs: true,
      allowImportingTsExtensions: true,
      noEmit: true,
      esModuleInterop: true,
      allowSyntheticDefaultImports: true,
      skipLibCheck: true,
      strict: false,
      jsx: ts.JsxEmit.Preserve,
      lib: ['lib.es2022.d.ts'],
      types: [],
      ...(paths || baseUrl !== undefined ? { paths: treePaths(paths, `/${folderOf(trees[0]?.label ?? '')}`, baseUrl !== undefined) } : {}),
      ...(baseUrl !== undefined ? { baseUrl: posix.join(`/${folderOf(trees[0]?.label ?? '')}`, baseUrl) } : {}),
    },
  });
  for (const [path, text] of STUB_FILES) project.createSourceFile(path, text);
  const roots = new Map<string, OracleTree>();
  const inspected = new Set<string>();
  for (const tree of trees) {
    const folder = folderOf(tree.label);
    roots.set(folder, tree);
    const rules = ignore().add([tree.files.get('.gitignore') ?? '', ...notSource(tree)].join('\n'));
    for (const [path, text] of sourceFiles(tree)) {
      // Ignored files still resolve imports (a git-ignored singleton); only the rest are inspected for sites.
      if (!rules.ignores(path) && (only?.(path) ?? true)) inspected.add(`/${folder}/${path}`);
      const name = COMPONENT.test(path) ? `${path}.ts` : path;
      project.createSourceFile(`/${folder}/${name}`, COMPONENT.test(path) ? scriptOnly(path, text) : text);
    }
    // A package the tree installs itself (its types and manifest) resolves as installed; it is never inspected.
    for (const [path, text] of tree.files) {
      if (!/(^|\/)node_modules\//.test(path)) continue;
      if (path.endsWith('.d.ts')) project.createSourceFile(`/${folder}/${path}`, text);
      else if (path.endsWith('/package.json')) project.getFileSystem().writeFileSync(`/${folder}/${path}`, text);
    }
  }
  const checker = project.getTypeChecker().compilerObject;
  const results = new Map<string, OracleResult>(trees.map((t) => [t.label, { sites: [], unresolved: [] }]));
  for (const file of project.getSourceFiles()) {
    const [folder, ...rest] = file.getFilePath().slice(1).split('/');
    const tree = folder === undefined ? undefined : roots.get(folder);
    const result = tree ? results.get(tree.label) : undefined;
    if (!result) continue;
    const path = rest.join('/').replace(/(\.(?:vue|svelte|astro))\.ts$/, '$1');
    if (inspected.has(`/${folder}/${path}`)) inspect(file.compilerNode, checker, path, result);
  }
  for (const result of results.values()) result.sites.sort();
  return results;
}

function inspect(sourceFile: ts.SourceFile, checker: ts.TypeChecker, path: string, result: OracleResult): void {
  const at = (node: ts.Node): string => {
    const { line, character } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
    return `${path}:${line + 1}:${character + 1}`;
  };
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node) && isClient(checker.getTypeAtLocation(node), checker)) result.sites.push(at(node));
    if (ts.isCallExpression(node) && isReflectConstruct(node, checker)) {
      const [target] = node.arguments;
      if (target && constructsClient(checker.getTypeAtLocation(target), checker)) result.sites.push(at(node));
    }
    if (ts.isHeritageClause(node) && node.token === ts.SyntaxKind.ExtendsKeyword && ts.isClassLike(node.parent)) {
      const [base] = node.types;
      if (base && constructsClient(checker.getTypeAtLocation(base.expression), checker)) result.sites.push(at(base));
    }
    const specifier = moduleSpecifierOf(node);
    if (specifier && mustResolve(specifier.text) && !checker.getSymbolAtLocation(specifier)) result.unresolved.push(`${path}: ${specifier.text}`);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
}

/** An instance of the stub client's class, or of a class derived from it (unions: any member); never the class itself. */
function isClient(type: ts.Type, checker: ts.TypeChecker, depth = 0): boolean {
  if (depth > 8) return false;
  if (type.isUnion() || type.isIntersection()) return type.types.some((t) => isClient(t, checker, depth + 1));
  if (!(type.flags & ts.TypeFlags.Object)) return false;
  const object = type as ts.ObjectType;
  const target = object.objectFlags & ts.ObjectFlags.Reference ? (object as ts.TypeReference).target : object;
  // An instance type is the class's declared type; `typeof PrismaClient` is an anonymous type with the same symbol.
  if (!(target.objectFlags & ts.ObjectFlags.Class)) return false;
  const symbol = target.getSymbol();
  const stub = (d: ts.Declaration): boolean =>
    ts.isClassDeclaration(d) && d.name?.text === 'PrismaClient' && d.getSourceFile().fileName.startsWith('/node_modules/@prisma/client/');
  if (symbol?.declarations?.some(stub)) return true;
  return checker.getBaseTypes(target as ts.InterfaceType).some((base) => isClient(base, checker, depth + 1));
}

function constructsClient(type: ts.Type, checker: ts.TypeChecker): boolean {
  return type.getConstructSignatures().some((signature) => isClient(signature.getReturnType(), checker));
}

/** `Reflect.construct(...)` where `Reflect` is the library's. */
function isReflectConstruct(node: ts.CallExpression, checker: ts.TypeChecker): boolean {
  const callee = node.expression;
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'construct') return false;
  const declarations = checker.getSymbolAtLocation(callee.name)?.declarations ?? [];
  return declarations.some((d) => /\/lib\.[\w.]*d\.ts$/.test(d.getSourceFile().fileName) && d.getSourceFile().fileName.includes('reflect'));
}

function moduleSpecifierOf(node: ts.Node): ts.StringLiteral | undefined {
  if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
    const typeOnly = ts.isImportDeclaration(node) ? node.importClause?.isTypeOnly : node.isTypeOnly;
    return typeOnly ? undefined : node.moduleSpecifier;
  }
  return undefined;
}

/** Specifiers the oracle must resolve to be trusted: the project's own modules and Prisma's packages. */
function mustResolve(specifier: string): boolean {
  return specifier.startsWith('.') || specifier.startsWith('@prisma/') || specifier.startsWith('@/') || specifier.startsWith('~/');
}

/** The tree's sources, minus node_modules and .git. */
function sourceFiles(tree: OracleTree): Array<[string, string]> {
  return [...tree.files].filter(([path]) => SOURCE.test(path) && !/(^|\/)(node_modules|\.git)\//.test(path));
}

/** The script blocks of a component (frontmatter for Astro), everything else blanked at the same offsets. */
function scriptOnly(path: string, text: string): string {
  const keep = new Array<boolean>(text.length).fill(false);
  const pattern = path.endsWith('.astro') ? /^---\r?\n([\s\S]*?)\r?\n---/g : /<script[^>]*>([\s\S]*?)<\/script>/g;
  for (const match of text.matchAll(pattern)) {
    const start = (match.index ?? 0) + match[0].indexOf(match[1] ?? '');
    for (let i = start; i < start + (match[1]?.length ?? 0); i += 1) keep[i] = true;
  }
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i] ?? '';
    out += keep[i] || ch === '\n' || ch === '\r' ? ch : ' ';
  }
  return out;
}

/** What the project declares is not source, as .gitignore lines: its build output (tsconfig `outDir`, framework folders). */
function notSource(tree: OracleTree): string[] {
  const text = tree.files.get('tsconfig.json');
  const config = text ? (ts.parseConfigFileTextToJson('tsconfig.json', text).config as { compilerOptions?: { outDir?: string } } | undefined) : undefined;
  const outDir = config?.compilerOptions?.outDir;
  return ['/.next/', '/.nuxt/', '/.svelte-kit/', '/.output/', '/.turbo/', '/.vercel/', ...(outDir ? [`/${posix.normalize(outDir)}/`] : [])];
}

/** The tsconfig's `baseUrl`, under which bare specifiers name project modules. */
function baseUrlOf(tree: OracleTree): string | undefined {
  const text = tree.files.get('tsconfig.json');
  if (!text) return undefined;
  const config = ts.parseConfigFileTextToJson('tsconfig.json', text).config as { compilerOptions?: { baseUrl?: string } } | undefined;
  return config?.compilerOptions?.baseUrl;
}

/**
 * A config's `paths`; at the root, a JavaScript project's jsconfig.json stands in for a missing tsconfig.json, and a
 * SvelteKit app gets the `$lib` its generated tsconfig (absent from a checkout) would give the checker.
 */
function pathsOf(tree: OracleTree, tsconfig = 'tsconfig.json'): Record<string, string[]> | undefined {
  const text = tree.files.get(tsconfig) ?? (tsconfig === 'tsconfig.json' ? tree.files.get('jsconfig.json') : undefined);
  const config = text
    ? (ts.parseConfigFileTextToJson('tsconfig.json', text).config as { compilerOptions?: { paths?: Record<string, string[]> } } | undefined)
    : undefined;
  const kit = tsconfig === 'tsconfig.json' && (tree.files.get('package.json') ?? '').includes('"@sveltejs/kit"');
  const framework = kit ? { $lib: ['./src/lib'], '$lib/*': ['./src/lib/*'] } : undefined;
  // package.json subpath imports (`#prisma/*`), which the checker's Node10 resolution does not read, as paths.
  const subpaths = tsconfig === 'tsconfig.json' ? subpathImports(tree.files.get('package.json')) : undefined;
  const paths = config?.compilerOptions?.paths;
  return paths || framework || subpaths ? { ...framework, ...subpaths, ...paths } : undefined;
}

/**
 * The paths of a tree's program: its own made absolute, and, under a `baseUrl`, `node_modules/...` written as a bare
 * path (an editor's auto-import), which reaches the stub packages at the in-memory root rather than under the tree.
 */
function treePaths(paths: Record<string, string[]> | undefined, folder: string, baseUrl: boolean): Record<string, string[]> {
  return { ...(paths ? absolutePaths(paths, folder) : {}), ...(baseUrl ? { 'node_modules/*': ['/node_modules/*'] } : {}) };
}

function subpathImports(packageJson: string | undefined): Record<string, string[]> | undefined {
  const imports = packageJson ? (JSON.parse(packageJson) as { imports?: Record<string, unknown> }).imports : undefined;
  const entries = Object.entries(imports ?? {}).flatMap(([pattern, target]) => (typeof target === 'string' ? [[pattern, [target]] as [string, string[]]] : []));
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/** tsconfig `paths` targets made absolute in the in-memory tree, so that no `baseUrl` is needed. */
function absolutePaths(paths: Record<string, string[]>, folder: string): Record<string, string[]> {
  return Object.fromEntries(Object.entries(paths).map(([pattern, targets]) => [pattern, targets.map((t) => posix.join(folder, t))]));
}

function folderOf(label: string): string {
  return posix.normalize(label.replace(/[^\w.-]+/g, '_'));
}

/**
 * A workspace is checked package by package, as each package's own compiler would see it: its tsconfig `paths`
 * (relative to its folder), and the other packages by name (their package.json `exports` or `main`, else
 * `src/index.ts`). Each program inspects only the files of its package; the root's own files get a program too.
 */
function checkWorkspace(tree: OracleTree): OracleResult {
  const dirs = workspaceDirs(tree);
  const byName: Record<string, string[]> = {};
  for (const dir of dirs) {
    const manifest = JSON.parse(tree.files.get(`${dir}/package.json`) ?? '{}') as { name?: string; main?: string; exports?: unknown };
    const dot = typeof manifest.exports === 'object' && manifest.exports !== null ? (manifest.exports as Record<string, unknown>)['.'] : manifest.exports;
    const entry = typeof dot === 'string' ? dot : (manifest.main ?? 'src/index.ts');
    if (manifest.name) byName[manifest.name] = [posix.join(dir, entry)];
  }
  const owner = (path: string): string => dirs.filter((dir) => path.startsWith(`${dir}/`)).sort((a, b) => b.length - a.length)[0] ?? '';
  const merged: OracleResult = { sites: [], unresolved: [] };
  for (const dir of [...dirs, '']) {
    const own = dir === '' ? undefined : pathsOf(tree, `${dir}/tsconfig.json`);
    const local = Object.fromEntries(Object.entries(own ?? {}).map(([pattern, targets]) => [pattern, targets.map((t) => posix.join(dir, t))]));
    const result = checkTrees([tree], { ...byName, ...local }, (path) => owner(path) === dir).get(tree.label);
    merged.sites.push(...(result?.sites ?? []));
    merged.unresolved.push(...(result?.unresolved ?? []));
  }
  merged.sites.sort();
  return merged;
}

/** The package folders a root package.json `workspaces` or pnpm-workspace.yaml names (`apps/*` style globs). */
function workspaceDirs(tree: OracleTree): string[] {
  const manifest = JSON.parse(tree.files.get('package.json') ?? '{}') as { workspaces?: string[] | { packages?: string[] } };
  const declared = Array.isArray(manifest.workspaces) ? manifest.workspaces : (manifest.workspaces?.packages ?? []);
  const pnpm = [...(tree.files.get('pnpm-workspace.yaml') ?? '').matchAll(/^\s*-\s*["']?([^"'\n]+?)["']?\s*$/gm)].map((m) => m[1] ?? '');
  const patterns = [...declared, ...pnpm].map((glob) => new RegExp(`^${glob.replace(/\*\*/g, '.+').replace(/\*/g, '[^/]+')}$`));
  const dirs = [...tree.files.keys()].filter((path) => path.endsWith('/package.json')).map((path) => posix.dirname(path));
  return dirs.filter((dir) => patterns.some((pattern) => pattern.test(dir))).sort();
}
