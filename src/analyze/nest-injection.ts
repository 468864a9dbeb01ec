import { ts } from '#typescript';
import type { ReasonId } from '../core/types.js';
import type { FileAnalysis, Site } from './analyze-file.js';
import { injectedDecorator } from './nest-classes.js';
import { findReferences, findSoleDeclaration, isReassigned } from './references.js';

/**
 * Where a construction stands in a NestJS file, which decides whether it can become an injected provider:
 * - `field`: `private prisma = new PrismaClient()` in a class Nest builds by injection;
 * - `assignment`: `this.prisma = new PrismaClient()` as a statement of such a class's constructor (with its field
 *   declaration, if any);
 * - `module-const`: `const prisma = new PrismaClient()` at the top of the file, read only inside instance members of
 *   such classes (each reference becomes `this.prisma`).
 * Anything else in such a class is for a person (`nest-inject-by-hand`), and outside one it is outside dependency
 * injection (`nest-outside-di`).
 */
export type Injection =
  | {
      readonly type: 'field';
      readonly site: Site;
      readonly owner: ts.ClassDeclaration;
      readonly member: ts.PropertyDeclaration;
      readonly name: string;
    }
  | {
      readonly type: 'assignment';
      readonly site: Site;
      readonly owner: ts.ClassDeclaration;
      readonly statement: ts.ExpressionStatement;
      readonly member: ts.PropertyDeclaration | undefined;
      readonly name: string;
    }
  | {
      readonly type: 'module-const';
      readonly site: Site;
      readonly statement: ts.VariableStatement;
      readonly name: ts.Identifier;
      /** Each reference, with the class whose instance it runs in. */
      readonly references: ReadonlyArray<{ readonly reference: ts.Identifier; readonly owner: ts.ClassDeclaration }>;
    };

/** The injection a site becomes, or why it cannot. */
export function placeInjection(site: Site, analysis: FileAnalysis): Injection | { readonly reason: ReasonId } {
  const { scopes } = analysis;
  const parent = site.node.parent;
  const owner = enclosingClassDeclaration(site.node);
  const injected = owner !== undefined && injectedDecorator(owner, scopes) !== undefined;
  if (injected && ts.isPropertyDeclaration(parent) && parent.initializer === site.node && ts.isIdentifier(parent.name)) {
    const name = parent.name.text;
    if (isStatic(parent) || ts.getDecorators(parent) || !memberIsFree(owner, name, parent)) return { reason: 'nest-inject-by-hand' };
    return { type: 'field', site, owner, member: parent, name };
  }
  const assignment = constructorAssignment(site.node);
  if (injected && assignment) {
    const member = owner.members.find(
      (m): m is ts.PropertyDeclaration => ts.isPropertyDeclaration(m) && ts.isIdentifier(m.name) && m.name.text === assignment.name,
    );
    if ((member && (member.initializer || ts.getDecorators(member))) || !memberIsFree(owner, assignment.name, assignment.statement)) {
      return { reason: 'nest-inject-by-hand' };
    }
    return { type: 'assignment', site, owner, statement: assignment.statement, member, name: assignment.name };
  }
  const sole = findSoleDeclaration(site.node);
  if (sole && sole.statement.parent === analysis.sourceFile && !isExported(sole.statement) && !isReassigned(sole.name, scopes)) {
    const references = findReferences(sole.name, scopes).map((reference) => ({ reference, owner: instanceOwner(reference) }));
    const inside = references.flatMap(({ reference, owner: at }) => (at && injectedDecorator(at, scopes) ? [{ reference, owner: at }] : []));
    if (references.length > 0 && inside.length === references.length)
      return { type: 'module-const', site, statement: sole.statement, name: sole.name, references: inside };
  }
  return { reason: injected ? 'nest-inject-by-hand' : 'nest-outside-di' };
}

/** `this.name = <site>;` as a statement directly in a constructor's body: the name and the statement. */
function constructorAssignment(node: ts.Node): { name: string; statement: ts.ExpressionStatement } | undefined {
  const binary = node.parent;
  if (!ts.isBinaryExpression(binary) || binary.operatorToken.kind !== ts.SyntaxKind.EqualsToken || binary.right !== node) return undefined;
  const left = binary.left;
  if (!ts.isPropertyAccessExpression(left) || left.expression.kind !== ts.SyntaxKind.ThisKeyword || !ts.isIdentifier(left.name)) return undefined;
  const statement = binary.parent;
  if (!ts.isExpressionStatement(statement) || !ts.isBlock(statement.parent) || !ts.isConstructorDeclaration(statement.parent.parent)) return undefined;
  return { name: left.name.text, statement };
}

/**
 * The name can move to a constructor parameter: no other member or parameter takes it, nothing else assigns
 * `this.name`, and no field initializer reads it (a parameter property is not there yet when fields initialise).
 */
function memberIsFree(owner: ts.ClassDeclaration, name: string, own: ts.Node): boolean {
  for (const member of owner.members) {
    if (member === own || member.name === undefined || !ts.isIdentifier(member.name) || member.name.text !== name) continue;
    // The field an assignment fills is the assignment's own declaration.
    if (!ts.isPropertyDeclaration(member) || !ts.isExpressionStatement(own)) return false;
  }
  const ctor = owner.members.find(ts.isConstructorDeclaration);
  if (ctor?.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === name)) return false;
  let free = true;
  const visit = (node: ts.Node, inInitializer: boolean): void => {
    if (!free) return;
    if (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword && node.name.text === name) {
      const assigned = ts.isBinaryExpression(node.parent) && node.parent.left === node && node.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken;
      const ownAssignment = ts.isExpressionStatement(own) && node.parent === own.expression;
      if ((assigned && !ownAssignment) || inInitializer) free = false;
    }
    // Functions defer their reads; a class of its own has another `this`.
    const deferred = ts.isFunctionLike(node) || ts.isClassLike(node);
    ts.forEachChild(node, (child) => visit(child, deferred ? false : inInitializer));
  };
  for (const member of owner.members) visit(member, ts.isPropertyDeclaration(member) && member !== own);
  return free;
}

/** The class whose instance `this` means at a reference, when the reference runs inside one of its instance members. */
function instanceOwner(reference: ts.Node): ts.ClassDeclaration | undefined {
  let deferred = false;
  for (let node = reference.parent; node; node = node.parent) {
    if (ts.isArrowFunction(node)) {
      deferred = true;
      continue;
    }
    if (ts.isParameter(node) && ts.isConstructorDeclaration(node.parent)) return undefined;
    const member = ts.isPropertyDeclaration(node)
      ? deferred
      : ts.isMethodDeclaration(node) || ts.isGetAccessor(node) || ts.isSetAccessor(node) || ts.isConstructorDeclaration(node);
    if (ts.isPropertyDeclaration(node) || member) return member && !isStatic(node) && ts.isClassDeclaration(node.parent) ? node.parent : undefined;
    if (ts.isFunctionLike(node) || ts.isClassLike(node) || ts.isClassStaticBlockDeclaration(node) || ts.isSourceFile(node)) return undefined;
  }
  return undefined;
}

function enclosingClassDeclaration(node: ts.Node): ts.ClassDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) if (ts.isClassDeclaration(current)) return current;
  return undefined;
}

function isStatic(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
}

function isExported(statement: ts.VariableStatement): boolean {
  return statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false;
}
