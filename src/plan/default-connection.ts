import { ts } from '#typescript';

/** Environment variables read in a connection options key: `process.env.X`, `process.env['X']`, `import.meta.env.X`, `env.X`, `env('X')`. */
const ENV_READ = /\b(?:process\.env|import\.meta\.env|env)\s*(?:\.\s*(\w+)|\[\s*['"`](\w+)['"`]\s*\])|\benv\(\s*['"`](\w+)['"`]\s*\)/g;

/**
 * Whether a singleton built with the options `key` surely connects somewhere other than the default connection
 * (`defaultEnv`, the variable the schema's or prisma.config.ts's url reads): its options read environment variables,
 * and none of them is that one (`datasourceUrl: process.env.REPORTING_URL` beside `url = env("DATABASE_URL")`). A site
 * with no options of its own uses the default connection, so moving it onto such a singleton would change its
 * database. Unknown (no default variable known, or options that read none) is not "surely": the site joins as before.
 */
export function connectsElsewhere(key: string, defaultEnv: string | undefined): boolean {
  if (key === '' || defaultEnv === undefined) return false;
  const names = [...key.matchAll(ENV_READ)].map((m) => m[1] ?? m[2] ?? m[3]);
  return names.length > 0 && !names.includes(defaultEnv);
}

/**
 * The text of the arguments a project's client subclass passes to `super(...)` in its constructor (what its connection
 * options read), or '' when it has no such call: a Nest provider's options, for `connectsElsewhere`.
 */
export function superArguments(sourceFile: ts.SourceFile | undefined, className: string): string {
  const declaration = sourceFile?.statements.find((s): s is ts.ClassDeclaration => ts.isClassDeclaration(s) && s.name?.text === className);
  const init = declaration?.members.find(ts.isConstructorDeclaration);
  const call = init?.body?.statements
    .map((s) => (ts.isExpressionStatement(s) ? s.expression : undefined))
    .find((e): e is ts.CallExpression => e !== undefined && ts.isCallExpression(e) && e.expression.kind === ts.SyntaxKind.SuperKeyword);
  return call ? call.arguments.map((a) => a.getText()).join(', ') : '';
}
