/**
 * A shortcut before the prefilter's token pass, for the commonest file that mentions PrismaClient and constructs
 * none: a repository or service that imports the type (`import type { PrismaClient }`, `import { type PrismaClient }`)
 * and names it in annotations (`db: PrismaClient`, `Promise<PrismaClient>`). True only when the text proves, without
 * lexing it, that the token pass would find no `PrismaClient` where a value can be read and no re-export: then
 * the file cannot construct a client (when no project module exports a client class: callers ask only then).
 *
 * Each whole-word `PrismaClient` must be one of:
 * - after a punctuator on the same line that ends no member access, destructuring or import list and hands no
 *   value on (`:`, `<`, `|`, `&`, `!`, `>`, `;`; but not `useClass:`, `=>`, `||` or `&&`), or after a word other than
 *   `as`, `import`, `export`, `new`, `extends` and `return` (`type`, `typeof`, `keyof`...): the token pass reads a
 *   value only after `.`, `?.`, `{` or `,`, in a value import or export list (where only `as`, `import` or `export`
 *   can come just before a name), right after `new`, `new (` or `extends` (a construction of a name the file may
 *   never import: an auto-import), or where it may be handed on (after `=`, `[`, `?`, `(`, `...`, `=>`, `||`, `&&`,
 *   `return`: token-pass.ts).
 * - inside an `import type { ... }` list: between the `{` and the name only names, commas and white space (so no
 *   comment or string starts or ends between them), and `import` first on its line.
 * Anything else (a `.`, a quote, a comment's end, `{` or `,` outside such a list, a line that starts with the name)
 * sends the file to the token pass, and so does a file none of whose mentions is in an import list: the name is not
 * declared there, and may be an auto-imported value. So does any `export` not followed by a declaration keyword, since `export {`
 * and `export *` may re-export a client module without naming PrismaClient as a value, and any `\u`, which can
 * spell the name in an identifier.
 */
export function onlyTypeMentions(text: string): boolean {
  // `P.Prisma\u0043lient` spells the name in an escape the search below would not see.
  if (text.includes('\\u')) return false;
  for (const match of text.matchAll(EXPORT)) if (!DECLARATION.test(text.slice(match.index + 6, match.index + 24))) return false;
  let [mentions, imported] = [0, false];
  for (const match of text.matchAll(NAME)) {
    if (!provedType(text, match.index)) return false;
    mentions += 1;
    imported ||= inImportList(text, match.index);
  }
  // A file that names it but never imports it may be using an auto-imported value (`const C = PrismaClient`).
  return mentions === 0 || imported;
}

const NAME = /\bPrismaClient\b/g;
const EXPORT = /\bexport\b/g;
/** What may follow `export` in a declaration (never a re-export). */
const DECLARATION = /^[ \t]+(?:const|let|var|function|class|interface|type|enum|default|async|abstract|declare)\b/;
const SAFE_PUNCTUATOR = new Set([':', '<', '|', '&', '!', '>', ';']);
/** Two-character operators that end in a safe punctuator and hand a value on (token-pass.ts HANDED_AFTER): `=>`, `||`, `&&`. */
const VALUE_OPERATORS = new Set(['=>', '||', '&&']);
const VALUE_WORDS = new Set(['as', 'import', 'export', 'new', 'extends', 'return']);
const WORD_CHAR = /[\w$]/;
const LIST_CHAR = /[\w$\s,]/;

function provedType(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i -= 1;
  const before = text[i];
  // After `(` (`register(PrismaClient`, `asClass(PrismaClient`: not in SAFE_PUNCTUATOR) or `useClass:` the name is a
  // value a container may build; any other `name: PrismaClient` is an annotation.
  if (before === ':' && wordBefore(text, i) === 'useClass') return false;
  if (VALUE_OPERATORS.has(text.slice(i - 1, i + 1))) return false;
  if (before !== undefined && SAFE_PUNCTUATOR.has(before)) return true;
  if (before !== undefined && WORD_CHAR.test(before)) return !VALUE_WORDS.has(wordBefore(text, i + 1));
  return inTypeImportList(text, at);
}

/** The word that ends just before `end`, after spaces and tabs ('' when a word does not end there). */
function wordBefore(text: string, end: number): string {
  let i = end - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i -= 1;
  let start = i + 1;
  while (start > 0 && WORD_CHAR.test(text[start - 1] ?? '')) start -= 1;
  return text.slice(start, i + 1);
}

/** In an import list: `import ... {` first on its line, then only names, commas and white space up to `at`. */
function inImportList(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && LIST_CHAR.test(text[i] ?? '')) i -= 1;
  if (text[i] !== '{') return false;
  const lineStart = text.lastIndexOf('\n', i) + 1;
  return /^[ \t]*import\b/.test(text.slice(lineStart, i));
}

/** `import type {` first on its line, then only names, commas and white space up to `at`. */
function inTypeImportList(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && LIST_CHAR.test(text[i] ?? '')) i -= 1;
  if (text[i] !== '{') return false;
  const lineStart = text.lastIndexOf('\n', i) + 1;
  return /^[ \t]*import[ \t]+type[ \t]*$/.test(text.slice(lineStart, i));
}
