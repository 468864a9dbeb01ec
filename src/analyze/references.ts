import { ts } from '#typescript';
import type { Scopes } from './scope.js';
import { isReference } from './scope.js';

/** `const X = new PrismaClient()` as the only declaration of its statement, or undefined. */
export interface SoleDeclaration {
  readonly statement: ts.VariableStatement;
  readonly declaration: ts.VariableDeclaration;
  readonly name: ts.Identifier;
}

/** The declaration whose whole initializer is `node`, when it is the statement's only one and names one identifier. */
export function findSoleDeclaration(node: ts.Expression): SoleDeclaration | undefined {
  const declaration = node.parent;
  if (!ts.isVariableDeclaration(declaration) || declaration.initializer !== node) return undefined;
  if (!ts.isIdentifier(declaration.name)) return undefined;
  const list = declaration.parent;
  const statement = list.parent;
  if (!ts.isVariableDeclarationList(list) || list.declarations.length !== 1 || !ts.isVariableStatement(statement)) {
    return undefined;
  }
  if (statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)) return undefined;
  return { statement, declaration, name: declaration.name };
}

/** True for `let`/`var` bindings that some statement assigns again (`x = ...`, `x += ...`, `x++`). */
export function isReassigned(name: ts.Identifier, scopes: Scopes): boolean {
  const list = name.parent.parent;
  if (ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Const) !== 0) return false;
  return findReferences(name, scopes).some(isWriteTarget);
}

function isWriteTarget(identifier: ts.Identifier): boolean {
  const parent = identifier.parent;
  if (ts.isBinaryExpression(parent)) {
    const op = parent.operatorToken.kind;
    return parent.left === identifier && op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment;
  }
  if (ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) {
    return parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken;
  }
  return false;
}

/** Every identifier in the file that refers to the binding declared by `name` (the declaration itself excluded). */
export function findReferences(name: ts.Identifier, scopes: Scopes): ts.Identifier[] {
  const found: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      if (node !== name && node.text === name.text && isReference(node) && scopes.findDeclaration(node.text, node) === name) {
        found.push(node);
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(name.getSourceFile());
  return found;
}

/** True when `node` runs where `await` is allowed: in an async function, or at a module's top level. */
export function canAwaitAt(node: ts.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current)) {
      const modifiers = ts.canHaveModifiers(current) ? ts.getModifiers(current) : undefined;
      return modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword) ?? false;
    }
    if (ts.isClassStaticBlockDeclaration(current)) return false;
  }
  return true;
}
