import type { ReasonId, SkipReason, WarningKind } from '../core/types.js';

/** The one table that turns reason ids into words; tests assert ids, people read these. */
export const REASONS: Readonly<Record<ReasonId, string>> = {
  'role-test': 'test file: runs as its own process and keeps its own client (--all includes it)',
  'role-seed': 'seed script: runs as its own process and keeps its own client (--all includes it)',
  'role-script': 'script: runs as its own process and keeps its own client (--all includes it)',
  'ignore-comment': 'marked intentional with // prisma-singleton-codemod-ignore',
  'edge-runtime': 'edge runtime: a client per request is how edge code runs; not rewritten',
  'options-not-portable': 'its options use local values that cannot move into the shared module; share the client by hand',
  'connection-options-differ':
    "its connection options differ from the singleton's (another database, URL or adapter); keep it with // prisma-singleton-codemod-ignore, or share it by hand",
  'javascript-cannot-load-typescript': 'a JavaScript file that Node runs by itself cannot load the TypeScript singleton; left as it is',
  'env-changed-before-client':
    'its options read the environment, and code above it in this file changes the environment first; the shared client would read it earlier: load the environment before anything imports the singleton, then migrate this site',
  'reassigned-binding': 'the variable is assigned again later; replace the client by hand',
  'unsupported-position': 'this form is not rewritten automatically; import the singleton by hand',
  'dynamic-not-async': 'created after a dynamic import where `await` is not allowed; import the singleton by hand',
};

/** Why a file was passed over. */
export const SKIP_REASONS: Readonly<Record<SkipReason, string>> = {
  'parse-error': 'does not parse; left untouched',
  'invalid-utf8': 'is not valid UTF-8; left untouched',
  utf16: 'is UTF-16 text that mentions PrismaClient; save it as UTF-8 to migrate it; left untouched',
  binary: 'looks binary; left untouched',
  'too-large': 'is larger than 5 MB; left untouched',
  unreadable: 'could not be read',
  'symlink-outside': 'is a symbolic link to outside the project; never written',
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
      return `dropped ${detail ?? 'logging options'}: the singleton logs error and warn in development, error otherwise`;
  }
}
