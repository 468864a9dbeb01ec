import { ts } from '#typescript';
import { isJsxPath } from '../core/paths.js';
import { BEFORE_DIVISION, BEFORE_REGEX } from './slash-context.js';
import { loadsClientWhole } from './whole-loads.js';
import { onlyTypeMentions } from './type-only-mentions.js';

/** What a module specifier is to the prefilter: a client module, a project module that exports a client class, or neither. */
export type Interest = (specifier: string, fromPath: string) => 'client' | 'project' | undefined;

/** What the token pass saw in code (never in comments, strings, template text or regular expressions). */
interface Seen {
  /** `PrismaClient` where a value can be read: a non-type import or export specifier, `x.PrismaClient`, `{ PrismaClient }`, `'PrismaClient'`. */
  needle: boolean;
  /** `new`, `extends`, or `construct` (`Reflect.construct`). */
  construct: boolean;
  /** `export`, or `exports` (`module.exports`, `exports.x`). */
  exported: boolean;
  /** A value import, `require()` or `import()` of a client module, or of a project module of interest. */
  client: boolean;
  project: boolean;
  /** `export ... from` a module of interest. */
  reexport: boolean;
  /** A client module loaded whole: a namespace or default import (`default` in braces too), `require()` or `import()`. */
  whole: boolean;
  /** `new PrismaClient`, `new (PrismaClient`, `extends PrismaClient`, `construct(PrismaClient`: a construction even with no import. */
  bare: boolean;
  /** `PrismaClient` handed to a call or a container's `useClass:` (`register(PrismaClient)`, `.to(PrismaClient)`): it may build it. */
  handed: boolean;
  /** A value import, `require()` or `import()` of any module. */
  loads: boolean;
  /** `PrismaClient` in an import or export list (the file declares the name). */
  listed: boolean;
  /** `PrismaClient` read outside such lists and not as a member: with no list naming it, a name the file may never import. */
  loose: boolean;
}

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
  const undeclared = seen.loose && !seen.listed && seen.construct;
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

// Read once: property reads on the `ts` namespace are not free in a loop over every token of a file.
const {
  EndOfFileToken,
  SlashToken,
  SlashEqualsToken,
  OpenBraceToken,
  CloseBraceToken,
  TemplateHead,
  TemplateMiddle,
  Identifier,
  StringLiteral,
  NoSubstitutionTemplateLiteral,
  NewKeyword,
  ExtendsKeyword,
  ExportKeyword,
  ImportKeyword,
  TypeKeyword,
  FromKeyword,
  OpenParenToken,
  CommaToken,
  EqualsToken,
  SemicolonToken,
  ColonToken,
  RequireKeyword,
  DefaultKeyword,
  DotToken,
  QuestionDotToken,
  AsteriskToken,
} = ts.SyntaxKind;

/** Tokens after which `PrismaClient` outside an import or export clause reads a value: a member, a destructured property. */
const BEFORE_MEMBER = new Set<number>([DotToken, QuestionDotToken, OpenBraceToken, CommaToken]);

