import { ts } from '#typescript';
import type { FindingKind, ReasonId } from '../core/types.js';
import { type ClientBinding, type ClientValue, loadCall } from './bindings.js';
import { member } from './client-members.js';
import { type ClientValues, isGlobalMember } from './client-values.js';
import { isWrapper, skipWrappers } from './expressions.js';
import { constructionCandidates } from './parse.js';

/**
 * One construction of a client: `new` of a client constructor or of a subclass, `Reflect.construct(...)`, or a
 * subclass's `extends` clause (its `super()` constructs one), with the binding it constructs through (none for
 * `new (require(...)).PrismaClient`).
 */
export interface Site {
  readonly node: ts.NewExpression | ts.CallExpression | ts.ExpressionWithTypeArguments;
  readonly kind: FindingKind;
  readonly binding: ClientBinding | undefined;
  readonly edge: boolean;
  /** The client module's specifier as the file wrote it. */
  readonly module: string;
  /** Which client: a package name or the root-relative folder of a generated client. */
  readonly clientModule: string;
  /** Set when the site is for a person wherever it stands: a subclass, `Reflect.construct`, a constructor the tool cannot pin down. */
  readonly review: ReasonId | undefined;
}

/** What one walk over a file collects: its sites and the module specifiers it imports, requires or re-exports. */
export interface Collected {
  readonly sites: Site[];
  readonly specifiers: Set<string>;
}

/**
 * Looks at each node that may be a site or an import (those the parse gathered) and collects every site and every
 * project module the file imports. Only what a construction reads is evaluated (its callee, its target, its base
 * class), so a file costs one look per such node plus the chains that matter.
 */
export function collectSites(sourceFile: ts.SourceFile, values: ClientValues): Collected {
  const out: Collected = { sites: [], specifiers: new Set() };
  const addImport = (specifier: string): void => {
    out.specifiers.add(specifier);
  };
  const look = (node: ts.Node): void => {
    const site = siteAt(node, values);
    if (site) out.sites.push(site);
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      addImport(node.moduleSpecifier.text);
    }
    const load = ts.isCallExpression(node) ? loadCall(node) : undefined;
    if (load) addImport(load.specifier);
  };
  constructionCandidates(sourceFile).forEach(look);
  return out;
}

function siteAt(node: ts.Node, values: ClientValues): Site | undefined {
  if (ts.isNewExpression(node)) return site(node, constructorOf(values.of(node.expression)), undefined);
  if (ts.isCallExpression(node) && isGlobalMember(node.expression, 'Reflect', values.scopes) && ts.isPropertyAccessExpression(node.expression)) {
    const [target] = node.arguments;
    if (node.expression.name.text !== 'construct' || !target) return undefined;
    return site(node, constructorOf(values.of(target)), 'reflect-construct');
  }
  if (ts.isCallExpression(node)) {
    const handed = handedClient(node, values);
    if (handed) return site(node, handed, 'client-class-handed-on');
  }
  if (ts.isHeritageClause(node) && node.token === ts.SyntaxKind.ExtendsKeyword && ts.isClassLike(node.parent)) {
    const [heritage] = node.types;
    return heritage ? site(heritage, constructorOf(values.of(heritage.expression)), 'client-subclass') : undefined;
  }
  return undefined;
}

function site(node: Site['node'], value: ClientValue | undefined, review: ReasonId | undefined): Site | undefined {
  if (value?.type !== 'constructor') return undefined;
  const { kind, edge, module, clientModule } = value.origin;
  const binding = value.binding;
  // Through a name read from a lazily loaded module (`const { PrismaClient } = m`): the lazy rewrite does not follow it.
  const chained = kind === 'dynamic-import' && binding?.source !== undefined ? 'unsupported-position' : undefined;
  return { node, kind, binding, edge, module, clientModule, review: review ?? value.review ?? chained };
}

/** A project module that a `require` or a default import gives whole (`module.exports = PrismaService`) constructs its default. */
function constructorOf(value: ClientValue | undefined): ClientValue | undefined {
  return value?.type === 'project' && (value.kind === 'require' || value.kind === 'default-import') ? member(value, 'default') : value;
}

/** Every name in the file bound to a client constructor or module object, in source order (for tests and tools). */
export function clientBindings(sourceFile: ts.SourceFile, values: ClientValues): ClientBinding[] {
  const out: ClientBinding[] = [];
  const visit = (node: ts.Node): void => {
    const binding = ts.isIdentifier(node) && isDeclaringName(node) ? values.ofName(node)?.binding : undefined;
    if (binding?.name === node) out.push(binding);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return out;
}

/** An identifier that declares a name a client value can be bound to. */
function isDeclaringName(node: ts.Identifier): boolean {
  const parent = node.parent;
  return (
    ((ts.isImportSpecifier(parent) || ts.isImportClause(parent) || ts.isNamespaceImport(parent) || ts.isImportEqualsDeclaration(parent)) &&
      parent.name === node) ||
    ((ts.isVariableDeclaration(parent) || ts.isBindingElement(parent) || ts.isParameter(parent) || ts.isClassLike(parent)) && parent.name === node)
  );
}

/**
 * The client class handed to a call that may build it: a dependency-injection container's `register(token,
 * PrismaClient)`, `resolve(PrismaClient)`, `asClass(PrismaClient)`, `.to(PrismaClient)`, or `{ useClass: PrismaClient }`
 * (each resolve or consumer can be one more client). Not a call whose result the file constructs itself
 * (`const Shared = enhancePrisma(PrismaClient)`, then `new Shared()`: that `new` is the site).
 */
function handedClient(call: ts.CallExpression, values: ClientValues): ClientValue | undefined {
  // `@Inject(PrismaClient)` names a token, `app.get(PrismaService)` fetches the instance Nest built: neither builds one.
  if (ts.isDecorator(call.parent) || (ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'get')) return undefined;
  for (const argument of call.arguments) {
    const value = skipWrappers(argument);
    const handed = ts.isObjectLiteralExpression(value)
      ? value.properties.flatMap((p) => (ts.isPropertyAssignment(p) && p.name.getText() === 'useClass' ? [skipWrappers(p.initializer)] : []))
      : [value];
    for (const expression of handed) {
      if (!ts.isIdentifier(expression) && !ts.isPropertyAccessExpression(expression)) continue;
      const client = constructorOf(values.of(expression));
      // Asked last: it looks through the file's constructions, and nearly every call hands on no client class.
      if (client?.type === 'constructor') return constructedLater(call) ? undefined : client;
    }
  }
  return undefined;
}

/** `new (make(C))()`, or `const Made = make(C)` with `new Made()` in the same file. */
function constructedLater(call: ts.CallExpression): boolean {
  let node: ts.Node = call;
  while (isWrapper(node.parent)) node = node.parent;
  if (ts.isNewExpression(node.parent) && node.parent.expression === node) return true;
  const declared = ts.isVariableDeclaration(node.parent) && ts.isIdentifier(node.parent.name) ? node.parent.name.text : undefined;
  if (declared === undefined) return false;
  return constructionCandidates(call.getSourceFile()).some((n) => ts.isNewExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === declared);
}
