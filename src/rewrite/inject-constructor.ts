import { ts } from '#typescript';
import type { Edit } from './edits.js';
import type { CodeStyle } from './style.js';

/** A constructor parameter property to add: `private readonly prisma: PrismaService`. */
export interface InjectedParameter {
  readonly name: string;
  /** `private`, `protected` or `public`. */
  readonly accessibility: string;
  readonly type: string;
}

/**
 * The edit that adds parameter properties to a class's constructor, merged with what is there: the existing
 * parameters (their decorators and modifiers), the body and its `super(...)` call are kept, and the new parameters go
 * last, on their own lines when the list already spans lines. A class without a constructor gets one before its first
 * method (`constructor(private readonly prisma: PrismaService) {}`). Undefined when the class cannot take one safely:
 * it extends another class and has no constructor (the implicit one forwards every argument to `super`), or only
 * overload signatures.
 */
export function constructorEdit(
  owner: ts.ClassDeclaration,
  parameters: readonly InjectedParameter[],
  style: CodeStyle,
  removed: readonly Edit[],
): Edit | undefined {
  const text = owner.getSourceFile().text;
  const rendered = parameters.map((p) => `${p.accessibility} readonly ${p.name}: ${p.type}`);
  const constructors = owner.members.filter(ts.isConstructorDeclaration);
  const ctor = constructors.find((c) => c.body !== undefined);
  if (constructors.length > 1 || (constructors.length === 1 && !ctor)) return undefined;
  if (ctor) return mergeParameters(ctor, rendered, text, style);
  if (owner.heritageClauses?.some((h) => h.token === ts.SyntaxKind.ExtendsKeyword)) return undefined;
  const declaration = `constructor(${rendered.join(', ')}) {}`;
  const isGone = (member: ts.ClassElement): boolean => removed.some((edit) => edit.start <= member.getStart() && member.end <= edit.end);
  const kept = owner.members.filter((member) => !isGone(member));
  const firstMethod = kept.find((member) => !ts.isPropertyDeclaration(member) && !ts.isSemicolonClassElement(member));
  const indent = memberIndent(owner, text, style);
  if (firstMethod) {
    const at = lineStart(text, firstMethod.getFullStart() + leadingBlank(text, firstMethod));
    return { start: at, end: at, text: `${indent}${declaration}${style.eol}${style.eol}` };
  }
  const close = owner.members.end;
  const at = lineStart(text, close);
  const gap = kept.length > 0 ? style.eol : '';
  // `class A {}` on one line: open it.
  if (at <= owner.members.pos) return { start: close, end: close, text: `${style.eol}${indent}${declaration}${style.eol}` };
  return { start: at, end: at, text: `${gap}${indent}${declaration}${style.eol}` };
}

function mergeParameters(ctor: ts.ConstructorDeclaration, rendered: readonly string[], text: string, style: CodeStyle): Edit {
  const list = ctor.parameters;
  const last = list[list.length - 1];
  if (!last) return { start: list.pos, end: list.end, text: rendered.join(', ') };
  const first = list[0] ?? last;
  const open = text.lastIndexOf('(', first.getStart());
  const multiline = text.slice(open, first.getStart()).includes('\n');
  if (!multiline) return { start: last.end, end: last.end, text: rendered.map((p) => `, ${p}`).join('') };
  const indent = /[ \t]*$/.exec(text.slice(0, first.getStart()))?.[0] ?? style.indent;
  const lines = rendered.map((p) => `${style.eol}${indent}${p}`);
  if (list.hasTrailingComma) {
    const comma = text.indexOf(',', last.end);
    return { start: comma + 1, end: comma + 1, text: lines.map((line) => `${line},`).join('') };
  }
  return { start: last.end, end: last.end, text: lines.map((line) => `,${line}`).join('') };
}

/** The indentation of the class's members: the first member's, else one level below the class. */
function memberIndent(owner: ts.ClassDeclaration, text: string, style: CodeStyle): string {
  const [member] = owner.members;
  if (member) return /[ \t]*$/.exec(text.slice(0, member.getStart()))?.[0] ?? style.indent;
  const classIndent = /[ \t]*$/.exec(text.slice(0, owner.getStart()))?.[0] ?? '';
  return classIndent + style.indent;
}

/** Where the member's own lines begin: after the blank lines that separate it from the one before (its comments stay with it). */
function leadingBlank(text: string, member: ts.ClassElement): number {
  const trivia = text.slice(member.getFullStart(), member.getStart());
  const match = /^(?:[ \t]*\r?\n)*/.exec(trivia);
  return match?.[0].length ?? 0;
}

function lineStart(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1;
}
