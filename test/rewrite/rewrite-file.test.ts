import { describe, expect, it } from 'vitest';
import { afterOf, planFiles } from '../support/plan-files.js';

const FILE = 'src/app.ts';

/** Cases that must come out exactly as written, named "<does what> when <condition>". */
const rewritten: ReadonlyArray<{ name: string; before: string; after: string }> = [
  {
    name: 'replaces a module-level const with an import when the client is named prisma',
    before: "import { PrismaClient } from '@prisma/client';\n\nconst prisma = new PrismaClient();\n\nexport const all = () => prisma.user.findMany();\n",
    after: "import { prisma } from './lib/prisma.js';\n\nexport const all = () => prisma.user.findMany();\n",
  },
  {
    name: 'imports under the local name when the const has another name',
    before: "import { PrismaClient } from '@prisma/client';\nconst db = new PrismaClient();\nexport const all = () => db.user.findMany();\n",
    after: "import { prisma as db } from './lib/prisma.js';\nexport const all = () => db.user.findMany();\n",
  },
  {
    name: 'follows an alias of PrismaClient',
    before: "import { PrismaClient as PC } from '@prisma/client';\nconst db = new PC();\nexport { db };\n",
    after: "import { prisma as db } from './lib/prisma.js';\nexport { db };\n",
  },
  {
    name: 'follows a namespace import',
    before: "import * as P from '@prisma/client';\nconst db = new P.PrismaClient();\nexport default db;\n",
    after: "import { prisma as db } from './lib/prisma.js';\nexport default db;\n",
  },
  {
    name: 'keeps exporting the same name when the client was exported',
    before: "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n",
    after: "import { prisma } from './lib/prisma.js';\nexport { prisma };\n",
  },
  {
    name: 'keeps other specifiers of the client import',
    before:
      "import { Prisma, PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nexport const isKnown = (e: unknown) => e instanceof Prisma.PrismaClientKnownRequestError && prisma;\n",
    after:
      "import { Prisma } from '@prisma/client';\nimport { prisma } from './lib/prisma.js';\nexport const isKnown = (e: unknown) => e instanceof Prisma.PrismaClientKnownRequestError && prisma;\n",
  },
  {
    name: 'keeps the PrismaClient import when a type still uses it',
    before:
      "import { PrismaClient } from '@prisma/client';\nexport class Repo {\n  private db: PrismaClient;\n  constructor() {\n    this.db = new PrismaClient();\n  }\n}\n",
    after:
      "import { PrismaClient } from '@prisma/client';\nimport { prisma } from './lib/prisma.js';\nexport class Repo {\n  private db: PrismaClient;\n  constructor() {\n    this.db = prisma;\n  }\n}\n",
  },
  {
    name: 'uses the import in a class field named prisma',
    before: "import { PrismaClient } from '@prisma/client';\nexport class Repo {\n  private prisma = new PrismaClient();\n}\n",
    after: "import { prisma } from './lib/prisma.js';\nexport class Repo {\n  private prisma = prisma;\n}\n",
  },
  {
    name: 'aliases the import when a parameter default would shadow it',
    before: "import { PrismaClient } from '@prisma/client';\nexport function f(prisma = new PrismaClient()) {\n  return prisma;\n}\n",
    after: "import { prisma as sharedPrisma } from './lib/prisma.js';\nexport function f(prisma = sharedPrisma) {\n  return prisma;\n}\n",
  },
  {
    name: 'drops a function-local client in favour of the module import when nothing shadows it',
    before:
      "import { PrismaClient } from '@prisma/client';\nexport async function run() {\n  const prisma = new PrismaClient();\n  return prisma.user.count();\n}\n",
    after: "import { prisma } from './lib/prisma.js';\nexport async function run() {\n  return prisma.user.count();\n}\n",
  },
  {
    name: 'rewrites a destructured dynamic import into a lazy import of the singleton',
    before:
      "export async function auth() {\n  const { PrismaClient } = await import('@prisma/client');\n  const prisma = new PrismaClient();\n  return prisma.user.count();\n}\n",
    after: "export async function auth() {\n  const { prisma } = await import('./lib/prisma.js');\n  return prisma.user.count();\n}\n",
  },
  {
    name: 'rewrites a namespace dynamic import under the local name',
    before: "export async function auth() {\n  const m = await import('@prisma/client');\n  const db = new m.PrismaClient();\n  return db.user.count();\n}\n",
    after: "export async function auth() {\n  const { prisma: db } = await import('./lib/prisma.js');\n  return db.user.count();\n}\n",
  },
  {
    name: 'replaces an instantiation passed as an argument and a chained one',
    before:
      "import { PrismaClient } from '@prisma/client';\nclass Repo { constructor(readonly db: unknown) {} }\nexport const repo = new Repo(new PrismaClient());\nexport const ext = new PrismaClient().$extends({});\n",
    after:
      "import { prisma } from './lib/prisma.js';\nclass Repo { constructor(readonly db: unknown) {} }\nexport const repo = new Repo(prisma);\nexport const ext = prisma.$extends({});\n",
  },
  {
    name: 'keeps double quotes, no semicolons and CRLF',
    before:
      'import { PrismaClient } from "@prisma/client"\r\nimport { x } from "./x.js"\r\n\r\nconst prisma = new PrismaClient()\r\n\r\nexport const y = () => prisma.user.count() + x\r\n',
    after: 'import { prisma } from "./lib/prisma.js"\r\nimport { x } from "./x.js"\r\n\r\nexport const y = () => prisma.user.count() + x\r\n',
  },
  {
    name: 'keeps a byte order mark and a header comment',
    before: "\uFEFF// Header\nimport { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nexport default prisma;\n",
    after: "\uFEFF// Header\nimport { prisma } from './lib/prisma.js';\nexport default prisma;\n",
  },
  {
    name: 'treats a let that is never reassigned like a const',
    before: "import { PrismaClient } from '@prisma/client';\nlet prisma = new PrismaClient();\nexport const q = () => prisma.user.count();\n",
    after: "import { prisma } from './lib/prisma.js';\nexport const q = () => prisma.user.count();\n",
  },
  {
    name: 'adds the name to the import of the singleton the file already has, not a second declaration of it',
    before:
      "import { prisma as shared } from './lib/prisma.js';\nimport { PrismaClient } from '@prisma/client';\n\nconst reports = new PrismaClient();\nexport const both = () => [shared, reports];\n",
    after: "import { prisma as shared, prisma as reports } from './lib/prisma.js';\n\nexport const both = () => [shared, reports];\n",
  },
  {
    name: 'joins the import of the singleton however the file spells its path, after a trailing comma too',
    before:
      "import { PrismaClient } from '@prisma/client';\nimport {\n  prisma as shared,\n} from './lib/prisma';\nconst reports = new PrismaClient();\nexport const both = () => [shared, reports];\n",
    after: "import {\n  prisma as shared, prisma as reports,\n} from './lib/prisma';\nexport const both = () => [shared, reports];\n",
  },
  {
    name: 'uses the name the file already imports the singleton under at an expression site',
    before:
      "import { PrismaClient } from '@prisma/client';\nimport { prisma as shared } from './lib/prisma.js';\nexport class Repo {\n  private db = new PrismaClient();\n  peer = shared;\n}\n",
    after: "import { prisma as shared } from './lib/prisma.js';\nexport class Repo {\n  private db = shared;\n  peer = shared;\n}\n",
  },
  {
    name: "drops a function's own client that shadowed the file's import of the singleton",
    before:
      "import { PrismaClient } from '@prisma/client';\nimport { prisma } from './lib/prisma.js';\nexport const a = () => prisma.user.count();\nexport async function b() {\n  const prisma = new PrismaClient();\n  return prisma.post.count();\n}\n",
    after:
      "import { prisma } from './lib/prisma.js';\nexport const a = () => prisma.user.count();\nexport async function b() {\n  return prisma.post.count();\n}\n",
  },
  {
    name: 'writes a declaration of its own beside a type-only import of the singleton',
    before: "import type { Db } from './lib/prisma.js';\nimport { PrismaClient } from '@prisma/client';\nexport const db: Db = new PrismaClient();\n",
    after: "import type { Db } from './lib/prisma.js';\nimport { prisma as db } from './lib/prisma.js';\nexport { db };\n",
  },
  {
    name: 'removes the require an ES module made with createRequire once the rewrite leaves it unused',
    before:
      "import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\nconst { PrismaClient } = require('@prisma/client');\n\nexport const db = new PrismaClient();\n",
    after: "import { prisma as db } from './lib/prisma.js';\n\nexport { db };\n",
  },
  {
    name: 'keeps a createRequire require that other code still uses',
    before:
      "import * as nodeModule from 'node:module';\nconst require = nodeModule.createRequire(import.meta.url);\nconst { PrismaClient } = require('@prisma/client');\nconst pkg = require('../package.json');\n\nexport const db = new PrismaClient();\nexport const version: string = pkg.version;\n",
    after:
      "import * as nodeModule from 'node:module';\nimport { prisma as db } from './lib/prisma.js';\nconst require = nodeModule.createRequire(import.meta.url);\nconst pkg = require('../package.json');\n\nexport { db };\nexport const version: string = pkg.version;\n",
  },
  {
    name: 'follows a require an ES module made under another name, and removes it with the inline require it served',
    before:
      "import { createRequire } from 'node:module';\nconst requireCjs = createRequire(import.meta.url);\n\nexport const db = new (requireCjs('@prisma/client').PrismaClient)();\n",
    after: "import { prisma as db } from './lib/prisma.js';\n\nexport { db };\n",
  },
];

