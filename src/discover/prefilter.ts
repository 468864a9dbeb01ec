import { isJsxPath } from '../core/paths.js';
import { type Interest, note, type Seen, seenInTokens } from './token-pass.js';
import { loadsClientWhole } from './whole-loads.js';
import { onlyTypeMentions } from './type-only-mentions.js';

export type { Interest } from './token-pass.js';

/**
 * Whether the file may construct a client: a lexical pass over the code tokens that answers "maybe" (and the file is
 * then parsed) whenever the analyser could report a site or learn a client class there. The analyser reports a site
 * only through a value import of a client module whose chain names `PrismaClient` where a value can be read (a
 * non-type import or export specifier, a member `x.PrismaClient`, a destructured property, a `'PrismaClient'`
 * string), or through a project module that exports a client class, and only at `new`, `extends` or
 * `Reflect.construct`; a file it may learn an exported client class from exports something, and so does a file that
 * passes a whole client module on (`import * as P` or `import pkg from` a client module, then `export { P }`,
 * `export default pkg`, `module.exports = require(...)`), with no `PrismaClient` in it at all. So: maybe when code has
 * a construction token and such an import, or an export or a construction token and a whole client module (whose
 * `P[key]` may be the constructor), or re-exports such a module, or reads `PrismaClient` from any module and constructs or
 * exports something (a package the tool does not read may be the client), or names `PrismaClient` right after `new` or `extends` (a name the file may never import: framework auto-imports, globals). It also
 * says maybe whenever lexing alone could be wrong: JSX files are matched as raw text, and a `/` whose meaning only
 * the parser knows (after `)`, `]`, `}`, `>` or a contextual keyword, as in `if (x) /re/.test(s)`) gives up.
 */
export function mayConstructClient(text: string, path: string, interest: Interest, projectModules = true): boolean {
  // Most files that only use the type need no token pass (type-only-mentions.ts); never when a project module may
  // export a client class, whose constructions name no PrismaClient at all.
  if (!projectModules && !isJsxPath(path) && onlyTypeMentions(text) && !loadsClientWhole(text, path, interest)) return false;
  // A construction in plain code needs no token pass to say maybe: the parser reads the file anyway.
  if (constructsInPlainCode(text)) return true;
  const seen = isJsxPath(path) ? seenInRawText(text, path, interest) : seenInTokens(text, path, interest);
  if (seen === 'unsure') return true;
  const imported = (seen.needle && seen.client) || seen.project;
  const undeclared = seen.loose && !seen.listed && (seen.construct || seen.handed);
  // PrismaClient read from a module the prefilter cannot classify (an alias only a framework config declares, a package
  // the tool does not read), constructed here or passed on (`export { PrismaClient } from 'pkg'`, `module.exports = { PrismaClient }`).
  const fromAnyModule = seen.needle && seen.loads && (seen.construct || seen.exported);
  return (
    seen.bare ||
    undeclared ||
    fromAnyModule ||
    seen.reexport ||
    (imported && (seen.construct || seen.exported || seen.handed)) ||
    (seen.whole && (seen.exported || seen.construct))
  );
}

/** `new PrismaClient(` or `new X.PrismaClient(`, the whole line before it code characters only (no comment or string). */
const PLAIN_CONSTRUCTION = /\bnew[ \t]+(?:[\w$]+[ \t]*\.[ \t]*)?PrismaClient[ \t]*\(/g;
const IMPORTS = /\b(?:import|require)\b/;
const CODE_PREFIX = /^[\w$ \t.=:(),{}[\]<>!?&|+-]*$/;

/**
 * Whether a construction of PrismaClient stands where only code can be, in a file that imports something: `new` on
 * a line whose text before it holds no quote, slash, star or backquote. Saying maybe is always safe; this only spares the token pass for files the
 * parser reads anyway (a line inside a multi-line comment or template is the rare file parsed for nothing).
 */
function constructsInPlainCode(text: string): boolean {
  // With no import or require at all, only a `new PrismaClient` the file never declares (an auto-import) is a site:
  // the token pass looks for that.
  if (!IMPORTS.test(text)) return false;
  for (const match of text.matchAll(PLAIN_CONSTRUCTION)) {
    const lineStart = text.lastIndexOf('\n', match.index) + 1;
    if (CODE_PREFIX.test(text.slice(lineStart, match.index))) return true;
  }
  return false;
}

/** `PrismaClient` (or `X.PrismaClient`) where token-pass.ts would see it handed on, and `PrismaClient as X`. */
const HANDED_RAW = /(?:[(,[=?]|=>|\|\||&&|\.\.\.|\breturn|\buseClass\s*:)\s*(?:[\w$]+\s*\??\.\s*)?PrismaClient\b|\bPrismaClient\s+as\s+[\w$]/;

const RAW_SPECIFIER = /\b(from|import|require)\s*\(?\s*['"`]([^'"`\n]+)['"`]/g;

/** JSX cannot be lexed without the parser: the same questions over the raw text, comments and strings included. */
function seenInRawText(text: string, path: string, interest: Interest): Seen {
  const seen: Seen = {
    needle: /\bPrismaClient\b/.test(text),
    construct: /\b(?:new|extends|construct)\b/.test(text),
    exported: /\bexports?\b/.test(text),
    client: false,
    project: false,
    reexport: false,
    whole: loadsClientWhole(text, path, interest),
    listed: false,
    loose: /\bPrismaClient\b/.test(text),
    loads: /\b(?:from|import|require)\s*\(?\s*['"`]/.test(text),
    bare: /\b(?:(?:new|extends)\s*\(?|construct\s*\()\s*PrismaClient\b/.test(text),
    handed: HANDED_RAW.test(text),
  };
  for (const match of text.matchAll(RAW_SPECIFIER)) {
    const what = interest(match[2] ?? '', path);
    note(seen, what, false, false);
    if (what !== undefined && match[1] === 'from' && /\bexport\b/.test(text)) seen.reexport = true;
  }
  return seen;
}
