import { ts } from '#typescript';
import type { FileAnalysis, Site } from './analyze-file.js';
import type { OptionImport } from './client-options.js';

/** Packages whose import (or whose `config()` called without arguments) loads `.env` into process.env. */
const ENV_LOADERS = new Set(['dotenv/config', 'dotenv-flow/config', '@dotenvx/dotenvx/config']);
const ENV_PACKAGES = new Set(['dotenv', 'dotenv-flow', '@dotenvx/dotenvx']);
/** A relative module that by its name sets up the environment: `./env`, `../config/env.js`, `./load-env`. */
const ENV_MODULE = /(^|\/)([\w-]*env[\w-]*|config)(\.[cm]?[jt]s)?$/i;

/**
 * What moving a site's client into the singleton does to the environment its options read. The singleton is
 * evaluated where the site file imports it, before that file's own body runs, so code above the site that changes
 * process.env (a call such as `loadEnv()`, or an env module imported after the client) would then run too late.
 * - `safe`: the options read no environment, or nothing above the site can change it;
 * - `carry`: what changes it is an env loader the singleton can run itself first (`import 'dotenv/config'`,
 *   `dotenv.config()` without arguments, `import './env'`): those imports go into the singleton;
 * - `unsafe`: anything else; the site is left for review.
 */
export type EnvOrder =
  | { readonly kind: 'safe' }
  | { readonly kind: 'carry'; readonly imports: readonly OptionImport[] }
  | { readonly kind: 'unsafe'; readonly line: number };

export function envOrder(site: Site, analysis: FileAnalysis, clientImport: ts.Node | undefined): EnvOrder {
  const { sourceFile } = analysis;
  if (!readsEnvironment(site.node, analysis)) return { kind: 'safe' };
  const at = topLevelStatement(site.node);
  const carried: OptionImport[] = [];
  for (const statement of sourceFile.statements) {
    if (statement === at || statement.pos >= (at?.pos ?? sourceFile.end)) break;
    if (ts.isImportDeclaration(statement)) {
      if (!clientImport || statement.pos <= clientImport.pos || statement.importClause?.phaseModifier === ts.SyntaxKind.TypeKeyword) continue;
      const module = ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : '';
      if (ENV_LOADERS.has(module) || (module.startsWith('.') && ENV_MODULE.test(module))) carried.push({ module, fromPath: sourceFile.fileName, clause: '' });
      else if (!statement.importClause) return unsafe(statement);
      continue;
    }
    if (!mayChangeEnvironment(statement)) continue;
    const loader = dotenvConfig(statement, analysis);
    if (!loader) return unsafe(statement);
    carried.push({ module: `${loader}/config`, fromPath: sourceFile.fileName, clause: '' });
  }
  return carried.length === 0 ? { kind: 'safe' } : { kind: 'carry', imports: carried };

  function unsafe(statement: ts.Node): EnvOrder {
    return { kind: 'unsafe', line: sourceFile.getLineAndCharacterOfPosition(statement.getStart()).line + 1 };
  }
}

/** The site's options, or the module-level constants they name, read `process.env` or `import.meta.env`. */
function readsEnvironment(node: Site['node'], analysis: FileAnalysis): boolean {
  const seen = new Set<ts.Node>();
  const visit = (current: ts.Node): boolean => {
    if (seen.has(current)) return false;
    seen.add(current);
    if (ts.isPropertyAccessExpression(current) && current.name.text === 'env') {
      const object = current.expression;
      if ((ts.isIdentifier(object) && object.text === 'process') || ts.isMetaProperty(object)) return true;
    }
    if (ts.isIdentifier(current)) {
      const declared = analysis.scopes.findDeclaration(current.text, current)?.parent;
      if (declared && ts.isVariableDeclaration(declared) && declared.initializer && ts.isSourceFile(declared.parent.parent.parent))
        return visit(declared.initializer);
    }
    return ts.forEachChild(current, visit) ?? false;
  };
  return ts.isExpressionWithTypeArguments(node) ? false : (node.arguments ?? []).some(visit);
}

function topLevelStatement(node: ts.Node): ts.Statement | undefined {
  return node.getSourceFile().statements.find((statement) => statement.pos <= node.pos && node.end <= statement.end);
}

const ENV_WORD = /env|config/i;

/**
 * A statement of its own that calls something which may set up the environment: a plain function call
 * (`loadEnv()`, `setup()`), or a method whose object or name speaks of it (`dotenv.config()`, `env.load()`).
 * Calls on the application's own objects (`app.use(cors())`) and declarations are not.
 */
function mayChangeEnvironment(statement: ts.Statement): boolean {
  if (!ts.isExpressionStatement(statement)) return false;
  let expression = statement.expression;
  while (ts.isAwaitExpression(expression) || ts.isVoidExpression(expression) || ts.isParenthesizedExpression(expression)) expression = expression.expression;
  if (!ts.isCallExpression(expression)) return false;
  const callee = expression.expression;
  if (ts.isIdentifier(callee)) return true;
  return ts.isPropertyAccessExpression(callee) && (ENV_WORD.test(callee.name.text) || ENV_WORD.test(callee.expression.getText()));
}

/** `dotenv.config()`, `config()` or `configDotenv()` imported from an env package, with no arguments: the package. */
function dotenvConfig(statement: ts.Statement, analysis: FileAnalysis): string | undefined {
  if (!ts.isExpressionStatement(statement) || !ts.isCallExpression(statement.expression) || statement.expression.arguments.length > 0) return undefined;
  const callee = statement.expression.expression;
  const name = ts.isIdentifier(callee) ? callee : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) ? callee.expression : undefined;
  const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
  if (!name || !['config', 'configDotenv'].includes(method)) return undefined;
  const declared = analysis.scopes.findDeclaration(name.text, name);
  let node: ts.Node | undefined = declared;
  while (node && !ts.isImportDeclaration(node)) node = node.parent;
  const module = node && ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) ? node.moduleSpecifier.text : undefined;
  return module && ENV_PACKAGES.has(module) ? module : undefined;
}