/** Files with text that looks like a site but is not one: the plan must leave them alone. */
const unchanged: ReadonlyArray<{ name: string; before: string }> = [
  {
    name: 'ignores new PrismaClient() in comments and strings',
    before: "// new PrismaClient()\nexport const s = 'new PrismaClient()';\n/* new PrismaClient() */\n",
  },
  { name: 'ignores a local class named PrismaClient', before: "import '@prisma/client';\nclass PrismaClient {}\nexport const c = new PrismaClient();\n" },
  {
    name: 'ignores a parameter that shadows the import',
    before: "import { PrismaClient } from '@prisma/client';\nexport function make(PrismaClient: new () => object) {\n  return new PrismaClient();\n}\n",
  },
  { name: 'ignores a type-only import', before: "import type { PrismaClient } from '@prisma/client';\nexport let c: PrismaClient | undefined;\n" },
];

describe('rewriteFile through the planner', () => {
  it.each(rewritten)('$name', ({ before, after }) => {
    const plan = planFiles({ [FILE]: before });
    expect(afterOf(plan, FILE)).toBe(after);
    expect(plan.findings.every((finding) => finding.action === 'rewrite')).toBe(true);
    expect(planFiles({ [FILE]: after, 'src/lib/prisma.ts': afterOf(plan, 'src/lib/prisma.ts') ?? '' }).changes).toEqual([]);
  });

  it.each(unchanged)('$name', ({ before }) => {
    const plan = planFiles({ [FILE]: before });
    expect(plan.changes).toEqual([]);
    expect(plan.findings).toEqual([]);
  });

  it('reports a PrismaClient from a package for review, whether or not package.json declares it, and changes nothing', () => {
    const before = "import { PrismaClient } from 'not-prisma';\nexport const c = new PrismaClient();\n";
    const declared = planFiles({ [FILE]: before }, {}, { packageJson: '{ "type": "module", "dependencies": { "not-prisma": "^1.0.0" } }' });
    expect(declared.changes).toEqual([]);
    expect(declared.findings.map((f) => [f.action, f.reason])).toEqual([['review', 'package-client']]);
    const undeclared = planFiles({ [FILE]: before });
    expect(undeclared.changes).toEqual([]);
    expect(undeclared.findings.map((f) => [f.action, f.reason])).toEqual([['review', 'unresolved-client-module']]);
  });

  it('rewrites an ES module in JavaScript that a bundler compiles, and leaves one that plain Node would run for review', () => {
    const route = "import { PrismaClient } from '@prisma/client';\n\nexport default async () => new PrismaClient().post.count();\n";
    const files = { 'server/api/count.get.js': route, 'server/other.ts': 'export const x = 1;\n' };
    const nuxt = planFiles(files, {}, { packageJson: '{ "type": "module", "dependencies": { "nuxt": "^3.0.0" } }' });
    expect(nuxt.findings.map((f) => `${f.action} ${f.reason ?? ''}`.trim())).toEqual(['rewrite']);
    const plain = planFiles(files);
    expect(plain.findings.map((f) => `${f.action} ${f.reason ?? ''}`.trim())).toEqual(['review javascript-cannot-load-typescript']);
  });

  it('reports a reassigned let for review and leaves the file alone', () => {
    const before =
      "import { PrismaClient } from '@prisma/client';\nlet prisma = new PrismaClient();\nexport function reset() {\n  prisma = new PrismaClient();\n}\n";
    const plan = planFiles({ [FILE]: before });
    const actions = plan.findings.map((f) => `${f.line}:${f.column} ${f.action} ${f.reason ?? ''}`.trim());
    expect(actions).toEqual(['2:14 review reassigned-binding', '4:12 rewrite']);
  });
});
