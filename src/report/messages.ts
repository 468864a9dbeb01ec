import type { ReasonId, SkipReason, SkipRule, WarningKind } from '../core/types.js';

/** The one table that turns reason ids into words; tests assert ids, people read these. */
export const REASONS: Readonly<Record<ReasonId, string>> = {
  'role-test': 'test file: runs as its own process and keeps its own client (--all includes it)',
  'role-seed': 'seed script: runs as its own process and keeps its own client (--all includes it)',
  'role-script': 'script: runs as its own process and keeps its own client (--all includes it)',
  'ignore-comment': 'marked intentional with // prisma-singleton-codemod-ignore',
  'edge-runtime': 'edge runtime: a client per request is how edge code runs; not rewritten',
  'several-exported-clients':
    'one of several clients this module exports (another transport, another database): mark each one kept on purpose with // prisma-singleton-codemod-ignore, and the module becomes the singleton, sharing the one left unmarked',
  'options-not-portable': 'its options use local values that cannot move into the shared module; share the client by hand',
  'connection-options-differ':
    "its connection options differ from the singleton's (another database, URL or adapter); keep it with // prisma-singleton-codemod-ignore, or share it by hand",
  'javascript-cannot-load-typescript': 'a JavaScript file that Node runs by itself cannot load the TypeScript singleton (or Nest provider); left as it is',
  'env-changed-before-client':
    'its options read the environment, and code above it in this file changes the environment first; the shared client would read it earlier: load the environment before anything imports the singleton, then migrate this site',
  'reassigned-binding': 'the variable is assigned again later; replace the client by hand',
  'unsupported-position': 'this form is not rewritten automatically; import the singleton by hand',
  'dynamic-not-async': 'created after a dynamic import where `await` is not allowed; import the singleton by hand',
  'client-subclass': 'a subclass of PrismaClient constructs a client (each `new` and each `super()`); make it the one shared instance by hand',
  'client-class-handed-on':
    'the client class is handed to code that builds it (a dependency-injection container: each resolve or consumer may be one more client); register the one shared instance instead (useValue, registerInstance, asValue, toConstantValue)',
  'reflect-construct': 'Reflect.construct builds a client; use the singleton by hand',
  'unresolved-constructor':
    'constructs through a value the tool cannot pin down (a conditional, a call, a Proxy, a reassigned or typed variable); share the client by hand',
  'undeclared-client':
    "PrismaClient is neither imported nor declared in this file (a framework's auto-import, such as Nuxt's, or a global); share the client by hand",
  'unresolved-client-module':
    'PrismaClient comes from a module the tool cannot resolve (an alias only a framework or bundler config declares, or a package package.json does not list); share the client by hand, or declare the alias in tsconfig paths',
  'edge-client-unknown-runtime':
    "built from the edge entry (@prisma/client/edge) in a file nothing marks as edge code (no runtime = 'edge', not middleware, not a Workers module): on Node, share the client by hand; on an edge runtime, mark the line // prisma-singleton-codemod-ignore",
  'accessor-singleton': "the project's singleton hands its client out through a function (`usePrisma()`, `getPrismaClient()`): call it here instead, by hand",
  'nest-shared-provider':
    'a Nest provider builds its own client, and the application depends on a package that exports a provider (a subclass of PrismaClient: the provider of a workspace package, or PrismaService of nestjs-prisma): inject that one through the constructor by hand; no second provider is created',
  'package-client':
    "PrismaClient comes from a package the tool does not read (it never looks in node_modules); if it is Prisma's client, use the singleton by hand, else mark the line // prisma-singleton-codemod-ignore",
  'project-reexport': 'constructs a client that a project module passes on; import the singleton by hand',
  'component-file': 'in a component file (.vue, .svelte, .astro script); not rewritten: import the singleton by hand',
  'file-not-written': 'its file was not written (it is named among the skipped files, with why); replace the client by hand',
  'nest-inject': 'a Nest provider constructs its own client, outside dependency injection; apply injects PrismaService through its constructor',
  'nest-other-application':
    "the provider belongs to another Nest application (another process), whose module this application's root module never imports; give this application a provider of its own, or share one from a library module, by hand",
  'nest-extra-provider':
    "PrismaService registered again in this module's providers: each registration is one more instance and connection pool; apply removes it (PrismaModule provides it)",
  'nest-client-provider':
    "PrismaClient itself registered in this module's providers: Nest builds one more client for it; register PrismaService (PrismaModule) instead and inject it by that type",
  'nest-provider-use-class':
    "PrismaService given as useClass in this module's providers: Nest builds one more instance, with its own connection pool, for that token; give the token the one instance (useExisting: PrismaService) and import PrismaModule",
  'nest-client-controller':
    "a client class listed in this module's controllers: Nest builds one more instance, with its own connection pool, for each listing; take it out of controllers (PrismaModule provides it) and inject it where it is used",
  'nest-outside-di':
    "constructs a client outside Nest's dependency injection; inject PrismaService into a provider, or reach the one instance with app.get(PrismaService) after NestFactory.create",
  'nest-inject-by-hand':
    'inside a Nest provider, in a form not rewritten automatically (a local, a static member, a subclass without a constructor, a name in use); inject PrismaService through the constructor by hand',
};

