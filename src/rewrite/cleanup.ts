import { ts } from '#typescript';
import type { Scopes } from '../analyze/scope.js';
import { statementRemoval, type Edit } from './edits.js';
import { findReferences } from '../analyze/references.js';

/** What removing unused declarations takes out of a file. */
export interface Cleanup {
  readonly edits: readonly Edit[];
  /** A top-level import (or require) removed whole: the singleton's own import can stand in its place. */
  readonly freed: ts.Statement | undefined;
}

interface Declared {
  readonly name: ts.Identifier;
  /** The statement that declares it (an import, `import x = require(...)`, or a variable statement). */
  readonly container: ts.ImportDeclaration | ts.ImportEqualsDeclaration | ts.VariableStatement;
  /** Every name the container declares. */
  readonly siblings: readonly ts.Identifier[];
}

/**
 * Removes the declarations among `candidates` that the edits so far leave without a single reference, then the
 * ones those removals leave unused (an adapter constant, then its import), until nothing more goes. A declaration
 * that shares its statement with names still in use loses only its own specifier or element.
 */
export function removeUnused(text: string, candidates: readonly ts.Identifier[], scopes: Scopes, edits: readonly Edit[]): Cleanup {
  const gone: Array<readonly [number, number]> = edits.map((edit) => [edit.start, edit.end]);
  const isGone = (node: ts.Node): boolean => gone.some(([start, end]) => node.getStart() >= start && node.end <= end);
  const removed = new Set<ts.Identifier>();
  const declared = candidates.flatMap((name) => {
    const d = describe(name);
    return d ? [d] : [];
  });
  let changed = true;
  while (changed) {
    changed = false;
    for (const item of declared) {
      if (removed.has(item.name) || isGone(item.container)) continue;
      if (!findReferences(item.name, scopes).every(isGone)) continue;
      removed.add(item.name);
      changed = true;
      // The declaration's own initializer counts as gone from here on, so what it used can go next.
      const owner = ts.isVariableStatement(item.container) ? item.container : undefined;
      if (owner && item.siblings.every((s) => removed.has(s))) gone.push([owner.getStart(), owner.end]);
    }
  }

  const out: Edit[] = [];
  let freed: ts.Statement | undefined;
  const containers = new Map<Declared['container'], Declared[]>();
  for (const item of declared) if (removed.has(item.name)) containers.set(item.container, [...(containers.get(item.container) ?? []), item]);
  // The first statement removed whole, in file order, takes the singleton's import: at the top, where imports stand.
  for (const [container, items] of [...containers].sort(([a], [b]) => a.getStart() - b.getStart())) {
    if (items.length === items[0]?.siblings.length) {
      if (!freed && isTopLevelImport(container)) freed = container;
      else out.push(statementRemoval(text, container));
      continue;
    }
    for (const item of items) out.push(elementRemoval(item.name));
  }
  return { edits: out, freed };
}

function describe(name: ts.Identifier): Declared | undefined {
  const parent = name.parent;
  if (ts.isImportEqualsDeclaration(parent) && parent.name === name && !hasExport(parent)) {
    return { name, container: parent, siblings: [name] };
  }
  if (ts.isImportSpecifier(parent) || ts.isImportClause(parent) || ts.isNamespaceImport(parent)) {
    const declaration = ts.isImportSpecifier(parent) ? parent.parent.parent.parent : ts.isImportClause(parent) ? parent.parent : parent.parent.parent;
    if (!ts.isImportDeclaration(declaration)) return undefined;
    return { name, container: declaration, siblings: importNames(declaration) };
  }
  let node: ts.Node = parent;
  while (ts.isBindingElement(node) || ts.isObjectBindingPattern(node) || ts.isArrayBindingPattern(node)) node = node.parent;
  if (!ts.isVariableDeclaration(node) || !ts.isVariableDeclarationList(node.parent) || !ts.isVariableStatement(node.parent.parent)) return undefined;
  const statement = node.parent.parent;
  // Another module may import what this one exports: an exported declaration is never unused.
  if (hasExport(statement)) return undefined;
  return { name, container: statement, siblings: statement.declarationList.declarations.flatMap((d) => bindingNames(d.name)) };
}

function importNames(declaration: ts.ImportDeclaration): ts.Identifier[] {
  const clause = declaration.importClause;
  const named = clause?.namedBindings;
  return [
    ...(clause?.name ? [clause.name] : []),
    ...(named && ts.isNamespaceImport(named) ? [named.name] : []),
    ...(named && ts.isNamedImports(named) ? named.elements.map((e) => e.name) : []),
  ];
}

function bindingNames(name: ts.BindingName): ts.Identifier[] {
  if (ts.isIdentifier(name)) return [name];
  return name.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : bindingNames(e.name)));
}

function hasExport(statement: ts.VariableStatement | ts.ImportEqualsDeclaration): boolean {
  return statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false;
}

function isTopLevelImport(statement: ts.Statement): boolean {
  if (!ts.isSourceFile(statement.parent)) return false;
  if (ts.isImportDeclaration(statement) || ts.isImportEqualsDeclaration(statement)) return true;
  return (
    ts.isVariableStatement(statement) &&
    statement.declarationList.declarations.every((d) => {
      const init = d.initializer;
      return !!init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require';
    })
  );
}

/** Removes one specifier, default import or declaration from its list, with the comma and space that go with it. */
function elementRemoval(name: ts.Identifier): Edit {
  const parent = name.parent;
  if (ts.isImportClause(parent) && parent.namedBindings) return { start: name.getStart(), end: parent.namedBindings.getStart(), text: '' };
  let element: ts.Node = parent;
  while (!(ts.isImportSpecifier(element) || ts.isBindingElement(element) || ts.isVariableDeclaration(element)) && element.parent) element = element.parent;
  const list = element.parent;
  const siblings: readonly ts.Node[] =
    ts.isNamedImports(list) || ts.isObjectBindingPattern(list) ? list.elements : ts.isVariableDeclarationList(list) ? list.declarations : [];
  const index = siblings.indexOf(element);
  const next = siblings[index + 1];
  const previous = siblings[index - 1];
  if (next) return { start: element.getStart(), end: next.getStart(), text: '' };
  if (previous) return { start: previous.end, end: element.end, text: '' };
  return { start: element.getStart(), end: element.end, text: '' };
}

/**
 * The imports the declarations of `names` read (`Prisma` and `PrismaScope` in `const PrismaClient = Prisma?.PrismaClient
 * || PrismaScope?.PrismaClient`): when the rewrite takes those declarations out, the cleanup may take these too (only
 * if nothing else reads them).
 */
export function importsReadBy(names: readonly ts.Identifier[], scopes: Scopes): ts.Identifier[] {
  const out: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      const declared = scopes.findDeclaration(node.text, node);
      const parent = declared?.parent;
      if (declared && parent && (ts.isImportClause(parent) || ts.isNamespaceImport(parent) || ts.isImportSpecifier(parent))) out.push(declared);
      return;
    }
    ts.forEachChild(node, visit);
  };
  for (const name of names) {
    const declaration = name.parent;
    if (ts.isVariableDeclaration(declaration) && declaration.name === name && declaration.initializer) visit(declaration.initializer);
  }
  return out;
}
