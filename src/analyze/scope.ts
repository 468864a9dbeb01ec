import { ts } from '#typescript';

/**
 * Lexical scopes of one file, by syntax alone: which identifier declares a name as seen from a node.
 * `var` is treated as block-scoped, which is exact for the code this tool meets and errs towards "shadowed".
 */
export class Scopes {
  private readonly cache = new Map<ts.Node, ReadonlyMap<string, ts.Identifier>>();

  /** The identifier that declares `name` as seen from `from`; undefined for a global or an undeclared name. */
  findDeclaration(name: string, from: ts.Node): ts.Identifier | undefined {
    for (let node: ts.Node | undefined = from; node; node = node.parent) {
      const declared = this.declaredIn(node)?.get(name);
      if (declared) return declared;
    }
    return undefined;
  }

  /** True when no scope between `from` and the file's top level declares `name`. */
  isFreeBelowModule(name: string, from: ts.Node): boolean {
    for (let node: ts.Node | undefined = from; node && !ts.isSourceFile(node); node = node.parent) {
      if (this.declaredIn(node)?.has(name)) return false;
    }
    return true;
  }

  /** Names declared directly in a node that opens a scope; undefined for other nodes. */
  declaredIn(node: ts.Node): ReadonlyMap<string, ts.Identifier> | undefined {
    if (!opensScope(node)) return undefined;
    let names = this.cache.get(node);
    if (!names) {
      names = collectDeclarations(node);
      this.cache.set(node, names);
    }
    return names;
  }
}

/**
 * Whether each kind of node opens a scope, learnt from the first node of that kind: every test of `testOpensScope`
 * reads the kind alone, and the walk up from each identifier then asks one array per ancestor instead of a dozen tests.
 */
const opensByKind = new Array<boolean | undefined>(ts.SyntaxKind.Count).fill(undefined);

function opensScope(node: ts.Node): boolean {
  let opens = opensByKind[node.kind];
  if (opens === undefined) {
    opens = testOpensScope(node);
    opensByKind[node.kind] = opens;
  }
  return opens;
}

function testOpensScope(node: ts.Node): boolean {
  return (
    ts.isSourceFile(node) ||
    ts.isBlock(node) ||
    ts.isModuleBlock(node) ||
    ts.isCaseBlock(node) ||
    ts.isFunctionLike(node) ||
    ts.isClassLike(node) ||
    ts.isForStatement(node) ||
    ts.isForInStatement(node) ||
    ts.isForOfStatement(node) ||
    ts.isCatchClause(node)
  );
}

function collectDeclarations(node: ts.Node): Map<string, ts.Identifier> {
  const names = new Map<string, ts.Identifier>();
  const add = (name: ts.BindingName | ts.Identifier | undefined): void => addBindingName(names, name);
  if (ts.isSourceFile(node) || ts.isBlock(node) || ts.isModuleBlock(node)) {
    for (const statement of node.statements) addStatement(statement, add);
  } else if (ts.isCaseBlock(node)) {
    for (const clause of node.clauses) for (const statement of clause.statements) addStatement(statement, add);
  } else if (ts.isFunctionLike(node)) {
    // A function expression's own name is visible only inside it; a declaration's name belongs to the outer scope.
    if (ts.isFunctionExpression(node) && node.name) add(node.name);
    for (const parameter of node.parameters) add(parameter.name);
  } else if (ts.isClassLike(node)) {
    if (node.name) add(node.name);
  } else if (ts.isForStatement(node) || ts.isForInStatement(node) || ts.isForOfStatement(node)) {
    const init = node.initializer;
    if (init && ts.isVariableDeclarationList(init)) for (const d of init.declarations) add(d.name);
  } else if (ts.isCatchClause(node)) {
    add(node.variableDeclaration?.name);
  }
  return names;
}

function addStatement(statement: ts.Statement, add: (name: ts.BindingName | undefined) => void): void {
  if (ts.isVariableStatement(statement)) {
    for (const declaration of statement.declarationList.declarations) add(declaration.name);
  } else if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) {
    add(statement.name);
  } else if (ts.isModuleDeclaration(statement) && ts.isIdentifier(statement.name)) {
    add(statement.name);
  } else if (ts.isImportEqualsDeclaration(statement)) {
    add(statement.name);
  } else if (ts.isImportDeclaration(statement) && statement.importClause) {
    const clause = statement.importClause;
    add(clause.name);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) add(bindings.name);
    if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) add(element.name);
  }
}

function addBindingName(names: Map<string, ts.Identifier>, name: ts.BindingName | undefined): void {
  if (!name) return;
  if (ts.isIdentifier(name)) {
    if (!names.has(name.text)) names.set(name.text, name);
    return;
  }
  for (const element of name.elements) {
    if (!ts.isOmittedExpression(element)) addBindingName(names, element.name);
  }
}

/** True when an identifier is read or written as a variable (not a property name, label or declaration). */
export function isReference(identifier: ts.Identifier): boolean {
  const parent = identifier.parent;
  if (ts.isPropertyAccessExpression(parent)) return parent.expression === identifier;
  if (ts.isQualifiedName(parent)) return parent.left === identifier;
  if (ts.isShorthandPropertyAssignment(parent)) return true;
  if (ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent)) {
    return ts.isExportSpecifier(parent) && !parent.parent.parent.moduleSpecifier && (parent.propertyName ?? parent.name) === identifier;
  }
  if (ts.isBindingElement(parent)) return parent.initializer === identifier;
  if (
    (ts.isPropertyAssignment(parent) ||
      ts.isPropertyDeclaration(parent) ||
      ts.isPropertySignature(parent) ||
      ts.isMethodDeclaration(parent) ||
      ts.isMethodSignature(parent) ||
      ts.isGetAccessor(parent) ||
      ts.isSetAccessor(parent) ||
      ts.isEnumMember(parent)) &&
    parent.name === identifier
  ) {
    return false;
  }
  if (
    (ts.isVariableDeclaration(parent) ||
      ts.isParameter(parent) ||
      ts.isFunctionDeclaration(parent) ||
      ts.isFunctionExpression(parent) ||
      ts.isClassLike(parent) ||
      ts.isInterfaceDeclaration(parent) ||
      ts.isTypeAliasDeclaration(parent) ||
      ts.isEnumDeclaration(parent) ||
      ts.isModuleDeclaration(parent) ||
      ts.isImportClause(parent) ||
      ts.isNamespaceImport(parent) ||
      ts.isImportEqualsDeclaration(parent) ||
      ts.isTypeParameterDeclaration(parent)) &&
    parent.name === identifier
  ) {
    return false;
  }
  if (ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent)) return false;
  if (ts.isJsxAttribute(parent)) return false;
  return true;
}
