import { posix } from 'node:path';
import { ts } from '#typescript';
import { climbsOut, type ExtensionRule } from '../core/paths.js';
import { configAliases, nuxtSrcDir, withFrameworkAliases } from './framework-aliases.js';
import { packageImports } from './package-imports.js';
import { appEntries, scriptEntries, seedPaths } from './script-entries.js';
import { parseSchemas, type SchemaText } from './prisma-schema.js';

/** What the tool needs from a project's package.json, tsconfig, Prisma schema and prisma.config.ts. */
export interface ProjectFacts {
  /** package.json says `"type": "module"`. */
  readonly esmPackage: boolean;
  /** The project has a tsconfig.json (it is a TypeScript project). */
  readonly typescript: boolean;
  /** The tsconfig compiles JavaScript files too (`allowJs`). */
  readonly allowJs: boolean;
  /** The tsconfig's `verbatimModuleSyntax`: a TypeScript file compiled to CommonJS must use `import x = require()`. */
  readonly verbatimModuleSyntax: boolean;
  /** The tsconfig's `module`, lower-cased ('' when unset). */
  readonly moduleKind: string;
  /** The extension rule Prisma's own generator would pick from the tsconfig; undefined without one. */
  readonly tsconfigExtension: ExtensionRule | undefined;
  /** `paths` aliases of the tsconfig, as `[pattern, firstTarget]` with targets relative to the root. */
  readonly pathAliases: readonly (readonly [string, string])[];
  /** The tsconfig's `baseUrl`, relative to the root (`.` for the root itself); undefined without one. */
  readonly baseUrl: string | undefined;
  /** Root-relative POSIX folders where the client generators of every schema write a client (never other generators'). */
  readonly clientOutputs: readonly string[];
  /** At least one schema file was found. */
  readonly schemaFound: boolean;
  /** The folder the tsconfig compiles from (`rootDir`, else one folder every `include` entry is in), root-relative. */
  readonly sourceRoot: string | undefined;
  /** Root-relative folders of the schema files found (`prisma`); they may climb out of the root. */
  readonly schemaFolders: readonly string[];
  /** Root-relative folders the project builds into: the tsconfig `outDir`, and `.next`, `.nuxt` and friends at the root. */
  readonly buildOutputs: readonly string[];
  /** The schema uses the Prisma 7 `prisma-client` generator. */
  readonly prismaClientGenerator: boolean;
  /** The datasource provider (`postgresql`, `mysql`, ...), if a schema was found. */
  readonly datasourceProvider: string | undefined;
  /** The variable the default connection reads: the schema's `url = env("...")`, or prisma.config.ts's `url` (Prisma 7). */
  readonly datasourceUrlEnv: string | undefined;
  /** Root-relative POSIX paths named by the seed command (package.json or prisma.config.ts). */
  readonly seedPaths: readonly string[];
  /** Root-relative entry files of edge runtimes (the `main` of wrangler's config). */
  readonly edgeEntries: readonly string[];
  /** Root-relative script files that package.json scripts run by path (`node scripts/x.js`, `tsx check-db.ts`). */
  readonly scriptEntries: readonly string[];
  /** Module keys of the application's own entries (script-entries.ts `appEntries`): never scripts. */
  readonly appEntries: readonly string[];
  /** The major version of `@prisma/client`/`prisma` the package declares, if any. */
  readonly prismaMajor: number | undefined;
  /** Dependency names declared by package.json (all kinds). */
  readonly dependencies: ReadonlySet<string>;
  /** Workspace packages whose entry re-exports PrismaClient (importing one is importing a client module), and the folders (`../../packages/db`) to the names of those the project depends on. */
  readonly clientPackages: readonly string[];
  readonly clientPackageDirs?: ReadonlyMap<string, string>;
}

/** The texts scan read for the facts above; each undefined when the file is absent. */
export interface ConfigTexts {
  readonly packageJson?: string;
  /** The tsconfig and the files it extends, nearest first, with root-relative paths. */
  readonly tsconfigs: readonly { readonly path: string; readonly text: string }[];
  /** Every schema file found, the one Prisma would use first. Paths are root-relative and may climb out of the root. */
  readonly schemas?: readonly SchemaText[];
  readonly prismaConfig?: string;
  /** wrangler.toml, wrangler.json or wrangler.jsonc: a Cloudflare Workers project. */
  readonly wrangler?: { readonly path: string; readonly text: string };
  /** nuxt.config.ts (or .js, .mjs): where Nuxt's `srcDir` and `alias` are set. */
  readonly nuxtConfig?: string;
  /** svelte.config.js (or .mjs, .ts): where SvelteKit's `kit.alias` is set. */
  readonly svelteConfig?: string;
}

