// A small jscodeshift transform doing the codemod's rewrite, written for the benchmark only.
//
// It parses every file it is given (no text prefilter, as jscodeshift transforms are usually written),
// finds `new PrismaClient()` through named, aliased, namespace and `await import()` bindings of
// '@prisma/client', removes module-level `const x = new PrismaClient()` declarations, replaces other
// instantiations with the shared client, drops bindings left unused, imports the singleton from
// src/lib/prisma.ts (creating it if missing). No scope analysis: a shadowed name would be rewritten too.
//
// Each site found is appended as `path:line:column` to the file named by $BENCH_SITES_FILE.

'use strict';

const fs = require('node:fs');
const path = require('node:path');

const SINGLETON = 'src/lib/prisma.ts';
const SINGLETON_TEXT = [
  "import { PrismaClient } from '@prisma/client';",
  '',
  'const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };',
  '',
  'export const prisma = globalForPrisma.prisma ?? new PrismaClient();',
  '',
  "if (process.env.NODE_ENV !== 'production') globalForPrisma.prisma = prisma;",
  '',
].join('\n');

function isPrismaSource(node) {
  return node && (node.type === 'StringLiteral' || node.type === 'Literal') && node.value === '@prisma/client';
}

/** `await import('@prisma/client')` (babel: CallExpression with an Import callee, or ImportExpression). */
function isDynamicPrismaImport(init) {
  let node = init;
  if (node && node.type === 'AwaitExpression') node = node.argument;
  if (!node) return false;
  if (node.type === 'ImportExpression') return isPrismaSource(node.source);
  return node.type === 'CallExpression' && node.callee.type === 'Import' && isPrismaSource(node.arguments[0]);
}

function isModuleLevel(p) {
  // VariableDeclarator -> VariableDeclaration -> Program (or ExportNamedDeclaration -> Program)
  const declaration = p.parent;
  if (declaration?.node.type !== 'VariableDeclaration') return false;
  const owner = declaration.parent;
  return owner && owner.node.type === 'Program';
}

