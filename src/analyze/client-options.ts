import { ts } from '#typescript';
import type { FileAnalysis, Site } from './analyze-file.js';
import { isReference } from './scope.js';
import type { ReasonId } from '../core/types.js';
import { isRelativeSpecifier, moduleKeyOf, resolveRelative } from '../core/paths.js';

/** Options that only shape logging: the singleton's own logging replaces them, so they never block a merge. */
const LOGGING = new Set(['log', 'errorFormat']);

/** An import that the client's options need, as the site file wrote it. */
export interface OptionImport {
  /** The module specifier as written in the site file. */
  readonly module: string;
  /** The file that wrote it (relative specifiers are relative to it). */
  readonly fromPath: string;
  /** `{ PrismaPg }`, `{ X as Y }`, `Y` (default) or `* as Y`. */
  readonly clause: string;
}

/** A site's constructor options, reduced to what decides whether it can share the singleton. */
export interface ClientOptions {
  /** Equal keys mean equivalent connection options; '' means none (the default connection). */
  readonly key: string;
  /** Connection properties as the singleton writes them, with a local `const adapter = ...` folded in. */
  readonly properties: readonly string[];
  readonly imports: readonly OptionImport[];
  /** Logging options the merge drops. */
  readonly dropped: readonly string[];
  /** Env loaders the singleton must import before it builds the client (see env-order.ts). */
  readonly envImports: readonly OptionImport[];
  /** Module-level declarations (their declaring identifiers) the options used; they may end up unused. */
  readonly dependencies: readonly ts.Identifier[];
}

export type OptionsVerdict = { readonly ok: true; readonly options: ClientOptions } | { readonly ok: false; readonly reason: ReasonId };

const NO_OPTIONS: ClientOptions = { key: '', properties: [], imports: [], envImports: [], dropped: [], dependencies: [] };

/**
 * Reads the options of `new PrismaClient(...)`: none, or an object literal whose connection properties are built
 * only from imports, globals such as `process.env`, and module-level constants (a `const adapter = new PrismaPg(...)`).
 * Anything else cannot move into a shared module and is left for a person.
 */
export function readClientOptions(site: Site, analysis: FileAnalysis): OptionsVerdict {
  if (!ts.isNewExpression(site.node)) return { ok: false, reason: 'unsupported-position' };
  const args = site.node.arguments ?? [];
  if (args.length === 0) return { ok: true, options: NO_OPTIONS };
  const [arg] = args;
  if (args.length > 1 || !arg || !ts.isObjectLiteralExpression(arg)) return { ok: false, reason: 'options-not-portable' };
  const properties: Array<{ name: string; text: string; keyText: string }> = [];
  const dropped: string[] = [];
  const imports = new Map<string, OptionImport>();
  const dependencies = new Set<ts.Identifier>();
  const text = analysis.sourceFile.text;

  for (const property of arg.properties) {
    const name = propertyName(property);
    if (!name || !(ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property))) {
      return { ok: false, reason: 'options-not-portable' };
    }
    if (LOGGING.has(name)) {
      dropped.push(name);
      continue;
    }
    let value: ts.Expression = ts.isPropertyAssignment(property) ? property.initializer : property.name;
    // A shorthand or identifier value that names a module-level constant is folded in: `{ adapter }` and
    // `{ adapter: new PrismaPg(...) }` are the same options.
    if (ts.isIdentifier(value)) {
      const declared = analysis.scopes.findDeclaration(value.text, value);
      const constant = declared ? moduleConstant(declared, analysis.sourceFile) : undefined;
      if (constant) {
        dependencies.add(constant.name);
        value = constant.initializer;
      }
    }
    for (const identifier of referencedIdentifiers(value)) {
      const declared = analysis.scopes.findDeclaration(identifier.text, identifier);
      if (!declared) continue;
      const imported = importOf(declared, analysis.sourceFile.fileName);
      if (!imported) return { ok: false, reason: 'options-not-portable' };
      imports.set(imported.module + imported.clause, imported);
      dependencies.add(declared);
    }
    const valueText = reindent(text, value);
    properties.push({ name, text: `${name}: ${valueText}`, keyText: `${name}=${normalize(value.getText())}` });
  }
  properties.sort((a, b) => (a.name < b.name ? -1 : 1));
  const importKey = [...imports.values()]
    .map((i) => `${i.clause}@${moduleIdentity(i)}`)
    .sort()
    .join(',');
  return {
    ok: true,
    options: {
      key: properties.length === 0 ? '' : `${properties.map((p) => p.keyText).join(';')}|${importKey}`,
      properties: properties.map((p) => p.text),
      imports: [...imports.values()],
      envImports: [],
      dropped,
      dependencies: [...dependencies],
    },
  };
}

