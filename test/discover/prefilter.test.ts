import { describe, expect, it } from 'vitest';
import { mayConstructClient, type Interest } from '../../src/discover/prefilter.js';

/** `@prisma/client` and its subpaths are clients; `./prisma.service` is a project module that exports a client class. */
const INTEREST: Interest = (specifier) =>
  specifier.startsWith('@prisma/client') && !specifier.includes('runtime') ? 'client' : specifier === './prisma.service' ? 'project' : undefined;

const IMPORT = "import { PrismaClient } from '@prisma/client';\n";

/** Texts the prefilter must send to the parser ("maybe"), named "<says maybe> when <condition>". */
const maybe: ReadonlyArray<{ name: string; text: string; path?: string }> = [
  { name: 'passes a plain construction', text: `${IMPORT}const prisma = new PrismaClient();` },
  { name: 'passes a namespace member', text: "import * as P from '@prisma/client';\nnew P.PrismaClient();" },
  { name: 'passes a renamed import', text: "import { PrismaClient as PC } from '@prisma/client';\nexport const db = new PC();" },
  { name: 'passes a renamed destructuring', text: "const { PrismaClient: PC } = require('@prisma/client');\nconst db = new PC();" },
  { name: 'passes a parenthesised callee', text: `${IMPORT}export const c = new (PrismaClient)();` },
  { name: 'passes a commented callee', text: `${IMPORT}export const c = new /* pooled */ PrismaClient();` },
  { name: 'passes a callee on the next line', text: `${IMPORT}export const c = new\n  PrismaClient();` },
  { name: 'passes an alias then a construction', text: `${IMPORT}const C = PrismaClient;\nexport const c = new C();` },
  { name: 'passes Reflect.construct', text: `${IMPORT}export const c = Reflect.construct(PrismaClient, []);` },
  // Round 7: a container builds the class it is handed; none of these has a construction token.
  { name: 'passes the class handed to a container', text: `${IMPORT}container.register('Db', PrismaClient);` },
  { name: 'passes the class handed as the first argument', text: `${IMPORT}box.register({ db: asClass(PrismaClient) });` },
  { name: 'passes a useClass provider', text: `${IMPORT}container.register('Db', { useClass: PrismaClient });` },
  { name: 'passes a subclass declaration without new', text: `${IMPORT}export class PrismaService extends PrismaClient {}` },
  {
    name: 'passes a default import destructured',
    text: "import Prisma from '@prisma/client';\nconst { PrismaClient } = Prisma;\nexport const db = new PrismaClient();",
  },
  { name: 'passes a member read by a string', text: "import * as P from '@prisma/client';\nexport const db = new P['PrismaClient']();" },
  { name: 'passes a subpath in a dynamic import', text: "import('@prisma/client/index.js').then((mod) => new mod.PrismaClient());" },
  { name: 'passes a require in a template literal', text: 'const { PrismaClient } = require(`@prisma/client`);\nnew PrismaClient();' },
  { name: 'passes a file that passes the constructor on', text: `${IMPORT}export { PrismaClient };` },
  { name: 'passes a re-export of a client module', text: "export * from '@prisma/client';" },
  { name: 'passes PrismaClient passed on by name from any package', text: "export { PrismaClient } from '@acme/db';" },
  { name: 'passes PrismaClient imported from any package and exported', text: "import { PrismaClient } from '@acme/db';\nexport { PrismaClient as Db };" },
  {
    name: 'passes a CommonJS barrel of PrismaClient from any package',
    text: "const { PrismaClient } = require('@acme/db');\nmodule.exports = { PrismaClient };",
  },
  { name: 'passes a namespace re-export of a client module', text: "export * as db from '@prisma/client';" },
  { name: 'passes a barrel that exports a namespace import', text: "import * as P from '@prisma/client';\nexport { P };" },
  { name: 'passes a barrel that exports a default import', text: "import pkg from '@prisma/client';\nexport default pkg;" },
  { name: 'passes a barrel that exports `default` imported in braces', text: "import { default as pkg } from '@prisma/client';\nexport { pkg };" },
  { name: 'passes a CommonJS barrel', text: "module.exports = require('@prisma/client');" },
  { name: 'passes a CommonJS barrel that spreads the module', text: "const P = require('@prisma/client');\nmodule.exports = { ...P };" },
  { name: 'passes a barrel that exports a dynamic import', text: "export const load = () => import('@prisma/client');" },
  { name: 'passes a member read by a computed key', text: "import * as P from '@prisma/client';\nconst db = new P[process.env.CLIENT_CLASS ?? '']();" },
  { name: 'passes a construction of a project client class', text: "import { PrismaService } from './prisma.service';\nexport const s = new PrismaService();" },
  { name: 'passes a default import named type', text: "import type from '@prisma/client';\nconst { PrismaClient } = type;\nnew PrismaClient();" },
  { name: 'passes code after a comment on the same line', text: `${IMPORT}/* setup */ const p = new PrismaClient();` },
  { name: 'passes code inside a template substitution', text: `${IMPORT}const s = \`\${new PrismaClient().x}\`;` },
  { name: 'passes code after a template with a substitution', text: `${IMPORT}const s = \`a \${b} c\`;\nconst p = new PrismaClient();` },
  { name: 'passes code after a regular expression with a quote', text: `${IMPORT}const re = /'/;\nconst p = new PrismaClient();` },
  { name: 'passes code after a division', text: `${IMPORT}const half = total / 2;\nconst p = new PrismaClient(); // a / b` },
  { name: 'passes when a slash needs the parser to be read', text: "if (ok) /'/.test(s); const p = new PrismaClient();" },
  { name: 'passes a construction the file never imports (an auto-import)', text: 'const prisma = new PrismaClient();' },
  { name: 'passes a parenthesised construction the file never imports', text: 'export default () => new ( PrismaClient )();' },
  { name: 'passes a subclass of a name the file never imports', text: 'export class Db extends PrismaClient {}' },
  { name: 'passes Reflect.construct of a name the file never imports', text: 'export const db = Reflect.construct(PrismaClient, []);' },
  { name: 'passes an alias of a name the file never imports', text: 'const Client = PrismaClient;\nexport const db = new Client();' },
  { name: 'passes a name the file never imports passed to a wrapper', text: 'export const db = new (withLogging(PrismaClient))();' },
  {
    name: 'passes a name the file never imports in an annotation next to any construction (only the parser tells a type)',
    text: 'let c: PrismaClient;\nthrow new PrismaClientError();',
  },
  {
    name: 'passes a JSX file that constructs a name it never imports',
    text: 'const p = new PrismaClient();\nexport const A = () => <p />;',
    path: 'src/a.tsx',
  },
  { name: 'passes every JSX file that mentions a construction and a client import', text: `${IMPORT}<p>{/* new PrismaClient() */}</p>`, path: 'src/a.tsx' },
];

