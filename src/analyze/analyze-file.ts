import { ts } from 'ts-morph';
import type { ClientModules } from './client-modules.js';
import { Scopes } from './scope.js';
import type { FindingKind } from '../core/types.js';

/** How a file binds Prisma's client: a constructor name (`PrismaClient`, `PC`) or a module object (`P`, `m`). */
export interface ClientBinding {
  readonly kind: FindingKind;
  readonly form: 'constructor' | 'namespace';
  /** The identifier that declares the binding. */
  readonly name: ts.Identifier;
  /** The import specifier or destructuring element, when the binding is one of several in its declaration. */
  readonly element: ts.ImportSpecifier | ts.BindingElement | undefined;
  /** The whole declaration the binding lives in: an import, a variable statement, or a callback parameter. */
  readonly declaration: ts.ImportDeclaration | ts.ImportEqualsDeclaration | ts.VariableStatement | ts.ParameterDeclaration;
  readonly edge: boolean;
  /** The module specifier it came from, as written. */
  readonly module: string;
}

/** One `new PrismaClient(...)` and the binding it constructs through (none for `new (require(...)).PrismaClient`). */
export interface Site {
  readonly node: ts.NewExpression;
  readonly kind: FindingKind;
  readonly binding: ClientBinding | undefined;
  readonly edge: boolean;
  readonly module: string;
}

/** The syntax facts about one file that the rewrite needs; pure data over one parsed tree. */
export interface FileAnalysis {
  readonly sourceFile: ts.SourceFile;
  readonly scopes: Scopes;
  readonly bindings: readonly ClientBinding[];
  readonly sites: readonly Site[];
}

interface ModuleRef {
  readonly kind: FindingKind;
  readonly edge: boolean;
  readonly module: string;
}

/** Finds every client binding and every instantiation through one, by syntax and lexical scope. */
export function analyzeFile(sourceFile: ts.SourceFile, modules: ClientModules): FileAnalysis {
  const path = sourceFile.fileName;
  const scopes = new Scopes();
  const bindings: ClientBinding[] = [];
  const news: ts.NewExpression[] = [];
  const refOf = (expression: ts.Expression): ModuleRef | undefined => moduleRef(expression, modules, path);

  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      collectImport(node, modules, path, bindings);
      return;
    }
    // `import P = require('@prisma/client')`: TypeScript's CommonJS import, the module object under a name.
    if (ts.isImportEqualsDeclaration(node) && !node.isTypeOnly && ts.isExternalModuleReference(node.moduleReference)) {
      const specifier = node.moduleReference.expression;
      const target = ts.isStringLiteral(specifier) ? modules.classify(specifier.text, path) : undefined;
      if (target && ts.isStringLiteral(specifier)) {
        bindings.push({
          kind: 'require',
          form: 'namespace',
          name: node.name,
          element: undefined,
          declaration: node,
          edge: target === 'edge',
          module: specifier.text,
        });
      }
      return;
    }
    if (ts.isVariableDeclaration(node) && node.initializer && ts.isVariableStatement(node.parent.parent)) {
      const statement = node.parent.parent;
      const ref = refOf(node.initializer);
      if (ref) bindPattern(node.name, ref, statement, bindings);
      const init = unwrap(node.initializer);
      if (ts.isPropertyAccessExpression(init) && init.name.text === 'PrismaClient' && ts.isIdentifier(node.name)) {
        const inner = refOf(init.expression);
        if (inner) bindings.push({ ...inner, form: 'constructor', name: node.name, element: undefined, declaration: statement });
      }
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'then') {
      const ref = refOf(node.expression.expression);
      const [callback] = node.arguments;
      const parameter = callback && ts.isFunctionLike(callback) ? callback.parameters[0] : undefined;
      if (ref && parameter && ts.isParameter(parameter)) bindPattern(parameter.name, ref, parameter, bindings);
    }
    if (ts.isNewExpression(node)) news.push(node);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return { sourceFile, scopes, bindings, sites: resolveSites(news, bindings, scopes, refOf) };
}

