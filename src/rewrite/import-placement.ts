import { ts } from '#typescript';
import type { ModuleSyntax } from '../core/types.js';
import type { Cleanup } from './cleanup.js';
import { statementRemoval, type Edit } from './edits.js';
import type { ImportSpecifiers } from './import-statement.js';
import { joinSingletonImport, type SingletonImport } from './singleton-import.js';
import type { CodeStyle } from './style.js';

/** What the file's import of the singleton is made from, once the sites are rewritten and the cleanup is known. */
export interface ImportPlan {
  readonly sourceFile: ts.SourceFile;
  readonly style: CodeStyle;
  readonly syntax: ModuleSyntax;
  readonly specifier: string;
  readonly imports: ImportSpecifiers;
  /** The file's own import of the singleton, which the names join. */
  readonly existing: SingletonImport | undefined;
  readonly cleanup: Cleanup;
  readonly edits: readonly Edit[];
}

/**
 * The edits that give the file its import of the singleton: the names join the file's own import of it (unless the
 * cleanup takes that declaration away), or a statement of their own goes where `placeImport` says.
 */
export function singletonImportEdits(plan: ImportPlan): Edit[] {
  const { sourceFile, style, imports, existing, cleanup } = plan;
  const text = sourceFile.text;
  const out: Edit[] = [];
  const joins = existing !== undefined && imports.list.length > 0 && !removesWhole(cleanup, existing.declaration);
  if (joins) out.push(joinSingletonImport(existing, imports.list));
  const statementText = joins ? undefined : imports.statement(plan.specifier, style);
  // An ES import does not stand in for a `require` statement (it may sit below the imports); the statement just goes.
  const freed = cleanup.freed && !(plan.syntax === 'esm' && ts.isVariableStatement(cleanup.freed)) ? cleanup.freed : undefined;
  if (cleanup.freed && cleanup.freed !== freed) out.push(statementRemoval(text, cleanup.freed));
  if (statementText) out.push(placeImport(statementText, freed, sourceFile, style, [...plan.edits, ...out]));
  else if (freed) out.push(statementRemoval(text, freed));
  return out;
}

/** The cleanup takes the statement away: it frees it for the singleton's import, or removes it. */
function removesWhole(cleanup: Cleanup, statement: ts.Statement): boolean {
  return cleanup.freed === statement || cleanup.edits.some((edit) => edit.start <= statement.getStart() && edit.end >= statement.end);
}

/**
 * Where the singleton's import goes: in place of a removed client import, after the last import that stays, or at the
 * top. `freed` is taken only when it is an import, or when the singleton is loaded with `require` too: an ES import
 * does not take the place of a `require` an ES module made for itself, which often stands below its imports.
 */
export function placeImport(statementText: string, freed: ts.Statement | undefined, sourceFile: ts.SourceFile, style: CodeStyle, edits: readonly Edit[]): Edit {
  if (freed) return { start: freed.getStart(), end: freed.end, text: statementText };
  const statements = sourceFile.statements;
  const stays = (s: ts.Statement): boolean => !edits.some((edit) => edit.text === '' && edit.start <= s.getStart() && s.end <= edit.end);
  const esImport = (s: ts.Statement): boolean => ts.isImportDeclaration(s) || ts.isImportEqualsDeclaration(s);
  const reversed = [...statements].reverse();
  // An ES import joins the file's ES imports when it has some, wherever its `require` calls stand.
  const lastImport =
    (statementText.startsWith('import ') ? reversed.find((s) => esImport(s) && stays(s)) : undefined) ??
    reversed.find((s) => (esImport(s) || isTopLevelRequire(s)) && stays(s));
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
