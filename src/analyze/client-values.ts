import { ts } from '#typescript';
import { moduleKeyOf, packageModuleKey } from '../core/paths.js';
import type { FindingKind } from '../core/types.js';
import type { ClientModules } from '../discover/client-modules.js';
import { bindingFor, type ClientValue, type ProjectClasses, loadCall, memberName } from './bindings.js';
import { either, member, undeclared } from './client-members.js';
import { unwrap } from './expressions.js';
import { isReassigned } from './references.js';
import type { Scopes } from './scope.js';
import { parameterSource } from './parameter-values.js';

/** What the analysis of one file knows about the project: its client modules and the client classes its files export. */
export interface AnalysisContext {
  readonly modules: ClientModules;
  readonly classes: ProjectClasses;
}

/**
 * Follows client values through one file by syntax and lexical scope: imports, `require`, `import()` and its `.then`
 * parameter, destructuring and member access (`default` interop included), aliases, subclasses, and the places a
 * constructor flows where the tool cannot tell which class arrives (a conditional, a call's result, a `Proxy`, a
 * reassigned variable, a typed parameter): those come back marked for review, never lost.
 */
export class ClientValues {
  private readonly named = new Map<ts.Identifier, ClientValue | null>();
  private byName: ReadonlyMap<string, ReadonlyArray<ts.BinaryExpression & { readonly left: ts.Identifier }>> | undefined;
  private spells: boolean | undefined;

  constructor(
    private readonly sourceFile: ts.SourceFile,
    readonly scopes: Scopes,
    private readonly context: AnalysisContext,
  ) {}

  /** Whether the file spells `PrismaClient` in a string: the only way a computed key can name it. */
  private spellsClient(): boolean {
    this.spells ??= /(['"`])PrismaClient\1/.test(this.sourceFile.text);
    return this.spells;
  }

  /** What an expression holds. */
  of(expression: ts.Expression): ClientValue | undefined {
    const e = unwrap(expression);
    if (ts.isIdentifier(e)) {
      const declared = this.scopes.findDeclaration(e.text, e);
      return declared ? this.ofName(declared) : undeclared(e);
    }
    const load = loadCall(e);
    if (load) return this.loaded(load.specifier, load.kind);
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) return member(this.of(e.expression), memberName(e), this.spellsClient());
    if (ts.isConditionalExpression(e)) return either([this.of(e.whenTrue), this.of(e.whenFalse)]);
    if (ts.isBinaryExpression(e)) return this.binary(e);
    if (ts.isClassExpression(e)) return this.subclass(e);
    // A call or `new Proxy(...)` handed a client constructor may give it back, changed or not.
    if (ts.isCallExpression(e) && !isGlobalMember(e.expression, 'Reflect', this.scopes)) return this.passedOn(e.arguments);
    if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'Proxy') return this.passedOn(e.arguments?.slice(0, 1) ?? []);
    return undefined;
  }

  /** What the name declared by `name` (a declaring identifier) holds; memoised, and a cycle holds nothing. */
  ofName(name: ts.Identifier): ClientValue | undefined {
    const known = this.named.get(name);
    if (known !== undefined) return known ?? undefined;
    this.named.set(name, null);
    const raw = this.declared(name);
    const value = raw && raw.type !== 'project' ? { ...raw, binding: bindingFor(name, raw) } : raw;
    this.named.set(name, value ?? null);
    return value;
  }

  /** `require(x)`, `import(x)`, `import ... from x`: a client module object, a project module, or nothing. */
  loaded(specifier: string, kind: FindingKind): ClientValue | undefined {
    const path = this.sourceFile.fileName;
    // A workspace package's module that exports a client subclass (run/plan-unit.ts subclassesOf: never one that
    // re-exports PrismaClient) is known by its name, before any guess from a specifier's shape (`@repo/db/client` is no
    // generated client there).
    const packaged = this.context.classes.get(packageModuleKey(specifier));
    const client = packaged ? undefined : this.context.modules.classify(specifier, path);
    if (client) return { type: 'module', origin: { kind, module: specifier, ...client }, binding: undefined, review: undefined };
    const target = packaged ? undefined : this.context.modules.resolve(specifier, path);
    const exports = packaged ?? (target === undefined ? undefined : this.context.classes.get(moduleKeyOf(target)));
    if (!exports) {
      // A module the tool cannot follow, a package it does not read, or a project module it knows no client class of
      // (a barrel that passes a package on whole, `export * from '@acme/db'`, is never read): its PrismaClient,
      // however it is reached (`import { PrismaClient }`, `ns.PrismaClient`, `require(x).PrismaClient`), is a client
      // for review.
      const review = this.unknownModule(specifier, path) ?? (target === undefined ? undefined : 'project-reexport');
      return review ? { type: 'module', origin: { kind, module: specifier, clientModule: specifier, edge: false }, binding: undefined, review } : undefined;
    }
    const project: ClientValue = { type: 'project', exports, kind, module: specifier, binding: undefined };
    // `require()` of a module whose `module.exports` is a client module gives that module itself.
    return kind === 'require' && exports.get('default')?.form === 'module' ? member(project, 'default') : project;
  }

  private unknownModule(specifier: string, path: string): 'unresolved-client-module' | 'package-client' | undefined {
    if (this.context.modules.unresolved(specifier, path)) return 'unresolved-client-module';
    return this.context.modules.declaredPackage(specifier, path) ? 'package-client' : undefined;
  }

  /** `class X extends <client constructor>`: a subclass, which constructs a client on every `new` and every `super()`. */
  subclass(node: ts.ClassLikeDeclaration): ClientValue | undefined {
    const heritage = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
    const base = heritage ? this.of(heritage.expression) : undefined;
    return base?.type === 'constructor' ? { ...base, binding: undefined, review: 'client-subclass' } : undefined;
  }

