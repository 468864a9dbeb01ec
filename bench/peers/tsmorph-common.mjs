// The find and rewrite that both ts-morph peers share, written the way a user would with ts-morph's API:
// bindings from the import declarations, `getDescendantsOfKind(SyntaxKind.NewExpression)`, text comparison of
// the callee. No scope analysis.

import { Node, SyntaxKind } from 'ts-morph';
import { posix, relative, dirname, sep } from 'node:path';

export const SINGLETON = 'src/lib/prisma.ts';
export const SINGLETON_TEXT = [
  "import { PrismaClient } from '@prisma/client';",
  '',
  'const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };',
  '',
  'export const prisma = globalForPrisma.prisma ?? new PrismaClient();',
  '',
  "if (process.env.NODE_ENV !== 'production') globalForPrisma.prisma = prisma;",
  '',
].join('\n');

const DYNAMIC = /^await\s+import\(\s*['"]@prisma\/client['"]\s*\)$/;

/** Names bound to PrismaClient (constructors) and to the module object (namespaces), with their declarations. */
export function findBindings(sourceFile) {
  const constructors = new Map();
  const namespaces = new Map();
  for (const declaration of sourceFile.getImportDeclarations()) {
    if (declaration.getModuleSpecifierValue() !== '@prisma/client' || declaration.isTypeOnly()) continue;
    for (const named of declaration.getNamedImports()) {
      if (named.getName() === 'PrismaClient' && !named.isTypeOnly()) {
        constructors.set((named.getAliasNode() ?? named.getNameNode()).getText(), named);
      }
    }
    const namespace = declaration.getNamespaceImport();
    if (namespace) namespaces.set(namespace.getText(), declaration);
    const defaultImport = declaration.getDefaultImport();
    if (defaultImport) namespaces.set(defaultImport.getText(), declaration);
  }
  for (const declaration of sourceFile.getDescendantsOfKind(SyntaxKind.VariableDeclaration)) {
    const initializer = declaration.getInitializer();
    if (!initializer || !DYNAMIC.test(initializer.getText())) continue;
    const name = declaration.getNameNode();
    if (Node.isObjectBindingPattern(name)) {
      for (const element of name.getElements()) {
        const imported = element.getPropertyNameNode()?.getText() ?? element.getName();
        if (imported === 'PrismaClient') constructors.set(element.getName(), element);
      }
    } else if (Node.isIdentifier(name)) {
      namespaces.set(name.getText(), declaration);
    }
  }
  return { constructors, namespaces };
}

/** Every `new` of a bound PrismaClient in the file. */
export function findSites(sourceFile) {
  const bindings = findBindings(sourceFile);
  if (bindings.constructors.size === 0 && bindings.namespaces.size === 0) return { bindings, sites: [] };
  const sites = sourceFile.getDescendantsOfKind(SyntaxKind.NewExpression).filter((node) => {
    const callee = node.getExpression();
    if (Node.isIdentifier(callee)) return bindings.constructors.has(callee.getText());
    if (Node.isPropertyAccessExpression(callee)) {
      return callee.getName() === 'PrismaClient' && bindings.namespaces.has(callee.getExpression().getText());
    }
    return false;
  });
  return { bindings, sites };
}

export function position(sourceFile, node) {
  const { line, column } = sourceFile.getLineAndColumnAtPos(node.getStart());
  return { line, column };
}

function importSpecifierFor(root, filePath) {
  let spec = relative(dirname(filePath), `${root}/${SINGLETON}`).split(sep).join(posix.sep).replace(/\.ts$/, '.js');
  if (!spec.startsWith('.')) spec = `./${spec}`;
  return spec;
}

function countIdentifiers(sourceFile, name) {
  let count = 0;
  for (const id of sourceFile.getDescendantsOfKind(SyntaxKind.Identifier)) if (id.getText() === name) count += 1;
  return count;
}

/** Rewrites the sites of one file in place (ts-morph manipulation); returns nothing. */
export function rewriteFile(root, sourceFile, bindings, sites) {
  const aliases = new Set();
  const removals = [];
  const replacements = [];
  for (const node of sites) {
    const parent = node.getParent();
    const statement = parent?.getParent()?.getParent();
    if (
      Node.isVariableDeclaration(parent) &&
      parent.getInitializer() === node &&
      Node.isIdentifier(parent.getNameNode()) &&
      Node.isVariableStatement(statement) &&
      Node.isSourceFile(statement.getParent())
    ) {
      aliases.add(parent.getName());
      removals.push(statement.getDeclarations().length === 1 ? statement : parent);
    } else {
      replacements.push(node);
    }
  }
  const removedNames = new Set(removals.map((n) => (Node.isVariableStatement(n) ? n.getDeclarations()[0].getName() : n.getName())));
  const declaresPrisma = sourceFile.getDescendantsOfKind(SyntaxKind.VariableDeclaration).some((d) => d.getName() === 'prisma' && !removedNames.has('prisma'));
  const shared = declaresPrisma ? 'sharedPrisma' : 'prisma';
  // Replace before removing, last first, so earlier positions stay valid.
  for (const node of replacements.reverse()) {
    node.replaceWithText(shared);
    aliases.add(shared);
  }
  for (const node of removals.reverse()) node.remove();
  // Drop bindings nothing refers to any more.
  for (const [name, declaration] of bindings.constructors) {
    if (declaration.wasForgotten() || countIdentifiers(sourceFile, name) > 1) continue;
    if (Node.isImportSpecifier(declaration)) {
      const importDeclaration = declaration.getImportDeclaration();
      declaration.remove();
      if (importDeclaration.getNamedImports().length === 0 && !importDeclaration.getDefaultImport() && !importDeclaration.getNamespaceImport()) {
        importDeclaration.remove();
      }
    } else if (Node.isBindingElement(declaration)) {
      const pattern = declaration.getParent();
      const variable = pattern.getParent();
      if (pattern.getElements().length === 1) {
        const list = variable.getParent();
        if (list.getDeclarations().length === 1) list.getParent().remove();
        else variable.remove();
      } else {
        declaration.remove();
      }
    }
  }
  for (const [name, declaration] of bindings.namespaces) {
    if (declaration.wasForgotten() || countIdentifiers(sourceFile, name) > 1) continue;
    if (Node.isImportDeclaration(declaration)) declaration.remove();
  }
  sourceFile.addImportDeclaration({
    moduleSpecifier: importSpecifierFor(root, sourceFile.getFilePath()),
    namedImports: [...aliases].sort().map((alias) => (alias === 'prisma' ? { name: 'prisma' } : { name: 'prisma', alias })),
  });
}