/**
 * What an option's import names, the same from any folder: a relative specifier as the root-relative module it
 * resolves to (`../config.js` from `src/lib/` and `../../config` from `src/features/users/` are both `src/config`).
 */
function moduleIdentity(option: OptionImport): string {
  return isRelativeSpecifier(option.module) ? `./${moduleKeyOf(resolveRelative(option.fromPath, option.module))}` : option.module;
}

function propertyName(property: ts.ObjectLiteralElementLike): string | undefined {
  const name = property.name;
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  return undefined;
}

function moduleConstant(name: ts.Identifier, sourceFile: ts.SourceFile): { name: ts.Identifier; initializer: ts.Expression } | undefined {
  const declaration = name.parent;
  if (!ts.isVariableDeclaration(declaration) || declaration.name !== name || !declaration.initializer) return undefined;
  const list = declaration.parent;
  if (!ts.isVariableDeclarationList(list) || (list.flags & ts.NodeFlags.Const) === 0 || list.declarations.length !== 1) return undefined;
  if (list.parent.parent !== sourceFile) return undefined;
  return { name, initializer: declaration.initializer };
}

function referencedIdentifiers(node: ts.Node): ts.Identifier[] {
  const found: ts.Identifier[] = [];
  const visit = (current: ts.Node): void => {
    if (ts.isIdentifier(current)) {
      if (isReference(current)) found.push(current);
      return;
    }
    ts.forEachChild(current, visit);
  };
  visit(node);
  return found;
}

function importOf(name: ts.Identifier, fromPath: string): OptionImport | undefined {
  const parent = name.parent;
  if (ts.isImportSpecifier(parent)) {
    const clause = parent.propertyName ? `{ ${parent.propertyName.text} as ${name.text} }` : `{ ${name.text} }`;
    return moduleOf(parent.parent.parent.parent, fromPath, clause);
  }
  if (ts.isImportClause(parent)) return moduleOf(parent.parent, fromPath, name.text);
  if (ts.isNamespaceImport(parent)) return moduleOf(parent.parent.parent, fromPath, `* as ${name.text}`);
  if (ts.isImportEqualsDeclaration(parent) && ts.isExternalModuleReference(parent.moduleReference) && ts.isStringLiteral(parent.moduleReference.expression)) {
    return { module: parent.moduleReference.expression.text, fromPath, clause: `* as ${name.text}` };
  }
  return requireOf(name, fromPath);
}

function moduleOf(declaration: ts.Node, fromPath: string, clause: string): OptionImport | undefined {
  if (!ts.isImportDeclaration(declaration) || !ts.isStringLiteral(declaration.moduleSpecifier)) return undefined;
  return { module: declaration.moduleSpecifier.text, fromPath, clause };
}

/** `const { PrismaPg } = require('@prisma/adapter-pg')`, `{ PrismaPg: Pg }`, or `const pg = require(...)` at the top. */
function requireOf(name: ts.Identifier, fromPath: string): OptionImport | undefined {
  const element = name.parent;
  const declaration = ts.isBindingElement(element) && ts.isObjectBindingPattern(element.parent) ? element.parent.parent : element;
  if (!ts.isVariableDeclaration(declaration) || !declaration.initializer || !ts.isSourceFile(declaration.parent.parent.parent)) return undefined;
  const call = declaration.initializer;
  const [argument] = ts.isCallExpression(call) ? call.arguments : [];
  if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression) || call.expression.text !== 'require' || !argument || !ts.isStringLiteral(argument)) {
    return undefined;
  }
  if (declaration.name === name) return { module: argument.text, fromPath, clause: `* as ${name.text}` };
  if (!ts.isBindingElement(element) || element.dotDotDotToken) return undefined;
  const property = element.propertyName;
  if (property && !ts.isIdentifier(property)) return undefined;
  return { module: argument.text, fromPath, clause: property ? `{ ${property.text} as ${name.text} }` : `{ ${name.text} }` };
}

/** Token text joined by single spaces, so that formatting alone never makes two options differ. */
function normalize(source: string): string {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, source);
  const tokens: string[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.StringLiteral || kind === ts.SyntaxKind.NoSubstitutionTemplateLiteral) tokens.push(JSON.stringify(scanner.getTokenValue()));
    else if (kind !== ts.SyntaxKind.CommaToken || !/^\s*[}\])]/.test(source.slice(scanner.getTokenEnd()))) tokens.push(scanner.getTokenText());
  }
  return tokens.join(' ');
}

/** The node's text with its continuation lines shifted left by the indentation of the line it starts on. */
function reindent(text: string, node: ts.Node): string {
  const start = node.getStart();
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const base = /^[ \t]*/.exec(text.slice(lineStart, start))?.[0] ?? '';
  const lines = text.slice(start, node.end).split(/\r?\n/);
  return lines.map((line, index) => (index > 0 && line.startsWith(base) ? line.slice(base.length) : line)).join('\n');
}
