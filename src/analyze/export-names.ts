import { ts } from '#typescript';
import { commonJsExports } from './commonjs-exports.js';

/**
 * The name under which a module exports its top-level `local`: an export list (`export { db }`, `export { db as
 * prisma }`), `export default local`, or a CommonJS export of it; undefined when it exports it under none.
 */
export function exportedAs(sourceFile: ts.SourceFile, local: string): string | undefined {
  for (const statement of sourceFile.statements) {
    if (ts.isExportDeclaration(statement) && !statement.moduleSpecifier && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      const specifier = statement.exportClause.elements.find((e) => (e.propertyName ?? e.name).getText() === local);
      if (specifier) return specifier.name.getText();
    }
    if (ts.isExportAssignment(statement) && !statement.isExportEquals && ts.isIdentifier(statement.expression) && statement.expression.text === local) {
      return 'default';
    }
    const commonJs = commonJsExport(statement, local);
    if (commonJs) return commonJs;
  }
  return undefined;
}

/**
 * `module.exports = { prisma }`, `module.exports = { db: prisma }`, `module.exports.prisma = prisma`, `exports.prisma =
 * prisma`; `module.exports = prisma` exports the client as the module itself (`module.exports`: importers require it whole).
 */
function commonJsExport(statement: ts.Statement, local: string): string | undefined {
  if (!ts.isExpressionStatement(statement)) return undefined;
  const entry = commonJsExports(statement.expression).find((e) => (e.kind === 'named' || e.kind === 'whole') && e.value.getText() === local);
  return entry?.kind === 'named' ? entry.name : entry?.kind === 'whole' ? WHOLE_MODULE : undefined;
}

/** The export name of a client that is the CommonJS module itself (`module.exports = prisma`). */
export const WHOLE_MODULE = 'module.exports';
