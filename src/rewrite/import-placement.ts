import { ts } from '#typescript';
import type { Edit } from './edits.js';
import type { CodeStyle } from './style.js';

/** Where the singleton's import goes: in place of a removed client import, after the last import, or at the top. */
export function placeImport(statementText: string, freed: ts.Statement | undefined, sourceFile: ts.SourceFile, style: CodeStyle, edits: readonly Edit[]): Edit {
  if (freed) return { start: freed.getStart(), end: freed.end, text: statementText };
  const statements = sourceFile.statements;
  const lastImport = [...statements].reverse().find((s) => ts.isImportDeclaration(s) || ts.isImportEqualsDeclaration(s) || isTopLevelRequire(s));
  if (lastImport) return { start: lastImport.end, end: lastImport.end, text: `${style.eol}${statementText}` };
  const first = statements.find((s) => !isDirective(s));
  const at = first ? first.getStart() : sourceFile.text.length;
  // Standing in for a statement that goes (the file's only client), it takes that statement's line, not a new gap.
  const replacesRemoved = edits.some((edit) => edit.text === '' && edit.start <= at && at < edit.end);
  return { start: at, end: at, text: `${statementText}${style.eol}${replacesRemoved ? '' : style.eol}` };
}

function isTopLevelRequire(statement: ts.Statement): boolean {
  if (!ts.isVariableStatement(statement)) return false;
  return statement.declarationList.declarations.some((d) => {
    const init = d.initializer;
    return !!init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require';
  });
}

function isDirective(statement: ts.Statement): boolean {
  return ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression);
}

/** Joins an insertion with an edit that starts at the same point, so that the two do not count as overlapping. */
export function mergeInsertions(edits: readonly Edit[]): Edit[] {
  const out: Edit[] = [];
  for (const edit of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
    const last = out[out.length - 1];
    if (last && last.start === edit.start && last.end === last.start) {
      out[out.length - 1] = { start: last.start, end: edit.end, text: last.text + edit.text };
    } else {
      out.push(edit);
    }
  }
  return out;
}

/**
 * True when `node` starts an expression statement whose previous statement ends without a semicolon, so that text
 * starting with `(` there would be read as a call on the line before.
 */
export function continuesPrevious(node: ts.Node, text: string): boolean {
  let statement: ts.Node = node;
  while (!ts.isExpressionStatement(statement) && statement.parent && statement.parent.getStart() === node.getStart()) statement = statement.parent;
  if (!ts.isExpressionStatement(statement) || statement.getStart() !== node.getStart()) return false;
  const container = statement.parent;
  const siblings: readonly ts.Statement[] =
    ts.isBlock(container) || ts.isSourceFile(container) || ts.isModuleBlock(container) || ts.isCaseOrDefaultClause(container) ? container.statements : [];
  const previous = siblings[siblings.indexOf(statement) - 1];
  return !!previous && !/[;}]$/.test(text.slice(previous.getStart(), previous.end));
}