/** Texts that cannot construct a client in code: the prefilter may say no. */
const no: ReadonlyArray<{ name: string; text: string }> = [
  { name: 'stops a line comment', text: `${IMPORT}// const prisma = new PrismaClient();\nconst x = 1;` },
  { name: 'stops a block comment', text: `${IMPORT}/**\n * Do not call new PrismaClient() here.\n */\nconst x = 1;` },
  { name: 'stops a string', text: `${IMPORT}const hint = 'use new PrismaClient() once';` },
  { name: 'stops template text', text: `${IMPORT}const hint = \`use \${name}: new PrismaClient() once\`;` },
  { name: 'stops a regular expression', text: `${IMPORT}const re = /new PrismaClient\\(/;` },
  {
    name: 'stops a type-only import',
    text: "import type { PrismaClient } from '@prisma/client';\nlet c: PrismaClient;\nconst m = new Map();\nexport default m;",
  },
  { name: 'stops an export of types only', text: "export type { PrismaClient } from '@prisma/client';" },
  {
    name: 'stops a type-only export of PrismaClient from any package',
    text: "export { type PrismaClient } from '@acme/db';\nexport type { PrismaClient as Db } from '@acme/db';",
  },
  {
    name: 'stops a look-alike class',
    text: "import { PrismaClientKnownRequestError } from '@prisma/client/runtime/library';\nthrow new PrismaClientKnownRequestError();",
  },
  { name: 'stops a member named PrismaClient with no client import', text: 'const c = new lib.PrismaClient();' },
  { name: 'stops a client import with nothing constructed or exported', text: `${IMPORT}function f(db: PrismaClient) { return db; }` },
  {
    name: 'stops a default import of a client module with nothing exported',
    text: "import pkg from '@prisma/client';\nconst { Role } = pkg;\nconsole.log(Role);",
  },
  {
    name: 'stops named imports of a client module that name no PrismaClient',
    text: "import { Prisma } from '@prisma/client';\nexport const raw = Prisma.sql;",
  },
  { name: 'stops a type-only default import', text: "import type pkg from '@prisma/client';\nexport default pkg;" },
  { name: 'stops a whole load in a comment', text: "// import * as P from '@prisma/client';\nexport default 1;" },
  { name: 'stops a member named PrismaClient with no import and a construction', text: 'const c = lib.PrismaClient;\nconst d = new Date();' },
];

describe('mayConstructClient', () => {
  it.each(maybe)('$name', ({ text, path }) => expect(mayConstructClient(text, path ?? 'src/a.ts', INTEREST)).toBe(true));
  it.each(no)('$name', ({ text }) => expect(mayConstructClient(text, 'src/a.ts', INTEREST)).toBe(false));
});