function seenInTokens(text: string, path: string, interest: Interest): Seen | 'unsure' {
  const seen = nothingSeen();
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  // Open braces of template substitutions (true) and of everything else (false), innermost last.
  const braces: boolean[] = [];
  let [before, previous, statement, typeOnly, clause] = [-1, -1, 'none', false, false] as [number, number, 'import' | 'export' | 'none', boolean, boolean];
  // The import clause binds the whole module: `* as P`, a default binding `pkg`, or `{ default as pkg }`.
  let wholeClause = false;
  for (let kind: number = scanner.scan(); kind !== EndOfFileToken; kind = scanner.scan()) {
    if (kind === SlashToken || kind === SlashEqualsToken) {
      if (previous === -1 || BEFORE_REGEX.has(previous)) kind = scanner.reScanSlashToken();
      else if (!BEFORE_DIVISION.has(previous)) return 'unsure';
    } else if (kind === OpenBraceToken) {
      braces.push(false);
    } else if (kind === CloseBraceToken && braces.pop()) {
      kind = scanner.reScanTemplateToken(false);
    }
    if (kind === TemplateHead || kind === TemplateMiddle) braces.push(true);
    // An import or export clause runs from the keyword to `from`, `=` or `;` (`export { a }`: to its `}`).
    if (previous === ImportKeyword && (kind === OpenParenToken || kind === DotToken)) clause = false;
    if (previous === ExportKeyword && kind !== OpenBraceToken && kind !== AsteriskToken && kind !== TypeKeyword) clause = false;
    const value = kind === Identifier || kind === StringLiteral || kind === NoSubstitutionTemplateLiteral ? scanner.getTokenValue() : '';
    if (value === 'PrismaClient') {
      if (
        kind === Identifier &&
        (previous === NewKeyword || previous === ExtendsKeyword || (previous === OpenParenToken && (before === NewKeyword || before === CONSTRUCT)))
      )
        seen.bare = true;
      if (kind === Identifier && !clause && (previous === OpenParenToken || previous === CommaToken || (previous === ColonToken && before === USE_CLASS)))
        seen.handed = true;
      if (kind === Identifier && clause) seen.listed = true;
      else if (kind === Identifier && previous !== DotToken && previous !== QuestionDotToken) seen.loose = true;
      if (kind !== Identifier) seen.needle = true;
      else if (clause ? previous !== TypeKeyword && !typeOnly : BEFORE_MEMBER.has(previous)) seen.needle = true;
    }
    if (kind === NewKeyword || kind === ExtendsKeyword || (kind === Identifier && value === 'construct')) seen.construct = true;
    if (kind === ExportKeyword || (kind === Identifier && value === 'exports')) seen.exported = true;
    if (clause && statement === 'import' && (kind === AsteriskToken || kind === DefaultKeyword || (previous === ImportKeyword && kind === Identifier)))
      wholeClause = true;
    if (kind === ImportKeyword || kind === ExportKeyword)
      [statement, typeOnly, clause, wholeClause] = [kind === ImportKeyword ? 'import' : 'export', false, true, false];
    // `import type X`, `import type {`, `export type {`: a type-only clause; `import type from 'x'` imports a value named type.
    if (previous === TypeKeyword && (before === ImportKeyword || before === ExportKeyword))
      typeOnly = kind !== FromKeyword && kind !== CommaToken && kind !== EqualsToken;
    if (kind === FromKeyword || kind === EqualsToken || kind === SemicolonToken || (kind === CloseBraceToken && statement === 'export')) clause = false;
    if (kind === StringLiteral || kind === NoSubstitutionTemplateLiteral) {
      const call = previous === OpenParenToken && (before === ImportKeyword || before === REQUIRE);
      if (call || (previous === FromKeyword && !typeOnly)) {
        seen.loads = true;
        note(seen, interest(value, path), previous === FromKeyword && statement === 'export', call || (statement === 'import' && wholeClause));
      }
      if (previous === FromKeyword) statement = 'none';
    }
    if (kind === SemicolonToken) statement = 'none';
    before = previous;
    previous = kind === RequireKeyword ? REQUIRE : kind === Identifier ? (NAMED_KINDS.get(value) ?? kind) : kind;
  }
  return seen;
}

function nothingSeen(): Seen {
  return {
    needle: false,
    construct: false,
    exported: false,
    client: false,
    project: false,
    reexport: false,
    whole: false,
    bare: false,
    handed: false,
    listed: false,
    loose: false,
    loads: false,
  };
}

/** A made-up kind for the identifier `require`, so that `require(` is told from any other call. */
const REQUIRE = -2;
/** The same for `construct` (`Reflect.construct(PrismaClient`). */
const CONSTRUCT = -3;
/** And for `useClass` (`{ useClass: PrismaClient }`). */
const USE_CLASS = -4;
const NAMED_KINDS = new Map([
  ['require', REQUIRE],
  ['construct', CONSTRUCT],
  ['useClass', USE_CLASS],
]);

function note(seen: Seen, what: 'client' | 'project' | undefined, reexport: boolean, whole: boolean): void {
  if (what === undefined) return;
  if (reexport) seen.reexport = true;
  else if (what === 'client') [seen.client, seen.whole] = [true, seen.whole || whole];
  else seen.project = true;
}

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
    handed: /(?:[(,]|\buseClass\s*:)\s*PrismaClient\b/.test(text),
  };
  for (const match of text.matchAll(RAW_SPECIFIER)) {
    const what = interest(match[2] ?? '', path);
    note(seen, what, false, false);
    if (what !== undefined && match[1] === 'from' && /\bexport\b/.test(text)) seen.reexport = true;
  }
  return seen;
}
