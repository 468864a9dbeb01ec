import { ts } from 'ts-morph';
import { moduleKeyOf } from '../core/paths.js';
import type { FindingKind, ReasonId } from '../core/types.js';
import { type ClientBinding, type ClientValue, loadCall } from './bindings.js';
import { type AnalysisContext, type ClientValues, isGlobalMember, member } from './client-values.js';

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

/** What one walk over a file collects: its sites, its client bindings, and the project modules it imports. */
export interface Collected {
  readonly sites: Site[];
  readonly bindings: ClientBinding[];
  readonly imports: Set<string>;
}

/** Walks the file once and collects every site, every client binding and every project module it imports. */
export function collectSites(sourceFile: ts.SourceFile, values: ClientValues, context: AnalysisContext): Collected {
  const out: Collected = { sites: [], bindings: [], imports: new Set() };
  const seen = new Set<ClientBinding>();
  const addImport = (specifier: string): void => {
    const target = context.modules.resolve(specifier, sourceFile.fileName);
    if (target !== undefined) out.imports.add(moduleKeyOf(target));
  };
  const visit = (node: ts.Node): void => {
    const site = siteAt(node, values);
    if (site) out.sites.push(site);
    if (ts.isIdentifier(node) && isDeclaringName(node)) {
      const binding = values.ofName(node)?.binding;
      if (binding && binding.name === node && !seen.has(binding)) {
        seen.add(binding);
        out.bindings.push(binding);
      }
    }
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      addImport(node.moduleSpecifier.text);
    }
    const load = ts.isCallExpression(node) ? loadCall(node) : undefined;
    if (load) addImport(load.specifier);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return out;
}

function siteAt(node: ts.Node, values: ClientValues): Site | undefined {
  if (ts.isNewExpression(node)) return site(node, constructorOf(values.of(node.expression)), undefined);
  if (ts.isCallExpression(node) && isGlobalMember(node.expression, 'Reflect', values.scopes) && ts.isPropertyAccessExpression(node.expression)) {
    const [target] = node.arguments;
    if (node.expression.name.text !== 'construct' || !target) return undefined;
    return site(node, constructorOf(values.of(target)), 'reflect-construct');
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

/** An identifier that declares a name a client value can be bound to. */
function isDeclaringName(node: ts.Identifier): boolean {
  const parent = node.parent;
  return (
    ((ts.isImportSpecifier(parent) || ts.isImportClause(parent) || ts.isNamespaceImport(parent) || ts.isImportEqualsDeclaration(parent)) &&
      parent.name === node) ||
    ((ts.isVariableDeclaration(parent) || ts.isBindingElement(parent) || ts.isParameter(parent) || ts.isClassLike(parent)) && parent.name === node)
  );
}
