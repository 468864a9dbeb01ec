import { createHash } from 'node:crypto';
import { ts } from '#typescript';

/**
 * A key for a site that survives edits elsewhere in its file: a hash of its statement's tokens (comments and
 * formatting do not count) and of the names of the declarations around it (`UserService/constructor`). It does not
 * depend on line or column, so lines added above a site keep it; the planner appends the occurrence among sites of
 * its file with the same key (`<hash>:<n>`) to tell identical statements apart. Pure.
 */
export function siteKey(node: ts.Node): string {
  const sourceFile = node.getSourceFile();
  const statement = enclosingStatement(node);
  // The scanner, not the tree's children: several times cheaper, and it caches nothing on the nodes. Without the
  // parser's context it may split a template or a regular expression differently, but always the same way.
  const scanner = ts.createScanner(
    ts.ScriptTarget.Latest,
    true,
    sourceFile.languageVariant,
    sourceFile.text,
    undefined,
    statement.getStart(sourceFile),
    statement.end - statement.getStart(sourceFile),
  );
  const tokens: string[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) tokens.push(scanner.getTokenText());
  return createHash('sha256')
    .update(`${declarationNames(statement).join('/')}\n${tokens.join(' ')}`)
    .digest('hex')
    .slice(0, 16);
}

/** The statement (or class member) that holds the node: the unit a person would call "that line of code". */
function enclosingStatement(node: ts.Node): ts.Node {
  let current = node;
  while (current.parent && !holdsStatements(current.parent)) current = current.parent;
  return current;
}

function holdsStatements(node: ts.Node): boolean {
  return ts.isSourceFile(node) || ts.isBlock(node) || ts.isModuleBlock(node) || ts.isCaseOrDefaultClause(node) || ts.isClassLike(node);
}

/** Names of the named declarations around the statement, outermost first. */
function declarationNames(statement: ts.Node): string[] {
  const names: string[] = [];
  for (let current = statement.parent; current && !ts.isSourceFile(current); current = current.parent) {
    if (ts.isConstructorDeclaration(current)) names.unshift('constructor');
    const name = declarationName(current);
    if (name && (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name))) names.unshift(name.text);
  }
  return names;
}

function declarationName(node: ts.Node): ts.Node | undefined {
  if (ts.isClassLike(node) || ts.isFunctionLike(node) || ts.isVariableDeclaration(node) || ts.isPropertyAssignment(node) || ts.isModuleDeclaration(node)) {
    return node.name;
  }
  return undefined;
}
