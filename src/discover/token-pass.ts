import { ts } from '#typescript';
import { BEFORE_DIVISION, BEFORE_REGEX } from './slash-context.js';

/*
 * The prefilter's token pass (prefilter.ts): what one file's code tokens say about PrismaClient, its imports and its
 * constructions, read with TypeScript's scanner so that comments, strings, template text and regular expressions
 * never count.
 */

/** What a module specifier is to the prefilter: a client module, a project module that exports a client class, or neither. */
export type Interest = (specifier: string, fromPath: string) => 'client' | 'project' | undefined;

/** What the token pass saw in code (never in comments, strings, template text or regular expressions). */
export interface Seen {
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
  /**
   * `PrismaClient` read as a value that may reach code that builds it: handed to a call or a container's `useClass:`
   * (`register(PrismaClient)`, `.to(P.PrismaClient)`), aliased (`const Db = PrismaClient`, `import { PrismaClient as Db }`).
   */
  handed: boolean;
  /** A value import, `require()` or `import()` of any module. */
  loads: boolean;
  /** `PrismaClient` in an import or export list (the file declares the name). */
  listed: boolean;
  /** `PrismaClient` read outside such lists and not as a member: with no list naming it, a name the file may never import. */
  loose: boolean;
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
  AsKeyword,
} = ts.SyntaxKind;

/** Tokens after which `PrismaClient` outside an import or export clause reads a value: a member, a destructured property. */
const BEFORE_MEMBER = new Set<number>([DotToken, QuestionDotToken, OpenBraceToken, CommaToken]);

export function seenInTokens(text: string, path: string, interest: Interest): Seen | 'unsure' {
  const seen = nothingSeen();
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  // Open braces of template substitutions (true) and of everything else (false), innermost last.
  const braces: boolean[] = [];
  let [before, previous, statement, typeOnly, clause] = [-1, -1, 'none', false, false] as [number, number, 'import' | 'export' | 'none', boolean, boolean];
  // The import clause binds the whole module: `* as P`, a default binding `pkg`, or `{ default as pkg }`.
  let wholeClause = false;
  let previousValue = '';
  const names: Names = { chainPrevious: -1, chainBefore: -1, clause: [], project: new Set(), handed: new Set() };
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
    if (kind === Identifier) noteName(names, value, previous, before, clause && statement === 'import');
    const { chainPrevious, chainBefore } = names;
    if (value === 'PrismaClient') notePrismaClient(seen, kind, { previous, before, chainPrevious, chainBefore, clause, typeOnly });
    // `PrismaClient as Db` in a value import list, `{ PrismaClient: Db } = require(...)`: the class goes by another name,
    // which may be handed on.
    if (previousValue === 'PrismaClient' && (clause ? kind === AsKeyword && !typeOnly : kind === ColonToken)) seen.handed = true;
    previousValue = value;
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
        const what = interest(value, path);
        note(seen, what, previous === FromKeyword && statement === 'export', call || (statement === 'import' && wholeClause));
        if (what === 'project' && statement === 'import') for (const name of names.clause) names.project.add(name);
      }
      if (previous === FromKeyword) [statement, names.clause] = ['none', []];
    }
    if (kind === SemicolonToken) statement = 'none';
    before = previous;
    previous = kind === RequireKeyword ? REQUIRE : kind === Identifier ? (NAMED_KINDS.get(value) ?? kind) : kind;
  }
  // A class a project module exports, imported by name and handed on (`register('Db', { useClass: Db })`).
  if ([...names.handed].some((name) => names.project.has(name))) seen.handed = true;
  return seen;
}

/**
 * What the pass keeps of names as it goes: where the current member chain began (`P.PrismaClient`: what stood before
 * `P`), the names the current import clause binds, those bound from a project module of interest, and every name read
 * where it may be handed on (HANDED_AFTER).
 */
interface Names {
  chainPrevious: number;
  chainBefore: number;
  clause: string[];
  readonly project: Set<string>;
  readonly handed: Set<string>;
}

function noteName(names: Names, value: string, previous: number, before: number, inImportClause: boolean): void {
  if (previous !== DotToken && previous !== QuestionDotToken) {
    names.chainPrevious = previous;
    names.chainBefore = before;
  }
  if (inImportClause) names.clause.push(value);
  else if (handedAfter(previous, before)) names.handed.add(value);
}

/** The tokens around one `PrismaClient`, and where the member chain it ends began. */
interface Around {
  readonly previous: number;
  readonly before: number;
  readonly chainPrevious: number;
  readonly chainBefore: number;
  readonly clause: boolean;
  readonly typeOnly: boolean;
}

/**
 * Tokens before an expression that reads a value it may hand on: an argument or an element (`(`, `,`, `[`, `...`), an
 * alias (`=`), what an arrow or a `return` gives back, either side of a choice (`?`, `||`, `??`, `&&`).
 */
const HANDED_AFTER = new Set<number>(
  (
    [
      'OpenParenToken',
      'CommaToken',
      'OpenBracketToken',
      'DotDotDotToken',
      'EqualsToken',
      'EqualsGreaterThanToken',
      'ReturnKeyword',
      'QuestionToken',
      'BarBarToken',
      'QuestionQuestionToken',
      'AmpersandAmpersandToken',
    ] as const
  ).map((name) => ts.SyntaxKind[name]),
);

function handedAfter(previous: number, before: number): boolean {
  return HANDED_AFTER.has(previous) || (previous === ColonToken && before === USE_CLASS);
}

/** What one `PrismaClient` token (a name, or a string) says about the file. */
function notePrismaClient(seen: Seen, kind: number, around: Around): void {
  const { previous, before, clause } = around;
  if (kind !== Identifier) {
    seen.needle = true;
    return;
  }
  if (previous === NewKeyword || previous === ExtendsKeyword || (previous === OpenParenToken && (before === NewKeyword || before === CONSTRUCT)))
    seen.bare = true;
  const member = previous === DotToken || previous === QuestionDotToken;
  // The class read as a value that may reach code that builds it: `register(PrismaClient)`, `const Db = P.PrismaClient`.
  if (!clause && (member ? handedAfter(around.chainPrevious, around.chainBefore) : handedAfter(previous, before))) seen.handed = true;
  if (clause) seen.listed = true;
  else if (!member) seen.loose = true;
  if (clause ? previous !== TypeKeyword && !around.typeOnly : BEFORE_MEMBER.has(previous)) seen.needle = true;
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

export function note(seen: Seen, what: 'client' | 'project' | undefined, reexport: boolean, whole: boolean): void {
  if (what === undefined) return;
  if (reexport) seen.reexport = true;
  else if (what === 'client') [seen.client, seen.whole] = [true, seen.whole || whole];
  else seen.project = true;
}