/** The `new` expressions that construct a client through one of the bindings, or straight from `require(...)`. */
function resolveSites(
  news: readonly ts.NewExpression[],
  bindings: readonly ClientBinding[],
  scopes: Scopes,
  refOf: (e: ts.Expression) => ModuleRef | undefined,
): Site[] {
  const byName = new Map(bindings.map((binding) => [binding.name, binding]));
  const sites: Site[] = [];
  for (const node of news) {
    const callee = unwrap(node.expression);
    if (ts.isIdentifier(callee)) {
      const binding = byName.get(scopes.findDeclaration(callee.text, node) ?? callee);
      if (binding?.form === 'constructor') sites.push({ node, kind: binding.kind, binding, edge: binding.edge, module: binding.module });
    } else if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'PrismaClient') {
      const target = unwrap(callee.expression);
      if (ts.isIdentifier(target)) {
        const binding = byName.get(scopes.findDeclaration(target.text, node) ?? target);
        if (binding?.form === 'namespace') sites.push({ node, kind: binding.kind, binding, edge: binding.edge, module: binding.module });
      } else {
        const ref = refOf(target);
        if (ref) sites.push({ node, ...ref, binding: undefined });
      }
    }
  }
  return sites;
}

/** `require('<client>')` or `import('<client>')` (awaited or not): which module, and how it was loaded. */
function moduleRef(expression: ts.Expression, modules: ClientModules, path: string): ModuleRef | undefined {
  const call = unwrap(expression);
  if (!ts.isCallExpression(call) || call.arguments.length !== 1) return undefined;
  const [argument] = call.arguments;
  if (!argument || !ts.isStringLiteralLike(argument)) return undefined;
  const isImport = call.expression.kind === ts.SyntaxKind.ImportKeyword;
  const isRequire = ts.isIdentifier(call.expression) && call.expression.text === 'require';
  if (!isImport && !isRequire) return undefined;
  const target = modules.classify(argument.text, path);
  if (!target) return undefined;
  return { kind: isImport ? 'dynamic-import' : 'require', edge: target === 'edge', module: argument.text };
}

/** A whole module bound to a name (namespace form), or `PrismaClient` destructured from it (constructor form). */
function bindPattern(name: ts.BindingName, ref: ModuleRef, declaration: ClientBinding['declaration'], out: ClientBinding[]): void {
  if (ts.isIdentifier(name)) {
    out.push({ ...ref, form: 'namespace', name, element: undefined, declaration });
    return;
  }
  if (!ts.isObjectBindingPattern(name)) return;
  for (const element of name.elements) {
    const imported = element.propertyName ?? element.name;
    if (ts.isIdentifier(imported) && imported.text === 'PrismaClient' && ts.isIdentifier(element.name)) {
      out.push({ ...ref, form: 'constructor', name: element.name, element, declaration });
    }
  }
}

function collectImport(node: ts.ImportDeclaration, modules: ClientModules, path: string, out: ClientBinding[]): void {
  const clause = node.importClause;
  if (!clause || clause.phaseModifier === ts.SyntaxKind.TypeKeyword || !ts.isStringLiteral(node.moduleSpecifier)) return;
  const target = modules.classify(node.moduleSpecifier.text, path);
  if (!target) return;
  const edge = target === 'edge';
  const module = node.moduleSpecifier.text;
  if (clause.name) {
    out.push({ kind: 'default-import', form: 'namespace', name: clause.name, element: undefined, declaration: node, edge, module });
  }
  const named = clause.namedBindings;
  if (named && ts.isNamespaceImport(named)) {
    out.push({ kind: 'namespace-import', form: 'namespace', name: named.name, element: undefined, declaration: node, edge, module });
  } else if (named) {
    for (const element of named.elements) {
      if (element.isTypeOnly || (element.propertyName ?? element.name).text !== 'PrismaClient') continue;
      out.push({ kind: 'named-import', form: 'constructor', name: element.name, element, declaration: node, edge, module });
    }
  }
}

/** Strips parentheses, `await`, `as`, `satisfies` and `!` around an expression. */
function unwrap(expression: ts.Expression): ts.Expression {
  let current = expression;
  while (
    ts.isParenthesizedExpression(current) ||
    ts.isAwaitExpression(current) ||
    ts.isAsExpression(current) ||
    ts.isSatisfiesExpression(current) ||
    ts.isNonNullExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}
