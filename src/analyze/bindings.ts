import { ts } from '#typescript';
import type { FindingKind, ReasonId } from '../core/types.js';

/** Where a client comes from: how it was loaded, from which specifier, and which client it is. */
export interface Origin {
  readonly kind: FindingKind;
  readonly edge: boolean;
  /** The module specifier as written. */
  readonly module: string;
  /** Which client: a package name or the root-relative folder of a generated client. */
  readonly clientModule: string;
}

/**
 * A client class exported by a project file: a subclass, or a client constructor passed on; or (`form: 'module'`) a
 * whole client module passed on (`export * as db from '@prisma/client'`, `export default pkg`), whose `PrismaClient`
 * an importer reads; or (`form: 'namespace'`) a project module passed on whole (`export * as db from './db'`,
 * `import * as db` then `export { db }`), whose own client classes are `members`.
 */
export interface ExportedClass {
  readonly form: 'constructor' | 'module' | 'namespace';
  readonly clientModule: string;
  readonly edge: boolean;
  /** Why a construction through it is for a person: `client-subclass`, `project-reexport`, `unresolved-constructor`. */
  readonly reason: ReasonId;
  /** A namespace's client classes, by name. */
  readonly members?: ReadonlyMap<string, ExportedClass>;
}

/** The client classes each project module exports, by root-relative module key (`src/prisma/prisma.service`) and name. */
export type ProjectClasses = ReadonlyMap<string, ReadonlyMap<string, ExportedClass>>;

/**
 * What a name or an expression holds, as far as clients go: a client module object (`import * as P`, `require(...)`,
 * `await import(...)`), a client constructor (`PrismaClient`, an alias, a subclass), or a project module that exports
 * client classes. `review` says that a construction through it cannot be rewritten, and why.
 */
export type ClientValue =
  | { readonly type: 'module'; readonly origin: Origin; readonly binding: ClientBinding | undefined; readonly review: ReasonId | undefined }
  | { readonly type: 'constructor'; readonly origin: Origin; readonly binding: ClientBinding | undefined; readonly review: ReasonId | undefined }
  | {
      readonly type: 'project';
      readonly exports: ReadonlyMap<string, ExportedClass>;
      readonly kind: FindingKind;
      readonly module: string;
      readonly binding: ClientBinding | undefined;
    };

/** A declaration a binding lives in. */
export type BindingDeclaration =
  | ts.ImportDeclaration
  | ts.ImportEqualsDeclaration
  | ts.VariableStatement
  | ts.VariableDeclaration
  | ts.ParameterDeclaration
  | ts.ClassLikeDeclaration;

/** A name bound to a client constructor (`PrismaClient`, `PC`, `C`, a subclass) or a client module object (`P`, `m`). */
export interface ClientBinding {
  readonly kind: FindingKind;
  readonly form: 'constructor' | 'namespace';
  /** The identifier that declares the binding. */
  readonly name: ts.Identifier;
  /** The import specifier or destructuring element, when the binding is one of several in its declaration. */
  readonly element: ts.ImportSpecifier | ts.BindingElement | undefined;
  /** The whole declaration the binding lives in: an import, a variable statement, a parameter, a class. */
  readonly declaration: BindingDeclaration;
  readonly edge: boolean;
  /** The module specifier it came from, as written. */
  readonly module: string;
  readonly clientModule: string;
  /** The binding this one was read from (`P` for `const { PrismaClient } = P`), if any. */
  readonly source: ClientBinding | undefined;
}

/** The binding a declaring identifier makes for a value, with the declaration the rewrite edits. */
export function bindingFor(name: ts.Identifier, value: ClientValue): ClientBinding | undefined {
  if (value.type === 'project') return undefined;
  const declaration = declarationOf(name);
  if (!declaration) return undefined;
  const element = ts.isImportSpecifier(name.parent) || ts.isBindingElement(name.parent) ? name.parent : undefined;
  const { kind, edge, module, clientModule } = value.origin;
  const form = value.type === 'module' ? 'namespace' : 'constructor';
  return { kind, form, name, element, declaration, edge, module, clientModule, source: value.binding };
}

/** The import, variable statement, parameter or class that declares `name`. */
function declarationOf(name: ts.Identifier): BindingDeclaration | undefined {
  let node: ts.Node = name.parent;
  while (ts.isBindingElement(node) || ts.isObjectBindingPattern(node) || ts.isArrayBindingPattern(node)) node = node.parent;
  if (ts.isImportSpecifier(node) || ts.isNamedImports(node) || ts.isNamespaceImport(node) || ts.isImportClause(node)) {
    while (!ts.isImportDeclaration(node) && node.parent) node = node.parent;
  }
  if (ts.isVariableDeclaration(node)) return ts.isVariableStatement(node.parent.parent) ? node.parent.parent : node;
  if (ts.isImportDeclaration(node) || ts.isImportEqualsDeclaration(node) || ts.isParameter(node) || ts.isClassLike(node)) return node;
  return undefined;
}

/** `import('x')` or `require('x')` with one string argument: the specifier and how it loads; undefined otherwise. */
export function loadCall(expression: ts.Expression): { readonly specifier: string; readonly kind: FindingKind } | undefined {
  if (!ts.isCallExpression(expression) || expression.arguments.length !== 1) return undefined;
  const [argument] = expression.arguments;
  if (!argument || !ts.isStringLiteralLike(argument)) return undefined;
  if (expression.expression.kind === ts.SyntaxKind.ImportKeyword) return { specifier: argument.text, kind: 'dynamic-import' };
  const callee = expression.expression;
  if (ts.isIdentifier(callee) && (callee.text === 'require' || createdRequires(callee.getSourceFile()).has(callee.text))) {
    return { specifier: argument.text, kind: 'require' };
  }
  return undefined;
}

const CREATED_REQUIRES = new WeakMap<ts.SourceFile, ReadonlySet<string>>();

/**
 * The names an ES module gives its own `require` at its top level: `const requireCjs = createRequire(import.meta.url)`
 * (or `module.createRequire(...)`), whatever the name.
 */
function createdRequires(sourceFile: ts.SourceFile): ReadonlySet<string> {
  let names = CREATED_REQUIRES.get(sourceFile);
  if (!names) {
    const found = new Set<string>();
    for (const statement of sourceFile.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      for (const declaration of statement.declarationList.declarations) {
        const init = declaration.initializer;
        if (!init || !ts.isCallExpression(init) || !ts.isIdentifier(declaration.name)) continue;
        const callee = init.expression;
        const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
        if (name === 'createRequire') found.add(declaration.name.text);
      }
    }
    names = found;
    CREATED_REQUIRES.set(sourceFile, names);
  }
  return names;
}

/** The property a member access or a destructuring element reads: `x.a`, `x['a']`, `{ a: y }`, `{ 'a': y }`. */
export function memberName(node: ts.PropertyAccessExpression | ts.ElementAccessExpression | ts.BindingElement): string | undefined {
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  if (ts.isElementAccessExpression(node)) return ts.isStringLiteralLike(node.argumentExpression) ? node.argumentExpression.text : undefined;
  const property = node.propertyName ?? node.name;
  if (ts.isIdentifier(property) || ts.isStringLiteralLike(property)) return property.text;
  return undefined;
}