/**
 * What a site is, in the words a report line starts with: a `new` for most, but a `Reflect.construct`, a class
 * handed to a container or listed in a Nest module are no `new` the reader would find. (A subclass's sites are its
 * `extends` clause and each `new` of it, under one reason: they keep the `new` label.)
 */
export function siteLabel(reason: ReasonId | undefined): string {
  switch (reason) {
    case 'reflect-construct':
      return 'Reflect.construct(PrismaClient)';
    case 'client-class-handed-on':
      return 'client class handed on';
    case 'nest-client-provider':
    case 'nest-provider-use-class':
      return 'client class provided';
    case 'nest-client-controller':
      return 'client class in controllers';
    case 'nest-extra-provider':
      return 'extra provider';
    default:
      return 'new PrismaClient()';
  }
}

/** The skip rules, as the summary names them. */
export const SKIP_RULES: Readonly<Record<SkipRule, string>> = {
  gitignore: 'ignored by .gitignore',
  'build-output': 'build output',
  'generated-client': 'the generated client',
  'editor-history': "an editor's local history of old file versions",
};

/** Why a file was passed over. */
export const SKIP_REASONS: Readonly<Record<SkipReason, string>> = {
  'parse-error': 'does not parse; left untouched',
  'invalid-utf8': 'is not valid UTF-8; left untouched',
  utf16: 'is UTF-16 text that mentions PrismaClient; save it as UTF-8 to migrate it; left untouched',
  binary: 'looks binary; left untouched',
  'too-large': 'is larger than 5 MB; left untouched',
  'too-deeply-nested': 'is nested too deeply to analyse; left untouched',
  unreadable: 'could not be read',
  'symlink-outside': 'is a symbolic link to outside the project; never written',
  'not-a-file': 'is not a regular file; not read',
  'broken-link': 'is a symbolic link that leads nowhere; nothing to read',
  'hard-links': 'has other hard links, and replacing it would split them; not written: rewrite it by hand, or remove the other links and run again',
  'owner-not-kept': 'belongs to an owner this run cannot give the new file; not written: run as that user or as root',
};

/** What sharing one client changes around a site; `detail` fills in names where the message has them. */
export function warningText(kind: WarningKind, detail: string | undefined): string {
  switch (kind) {
    case 'disconnect-removed':
      return 'removed $disconnect(): on the shared client it would close the connection pool for every other request';
    case 'disconnect-kept':
      return '$disconnect() now closes the shared client for everyone and could not be removed safely; remove it by hand';
    case 'use-middleware':
      return '$use() middleware now runs for every query in the process (and $use is gone in Prisma 5+: move it to $extends)';
    case 'on-listener':
      return '$on() now adds a listener to the one shared client for the whole process; register it once, next to the singleton';
    case 'options-dropped':
      return `dropped ${detail ?? 'logging options'}: the shared client keeps its own logging (a singleton this tool creates logs error and warn in development, error otherwise)`;
    case 'nest-import-by-hand':
      return `import ${detail ?? 'PrismaModule where the provider is injected'} by hand: the tool could not find that module`;
  }
}