/** Parses the JSON-with-comments of a tsconfig; undefined when it does not parse. */
function parseJsonc(path: string, text: string): Record<string, unknown> | undefined {
  const { config, error } = ts.parseConfigFileTextToJson(path, text);
  return !error && isRecord(config) ? config : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function field(record: Record<string, unknown> | undefined, key: string): Record<string, unknown> | undefined {
  const value = record?.[key];
  return isRecord(value) ? value : undefined;
}

function stringField(record: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = record?.[key];
  return typeof value === 'string' ? value : undefined;
}

/** The `extends` entries of a tsconfig text, as written. */
export function tsconfigExtends(path: string, text: string): string[] {
  const value = parseJsonc(path, text)?.['extends'];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Where package.json and prisma.config.ts say the schema is (root-relative), if they say. */
export function declaredSchemaPath(packageJson: string | undefined, prismaConfig: string | undefined): string | undefined {
  const fromPackage = stringField(field(parseJson(packageJson), 'prisma'), 'schema');
  if (fromPackage) return posix.normalize(fromPackage);
  const fromConfig = prismaConfig ? /\bschema\s*:\s*['"`]([^'"`]+)['"`]/.exec(prismaConfig)?.[1] : undefined;
  return fromConfig ? posix.normalize(fromConfig) : undefined;
}

function parseJson(text: string | undefined): Record<string, unknown> | undefined {
  if (!text) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Derives the project facts from the config texts. Pure. */
export function readProjectFacts(texts: ConfigTexts): ProjectFacts {
  const pkg = parseJson(texts.packageJson);
  const compilerOptions = mergedCompilerOptions(texts.tsconfigs);
  const schemas = texts.schemas ?? [];
  const schema = parseSchemas(schemas);
  const dependencies = new Map<string, string>();
  for (const key of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [name, range] of Object.entries(field(pkg, key) ?? {})) if (typeof range === 'string') dependencies.set(name, range);
  }
  const sourceRoot = sourceRootOf(compilerOptions, texts.tsconfigs);
  const outputs = buildOutputs(compilerOptions, texts.tsconfigs);
  const seedCommand =
    stringField(field(pkg, 'prisma'), 'seed') ?? (texts.prismaConfig ? /\bseed\s*:\s*['"`]([^'"`]+)['"`]/.exec(texts.prismaConfig)?.[1] : undefined);
  return {
    esmPackage: stringField(pkg, 'type') === 'module',
    typescript: texts.tsconfigs.length > 0,
    allowJs: compilerOptions['allowJs'] === true,
    verbatimModuleSyntax: compilerOptions['verbatimModuleSyntax'] === true,
    moduleKind: String(compilerOptions['module'] ?? '').toLowerCase(),
    tsconfigExtension: texts.tsconfigs.length > 0 ? extensionFromCompilerOptions(compilerOptions) : undefined,
    pathAliases: withFrameworkAliases([...pathAliases(compilerOptions, texts.tsconfigs), ...packageImports(pkg)], {
      svelteKit: dependencies.has('@sveltejs/kit'),
      nuxt: dependencies.has('nuxt') ? (majorOf(dependencies.get('nuxt')) ?? 0) : undefined,
      nuxtSrcDir: nuxtSrcDir(texts.nuxtConfig),
      configAliases: [...configAliases(texts.svelteConfig), ...configAliases(texts.nuxtConfig)],
    }),
    baseUrl: baseUrlOf(texts.tsconfigs),
    clientOutputs: [...new Set(schema.generators.flatMap((g) => (g.client && g.output !== undefined ? [g.output] : [])))],
    schemaFound: schemas.length > 0,
    sourceRoot,
    schemaFolders: [...new Set(schemas.map((s) => posix.dirname(s.path)))],
    buildOutputs: outputs,
    prismaClientGenerator: schema.generators.some((g) => g.provider === 'prisma-client'),
    datasourceProvider: schema.datasourceProvider,
    datasourceUrlEnv: schema.datasourceUrlEnv ?? configUrlEnv(texts.prismaConfig),
    edgeEntries: wranglerMain(texts.wrangler),
    scriptEntries: scriptEntries(field(pkg, 'scripts'), stringField(pkg, 'main')),
    appEntries: appEntries(field(pkg, 'scripts'), stringField(pkg, 'main'), { outputs, sourceRoot }),
    seedPaths: seedPaths(seedCommand, field(pkg, 'scripts'), stringField(pkg, 'main')),
    prismaMajor: majorOf(dependencies.get('@prisma/client') ?? dependencies.get('prisma')),
    dependencies: new Set(dependencies.keys()),
    clientPackages: [],
  };
}

/** `url: env('DATABASE_URL')` or `url: process.env.DATABASE_URL` in prisma.config.ts. */
function configUrlEnv(config: string | undefined): string | undefined {
  const match = config ? /\burl\s*:\s*(?:env\(\s*['"`](\w+)['"`]\s*\)|process\.env\.(\w+))/.exec(config) : undefined;
  return match?.[1] ?? match?.[2];
}

/** The `main` of a wrangler config: the Worker's entry file. */
function wranglerMain(config: ConfigTexts['wrangler']): string[] {
  if (!config) return [];
  const main = /\.toml(?:\.example)?$/.test(config.path)
    ? /^\s*main\s*=\s*["']([^"']+)["']/m.exec(config.text)?.[1]
    : stringField(parseJsonc(config.path, config.text), 'main');
  return main ? [posix.normalize(main)] : [];
}

function majorOf(range: string | undefined): number | undefined {
  const match = range ? /(\d+)/.exec(range) : null;
  return match?.[1] ? Number(match[1]) : undefined;
}

function mergedCompilerOptions(tsconfigs: ConfigTexts['tsconfigs']): Record<string, unknown> {
  // Nearest first: a nearer file's options win over what it extends.
  const merged: Record<string, unknown> = {};
  for (const config of [...tsconfigs].reverse()) Object.assign(merged, field(parseJsonc(config.path, config.text), 'compilerOptions'));
  return merged;
}

/** Prisma's generator rule: `.ts` when TS extensions are allowed, none for CommonJS or bundler resolution, else `.js`. */
function extensionFromCompilerOptions(options: Record<string, unknown>): ExtensionRule {
  if (options['allowImportingTsExtensions'] === true || options['rewriteRelativeImportExtensions'] === true) return 'ts';
  const module = String(options['module'] ?? '').toLowerCase();
  const resolution = String(options['moduleResolution'] ?? '').toLowerCase();
  if (resolution === 'bundler' || module === 'commonjs' || resolution === 'node' || resolution === 'node10') return 'none';
  if (module === '' && resolution === '') return 'none';
  return 'js';
}

/** `baseUrl` is relative to the tsconfig that sets it; the nearest one wins. */
function baseUrlOf(tsconfigs: ConfigTexts['tsconfigs']): string | undefined {
  for (const config of tsconfigs) {
    const baseUrl = stringField(field(parseJsonc(config.path, config.text), 'compilerOptions'), 'baseUrl');
    if (baseUrl !== undefined) return posix.normalize(posix.join(posix.dirname(config.path), baseUrl));
  }
  return undefined;
}

function pathAliases(options: Record<string, unknown>, tsconfigs: ConfigTexts['tsconfigs']): Array<readonly [string, string]> {
  const paths = field(options, 'paths');
  if (!paths) return [];
  const owner = tsconfigs.find((c) => field(field(parseJsonc(c.path, c.text), 'compilerOptions'), 'paths'));
  const base = posix.join(posix.dirname(owner?.path ?? 'tsconfig.json'), stringField(options, 'baseUrl') ?? '.');
  return Object.entries(paths).flatMap(([pattern, targets]) => {
    const first = Array.isArray(targets) ? targets.find((t): t is string => typeof t === 'string') : undefined;
    return first ? [[pattern, posix.normalize(posix.join(base, first))] as const] : [];
  });
}

/** `rootDir` (against the tsconfig that sets it), else the one top folder of every `include` entry; never the root. */
function sourceRootOf(options: Record<string, unknown>, tsconfigs: ConfigTexts['tsconfigs']): string | undefined {
  const rootDir = stringField(options, 'rootDir');
  const owner = tsconfigs.find((c) =>
    rootDir ? stringField(field(parseJsonc(c.path, c.text), 'compilerOptions'), 'rootDir') : parseJsonc(c.path, c.text)?.['include'],
  );
  const base = posix.dirname(owner?.path ?? 'tsconfig.json');
  const include = owner ? parseJsonc(owner.path, owner.text)?.['include'] : undefined;
  const tops = Array.isArray(include)
    ? [...new Set(include.map((entry) => (typeof entry === 'string' ? posix.normalize(posix.join(base, entry)).split('/')[0] : '')))]
    : [];
  const folder = rootDir ? posix.normalize(posix.join(base, rootDir)).replace(/\/$/, '') : tops.length === 1 ? tops[0] : undefined;
  return folder && folder !== '.' && !climbsOut(folder) && !/[*?{]/.test(folder) ? folder : undefined;
}

/** Folders frameworks build into, skipped at the project root only. */
const FRAMEWORK_OUTPUTS = ['.next', '.nuxt', '.svelte-kit', '.output', '.turbo', '.vercel'];

/** The framework build folders and the tsconfig `outDir` (resolved against the tsconfig that sets it), unless it is the root. */
function buildOutputs(options: Record<string, unknown>, tsconfigs: ConfigTexts['tsconfigs']): string[] {
  const outDir = stringField(options, 'outDir');
  if (outDir === undefined) return FRAMEWORK_OUTPUTS;
  const owner = tsconfigs.find((c) => stringField(field(parseJsonc(c.path, c.text), 'compilerOptions'), 'outDir') !== undefined);
  const folder = posix.normalize(posix.join(posix.dirname(owner?.path ?? 'tsconfig.json'), outDir)).replace(/\/$/, '');
  return folder === '.' || climbsOut(folder) ? FRAMEWORK_OUTPUTS : [...FRAMEWORK_OUTPUTS, folder];
}
