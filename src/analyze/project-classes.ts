import { ts } from '#typescript';
import type { ClientValue, ExportedClass } from './bindings.js';
import { isUnreadModule, member } from './client-members.js';
import type { ClientValues } from './client-values.js';
import { commonJsExports } from './commonjs-exports.js';

/**
 * The client classes a file exports, by export name (`default` for a default export and `module.exports = X`):
 * subclasses (`export class PrismaService extends PrismaClient`), client constructors passed on
 * (`export { PrismaClient } from '@prisma/client'`, `export * from` a client or a module that exports one,
 * `export const Db = PrismaClient`, `module.exports = { PrismaService }`), and whole client modules passed on
 * (`export * as db from '@prisma/client'`, `export { P }` of `import * as P`, `export default pkg`,
 * `module.exports = require('@prisma/client')`).
 */
export function exportedClasses(sourceFile: ts.SourceFile, values: ClientValues): Map<string, ExportedClass> {
  const out = new Map<string, ExportedClass>();
  const add = (name: string, value: ClientValue | undefined): void => {
    if (value?.type === 'project') {
      const namespace = namespaceOf(value);
      if (namespace) out.set(name, namespace);
      return;
    }
    if (value === undefined || passesPackageOn(value)) return;
    const reason = value.review ?? 'project-reexport';
    out.set(name, { form: value.type, clientModule: value.origin.clientModule, edge: value.origin.edge, reason });
  };
  for (const statement of sourceFile.statements) {
    const modifiers = ts.canHaveModifiers(statement) ? (ts.getModifiers(statement) ?? []) : [];
    const exported = modifiers.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    const isDefault = modifiers.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
    if (ts.isClassDeclaration(statement) && exported) {
      add(isDefault || !statement.name ? 'default' : statement.name.text, statement.name ? values.ofName(statement.name) : values.subclass(statement));
    } else if (ts.isVariableStatement(statement) && exported) {
      for (const declaration of statement.declarationList.declarations) for (const name of names(declaration.name)) add(name.text, values.ofName(name));
    } else if (ts.isExportDeclaration(statement) && !statement.isTypeOnly) {
      reexports(statement, values, add);
    } else if (ts.isExportAssignment(statement)) {
      add('default', values.of(statement.expression));
    } else if (ts.isExpressionStatement(statement)) {
      addCommonJsExports(statement.expression, values, add);
    }
  }
  return out;
}

type Add = (name: string, value: ClientValue | undefined) => void;

function reexports(statement: ts.ExportDeclaration, values: ClientValues, add: Add): void {
  const clause = statement.exportClause;
  const specifier = statement.moduleSpecifier;
  const from = specifier && ts.isStringLiteral(specifier) ? values.loaded(specifier.text, 'named-import') : undefined;
  if (!clause) {
    if (from?.type === 'module' && !passesPackageOn(from)) add('PrismaClient', member(from, 'PrismaClient'));
    if (from?.type === 'project') for (const name of from.exports.keys()) if (name !== 'default') add(name, member(from, name));
    return;
  }
  // `export * as db from '@prisma/client'` (or from a project module): the module whole.
  if (ts.isNamespaceExport(clause)) {
    add(clause.name.text, from);
    return;
  }
  for (const element of clause.elements) {
    if (element.isTypeOnly) continue;
    const local = (element.propertyName ?? element.name).text;
    if (specifier) {
      add(element.name.text, member(from, local));
      continue;
    }
    const declared = values.scopes.findDeclaration(local, element);
    add(element.name.text, declared ? values.ofName(declared) : undefined);
  }
}

/** `module.exports = X`, `module.exports = { A, b: B, ...P }`, `module.exports.A = X`, `exports.A = X`. */
function addCommonJsExports(expression: ts.Expression, values: ClientValues, add: Add): void {
  for (const entry of commonJsExports(expression)) {
    if (entry.kind === 'whole') add('default', values.of(entry.value));
    else if (entry.kind === 'named') add(entry.name, values.of(entry.value));
    else if (entry.kind === 'spread') {
      const spread = values.of(entry.value);
      if (spread && !passesPackageOn(spread)) add('PrismaClient', member(spread, 'PrismaClient'));
    }
  }
}

/**
 * A project module passed on whole, as a namespace of its client classes: `import * as db` or `export * as db from`
 * (a default import or `require` gives its default export instead, as a construction through it would).
 */
function namespaceOf(value: Extract<ClientValue, { type: 'project' }>): ExportedClass | undefined {
  if (value.kind === 'require' || value.kind === 'default-import') return undefined;
  const [first] = value.exports.values();
  return first ? { form: 'namespace', clientModule: first.clientModule, edge: first.edge, reason: first.reason, members: value.exports } : undefined;
}

/**
 * A package or project module the tool does not read, passed on whole (`export * from 'pkg'`, `export { P }` of
 * `import * as P`, `module.exports = require('./barrel')`): not taken for a client export, or every barrel would be
 * one; a `PrismaClient` named from it (`export { PrismaClient } from 'pkg'`) is.
 */
function passesPackageOn(value: ClientValue): boolean {
  return isUnreadModule(value);
}

function names(name: ts.BindingName): ts.Identifier[] {
  if (ts.isIdentifier(name)) return [name];
  return name.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : names(e.name)));
}