module.exports = function transform(file, api) {
  const j = api.jscodeshift;
  const root = j(file.source);

  const constructors = new Set();
  const namespaces = new Set();
  const bindingPaths = [];
  // Imports are top-level statements: read them off the program body.
  const program = root.get().node.program;
  root.get('program', 'body').each((p) => {
    if (p.node.type !== 'ImportDeclaration') return;
    if (!isPrismaSource(p.node.source) || p.node.importKind === 'type') return;
    for (const s of p.node.specifiers || []) {
      if (s.type === 'ImportSpecifier' && s.imported.name === 'PrismaClient' && s.importKind !== 'type') {
        constructors.add(s.local.name);
        bindingPaths.push({ kind: 'import', path: p, specifier: s, name: s.local.name });
      } else if (s.type === 'ImportNamespaceSpecifier' || s.type === 'ImportDefaultSpecifier') {
        namespaces.add(s.local.name);
        bindingPaths.push({ kind: 'import', path: p, specifier: s, name: s.local.name });
      }
    }
  });
  // One traversal for the rest: `await import()` bindings and every `new` expression.
  const news = [];
  j.types.visit(program, {
    visitVariableDeclarator(p) {
      if (isDynamicPrismaImport(p.node.init)) {
        if (p.node.id.type === 'ObjectPattern') {
          for (const prop of p.node.id.properties) {
            const key = prop.key && (prop.key.name || prop.key.value);
            if (key === 'PrismaClient' && prop.value && prop.value.type === 'Identifier') {
              constructors.add(prop.value.name);
              bindingPaths.push({ kind: 'destructure', path: p, property: prop, name: prop.value.name });
            }
          }
        } else if (p.node.id.type === 'Identifier') {
          namespaces.add(p.node.id.name);
          bindingPaths.push({ kind: 'variable', path: p, name: p.node.id.name });
        }
      }
      this.traverse(p);
    },
    visitNewExpression(p) {
      news.push(p);
      this.traverse(p);
    },
  });
  if (constructors.size === 0 && namespaces.size === 0) return undefined;

  const sites = j(
    news.filter((p) => {
      const callee = p.node.callee;
      if (callee.type === 'Identifier') return constructors.has(callee.name);
      return (
        callee.type === 'MemberExpression' &&
        callee.object.type === 'Identifier' &&
        namespaces.has(callee.object.name) &&
        callee.property.type === 'Identifier' &&
        callee.property.name === 'PrismaClient'
      );
    }),
  );
  if (sites.size() === 0) return undefined;

  if (process.env.BENCH_SITES_FILE) {
    const lines = sites.paths().map((p) => `${file.path.replace(/^\.\//, '')}:${p.node.loc.start.line}:${p.node.loc.start.column + 1}\n`);
    fs.appendFileSync(process.env.BENCH_SITES_FILE, lines.join(''));
  }

  // Names the singleton is imported under: a removed module-level `const db = new X()` keeps its name.
  const removedDeclarators = new Set();
  const aliases = new Set();
  sites.forEach((p) => {
    const parent = p.parent;
    if (parent.node.type === 'VariableDeclarator' && parent.node.init === p.node && parent.node.id.type === 'Identifier' && isModuleLevel(parent)) {
      aliases.add(parent.node.id.name);
      removedDeclarators.add(parent.node);
    }
  });
  const declaresPrisma =
    root
      .find(j.Identifier, { name: 'prisma' })
      .filter((p) => {
        const parent = p.parent.node;
        if (parent.type === 'VariableDeclarator' && parent.id === p.node) return !removedDeclarators.has(parent);
        return parent.type === 'FunctionDeclaration' || (Array.isArray(parent.params) && parent.params.includes(p.node));
      })
      .size() > 0;
  const shared = declaresPrisma ? 'sharedPrisma' : 'prisma';

  sites.forEach((p) => {
    const parent = p.parent;
    if (removedDeclarators.has(parent.node)) {
      const declaration = parent.parent;
      if (declaration.node.declarations.length === 1) j(declaration).remove();
      else j(parent).remove();
      return;
    }
    aliases.add(shared);
    j(p).replaceWith(j.identifier(shared));
  });

  // Drop bindings that nothing refers to any more.
  const stillUsed = (name) =>
    root
      .find(j.Identifier, { name })
      .filter((p) => {
        const parent = p.parent.node;
        if (parent.type === 'ImportSpecifier' || parent.type === 'ImportNamespaceSpecifier' || parent.type === 'ImportDefaultSpecifier') return false;
        if (parent.type === 'ObjectProperty' || parent.type === 'Property') return parent.value === p.node && p.parent.parent.node.type !== 'ObjectPattern';
        if (parent.type === 'VariableDeclarator' && parent.id === p.node) return false;
        if (parent.type === 'MemberExpression' && parent.property === p.node && !parent.computed) return false;
        return true;
      })
      .size() > 0;
  for (const binding of bindingPaths) {
    if (stillUsed(binding.name)) continue;
    if (binding.kind === 'import') {
      const declaration = binding.path.node;
      declaration.specifiers = declaration.specifiers.filter((s) => s !== binding.specifier);
      if (declaration.specifiers.length === 0) j(binding.path).remove();
    } else if (binding.kind === 'destructure') {
      const pattern = binding.path.node.id;
      pattern.properties = pattern.properties.filter((prop) => prop !== binding.property);
      if (pattern.properties.length === 0) {
        const declaration = binding.path.parent;
        if (declaration.node.declarations.length === 1) j(declaration).remove();
        else j(binding.path).remove();
      }
    } else {
      const declaration = binding.path.parent;
      if (declaration.node.declarations.length === 1) j(declaration).remove();
    }
  }

  // Import the singleton after the last import.
  const cwd = process.cwd();
  const absolute = path.resolve(cwd, file.path);
  let specifier = path.relative(path.dirname(absolute), path.join(cwd, SINGLETON)).split(path.sep).join('/').replace(/\.ts$/, '.js');
  if (!specifier.startsWith('.')) specifier = `./${specifier}`;
  const importDecl = j.importDeclaration(
    [...aliases].sort().map((local) => j.importSpecifier(j.identifier('prisma'), j.identifier(local))),
    j.stringLiteral(specifier),
  );
  const imports = root.find(j.ImportDeclaration);
  if (imports.size() > 0) imports.at(imports.size() - 1).insertAfter(importDecl);
  else root.get().node.program.body.unshift(importDecl);

  const singleton = path.join(cwd, SINGLETON);
  if (!fs.existsSync(singleton)) {
    fs.mkdirSync(path.dirname(singleton), { recursive: true });
    try {
      fs.writeFileSync(singleton, SINGLETON_TEXT, { flag: 'wx' });
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
  }
  return root.toSource({ quote: 'single' });
};

module.exports.parser = 'ts';