  private declared(name: ts.Identifier): ClientValue | undefined {
    const parent = name.parent;
    if (ts.isImportSpecifier(parent) || ts.isImportClause(parent) || ts.isNamespaceImport(parent)) return this.imported(parent);
    if (ts.isImportEqualsDeclaration(parent) && ts.isExternalModuleReference(parent.moduleReference)) {
      const specifier = parent.moduleReference.expression;
      return ts.isStringLiteralLike(specifier) && !parent.isTypeOnly ? this.loaded(specifier.text, 'require') : undefined;
    }
    if (ts.isVariableDeclaration(parent) && parent.name === name) return this.variable(name, parent.initializer);
    if (ts.isBindingElement(parent) && parent.name === name) return this.variable(name, undefined, parent);
    if (ts.isParameter(parent) && parent.name === name) return parameterSource(parent, this);
    if (ts.isClassLike(parent) && parent.name === name) return this.subclass(parent);
    return undefined;
  }

  private imported(node: ts.ImportSpecifier | ts.ImportClause | ts.NamespaceImport): ClientValue | undefined {
    const clause = ts.isImportClause(node) ? node : ts.isNamespaceImport(node) ? node.parent : node.parent.parent;
    const declaration = clause.parent;
    if (clause.phaseModifier === ts.SyntaxKind.TypeKeyword || (ts.isImportSpecifier(node) && node.isTypeOnly)) return undefined;
    if (!ts.isStringLiteral(declaration.moduleSpecifier)) return undefined;
    const kind: FindingKind = ts.isImportSpecifier(node) ? 'named-import' : ts.isNamespaceImport(node) ? 'namespace-import' : 'default-import';
    const module = this.loaded(declaration.moduleSpecifier.text, kind);
    if (ts.isNamespaceImport(node)) return module;
    const imported = ts.isImportSpecifier(node) ? (node.propertyName ?? node.name).text : 'default';
    return member(module, imported);
  }

  /** A variable, or a destructured element, with reassignment making it uncertain. */
  private variable(name: ts.Identifier, initializer: ts.Expression | undefined, element?: ts.BindingElement): ClientValue | undefined {
    let value = element ? this.element(element) : initializer ? this.of(initializer) : this.assigned(name);
    if (value && value.type !== 'project' && (initializer || element) && !isConst(name) && isReassigned(name, this.scopes)) {
      value = { ...value, review: 'unresolved-constructor' };
    }
    return value;
  }

  /** What one element of an object destructuring reads from its source. */
  element(element: ts.BindingElement): ClientValue | undefined {
    const pattern = element.parent;
    if (!ts.isObjectBindingPattern(pattern)) return undefined;
    const holder = pattern.parent;
    const source = ts.isVariableDeclaration(holder)
      ? holder.initializer && this.of(holder.initializer)
      : ts.isParameter(holder)
        ? parameterSource(holder, this)
        : ts.isBindingElement(holder)
          ? this.element(holder)
          : undefined;
    return element.dotDotDotToken ? source : member(source, memberName(element), this.spellsClient());
  }

  /** `let C; ... C = P.PrismaClient`: what the assignments give it, never certain. */
  private assigned(name: ts.Identifier): ClientValue | undefined {
    const values = (this.assignments().get(name.text) ?? [])
      .filter((assignment) => this.scopes.findDeclaration(name.text, assignment.left) === name)
      .map((assignment) => this.of(assignment.right))
      .filter((v) => v !== undefined);
    const value = either(values);
    return value && value.type !== 'project' ? { ...value, review: 'unresolved-constructor' } : undefined;
  }

  /** Every `name = value` in the file by name, collected on first use in one walk. */
  private assignments(): ReadonlyMap<string, ReadonlyArray<ts.BinaryExpression & { readonly left: ts.Identifier }>> {
    if (this.byName) return this.byName;
    const found = new Map<string, Array<ts.BinaryExpression & { readonly left: ts.Identifier }>>();
    const visit = (node: ts.Node): void => {
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && isIdentifierAssignment(node)) {
        found.set(node.left.text, [...(found.get(node.left.text) ?? []), node]);
      }
      ts.forEachChild(node, visit);
    };
    visit(this.sourceFile);
    this.byName = found;
    return found;
  }

  private binary(e: ts.BinaryExpression): ClientValue | undefined {
    const op = e.operatorToken.kind;
    if (op === ts.SyntaxKind.CommaToken || op === ts.SyntaxKind.EqualsToken) return this.of(e.right);
    if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.AmpersandAmpersandToken) {
      return either([this.of(e.left), this.of(e.right)]);
    }
    return undefined;
  }

  private passedOn(args: readonly ts.Expression[]): ClientValue | undefined {
    for (const argument of args) {
      const value = this.of(argument);
      if (value?.type === 'constructor') return { ...value, binding: undefined, review: 'unresolved-constructor' };
    }
    return undefined;
  }
}

function isIdentifierAssignment(node: ts.BinaryExpression): node is ts.BinaryExpression & { readonly left: ts.Identifier } {
  return ts.isIdentifier(node.left);
}

function isConst(name: ts.Identifier): boolean {
  let node: ts.Node = name.parent;
  while (!ts.isVariableDeclarationList(node) && node.parent && !ts.isParameter(node)) node = node.parent;
  return ts.isVariableDeclarationList(node) && (node.flags & ts.NodeFlags.Const) !== 0;
}

/** `Reflect.x(...)`, with `Reflect` the global (not shadowed by a local declaration). */
export function isGlobalMember(callee: ts.Expression, global: string, scopes: Scopes): boolean {
  return (
    ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === global && !scopes.findDeclaration(global, callee)
  );
}
