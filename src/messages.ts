import type { ReasonId, SkipReason } from './types.js';

/** The one table that turns reason ids into words; tests assert ids, people read these. */
export const REASONS: Readonly<Record<ReasonId, string>> = {
  'role-test': 'test file: runs as its own process and keeps its own client (--all includes it)',
  'role-seed': 'seed script: runs as its own process and keeps its own client (--all includes it)',
  'role-script': 'script: runs as its own process and keeps its own client (--all includes it)',
  'ignore-comment': 'marked intentional with // prisma-singleton-codemod-ignore',
  'edge-runtime': 'edge runtime: a client per request is how edge code runs; not rewritten',
  'options-not-portable': 'its options use local values that cannot move into the shared module; share the client by hand',
  'connection-options-differ': "its connection options differ from the singleton's (another database, URL or adapter); keep it with // prisma-singleton-codemod-ignore, or share it by hand",
  'reassigned-binding': 'the variable is assigned again later; replace the client by hand',
  'unsupported-position': 'this form is not rewritten automatically; import the singleton by hand',
  'dynamic-not-async': 'created after a dynamic import where `await` is not allowed; import the singleton by hand',
};

/** Why a file was passed over. */
export const SKIP_REASONS: Readonly<Record<SkipReason, string>> = {
  'parse-error': 'does not parse; left untouched',
  'invalid-utf8': 'is not valid UTF-8; left untouched',
  binary: 'looks binary; left untouched',
  'too-large': 'is larger than 5 MB; left untouched',
  unreadable: 'could not be read',
  'symlink-outside': 'is a symbolic link to outside the project; never written',
};

/** Skip reasons that are problems with the input (exit 1) rather than information. */
export const PROBLEM_SKIPS: ReadonlySet<SkipReason> = new Set(['parse-error', 'invalid-utf8', 'binary', 'too-large', 'unreadable']);
