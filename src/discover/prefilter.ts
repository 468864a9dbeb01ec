import { ts } from 'ts-morph';
import { isJsxPath } from '../core/paths.js';

/**
 * The texts that can start a client construction: `new PrismaClient`, a member `.PrismaClient` (namespace,
 * default interop, require), or a renamed binding (`PrismaClient as PC`, `{ PrismaClient: PC }`).
 */
const MAY_CONSTRUCT = /\bnew\s+PrismaClient\b|\.\s*PrismaClient\b|\bPrismaClient\s+as\s|\bPrismaClient\s*:/g;

/** Tokens after which a `/` surely starts a regular expression. */
const BEFORE_REGEX = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.OpenParenToken,
  ts.SyntaxKind.OpenBracketToken,
  ts.SyntaxKind.OpenBraceToken,
  ts.SyntaxKind.CommaToken,
  ts.SyntaxKind.SemicolonToken,
  ts.SyntaxKind.ColonToken,
  ts.SyntaxKind.QuestionToken,
  ts.SyntaxKind.EqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.ExclamationToken,
  ts.SyntaxKind.AmpersandAmpersandToken,
  ts.SyntaxKind.BarBarToken,
  ts.SyntaxKind.QuestionQuestionToken,
  ts.SyntaxKind.PlusToken,
  ts.SyntaxKind.MinusToken,
  ts.SyntaxKind.AsteriskToken,
  ts.SyntaxKind.EqualsGreaterThanToken,
  ts.SyntaxKind.ReturnKeyword,
  ts.SyntaxKind.TypeOfKeyword,
  ts.SyntaxKind.CaseKeyword,
  ts.SyntaxKind.DoKeyword,
  ts.SyntaxKind.ElseKeyword,
  ts.SyntaxKind.InKeyword,
  ts.SyntaxKind.NewKeyword,
  ts.SyntaxKind.DeleteKeyword,
  ts.SyntaxKind.VoidKeyword,
  ts.SyntaxKind.ThrowKeyword,
  ts.SyntaxKind.InstanceOfKeyword,
  ts.SyntaxKind.TemplateHead,
  ts.SyntaxKind.TemplateMiddle,
]);

/** Tokens after which a `/` surely divides. */
const BEFORE_DIVISION = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.Identifier,
  ts.SyntaxKind.NumericLiteral,
  ts.SyntaxKind.BigIntLiteral,
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.RegularExpressionLiteral,
]);

/**
 * Whether the file may construct a client in code, as opposed to only mentioning one in comments or strings.
 * A lexical pass that answers "maybe" (and the file is then parsed) whenever a match is in code, and also
 * whenever lexing alone could be wrong: for JSX files, and for any `/` whose meaning only the parser knows
 * (after `)`, `]`, `}`, `>` or a contextual keyword, as in `if (x) /re/.test(s)`).
 */
// Read once: property reads on the `ts` namespace are not free in a loop over every token of a file.
const { EndOfFileToken, SlashToken, SlashEqualsToken, OpenBraceToken, CloseBraceToken, TemplateHead, TemplateMiddle } = ts.SyntaxKind;

export function mayConstructClient(text: string, path: string): boolean {
  const matches = [...text.matchAll(MAY_CONSTRUCT)].map((m) => m.index);
  if (matches.length === 0) return false;
  if (isJsxPath(path)) return true;
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  // Open braces of template substitutions (true) and of everything else (false), innermost last.
  const braces: boolean[] = [];
  // Ranges that are not code: comments (the trivia before each token), strings, template text, regexes.
  const hidden: Array<readonly [number, number]> = [];
  let previous: ts.SyntaxKind | undefined;
  for (let kind = scanner.scan(); ; kind = scanner.scan()) {
    if (scanner.getTokenStart() > scanner.getTokenFullStart()) hidden.push([scanner.getTokenFullStart(), scanner.getTokenStart()]);
    if (kind === EndOfFileToken) break;
    if (kind === SlashToken || kind === SlashEqualsToken) {
      if (previous === undefined || BEFORE_REGEX.has(previous)) kind = scanner.reScanSlashToken();
      else if (!BEFORE_DIVISION.has(previous)) return true;
    } else if (kind === OpenBraceToken) {
      braces.push(false);
    } else if (kind === CloseBraceToken && braces.pop()) {
      kind = scanner.reScanTemplateToken(false);
    }
    if (kind === TemplateHead || kind === TemplateMiddle) braces.push(true);
    if (HIDING.has(kind)) hidden.push([scanner.getTokenStart(), scanner.getTokenEnd()]);
    previous = kind;
  }
  return matches.some((index) => index !== undefined && !hidden.some(([start, end]) => index >= start && index < end));
}

/** Tokens whose text is not code. */
const HIDING = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateHead,
  ts.SyntaxKind.TemplateMiddle,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.RegularExpressionLiteral,
]);
