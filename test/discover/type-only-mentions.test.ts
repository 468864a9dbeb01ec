import { describe, expect, it } from 'vitest';
import { mayConstructClient, type Interest } from '../../src/discover/prefilter.js';
import { onlyTypeMentions } from '../../src/discover/type-only-mentions.js';

const CLIENT_ONLY: Interest = (specifier) => (specifier.startsWith('@prisma/client') ? 'client' : undefined);

/** Files that only use the type: the shortcut answers for them, and the token pass agrees. */
const typeOnly: ReadonlyArray<{ name: string; text: string }> = [
  {
    name: 'import type and an annotation',
    text: "import type { PrismaClient } from '@prisma/client';\nexport class R { constructor(private readonly db: PrismaClient) {} }\n",
  },
  {
    name: 'an inline type modifier',
    text: "import { type PrismaClient, Prisma } from '@prisma/client';\nexport const f = (db: PrismaClient): Promise<PrismaClient> => g(db);\n",
  },
  {
    name: 'a type list over several lines',
    text: "import type {\n  Prisma,\n  PrismaClient,\n} from '@prisma/client';\nexport function f(db: PrismaClient | undefined) { return db; }\n",
  },
  {
    name: 'typeof and keyof',
    text: "import type { PrismaClient } from '@prisma/client';\nexport type K = keyof PrismaClient;\ntype T = typeof PrismaClient;\n",
  },
  {
    name: 'a generic and an array type',
    text: "import type { PrismaClient } from '@prisma/client';\nexport const m = new Map<PrismaClient, string>();\nlet a: Array<PrismaClient> = [];\n",
  },
  { name: 'a longer identifier that ends in the name', text: "import type { PrismaClient } from '@prisma/client';\nexport const $PrismaClient = 1;\n" },
  {
    name: 'a comment and a look-alike class',
    text: "import type { PrismaClient } from '@prisma/client';\nimport { PrismaClientKnownRequestError } from '@prisma/client/runtime/library';\n// one PrismaClient per process\nexport const e = new PrismaClientKnownRequestError('x', { code: 'P1', clientVersion: '6' });\n",
  },
];

/** Texts the shortcut must leave to the token pass (each a way a value of PrismaClient could be read or re-exported). */
const notShortcut: ReadonlyArray<{ name: string; text: string }> = [
  // After `=` the name may be a value handed on under another name (`const Db = PrismaClient`): so a type alias too.
  { name: 'a type alias', text: "import type { PrismaClient } from '@prisma/client';\nexport type Db = PrismaClient;\n" },
  { name: 'a value alias', text: "import { PrismaClient } from '@prisma/client';\nconst Db = PrismaClient;\nexport type { Db };\n" },
  { name: 'a class an arrow gives back', text: "import { PrismaClient } from '@prisma/client';\nconst make = () => PrismaClient;\nvoid make;\n" },
  { name: 'a value import', text: "import { PrismaClient } from '@prisma/client';\nexport const db = new PrismaClient();\n" },
  { name: 'a renamed value import', text: "import { X as PrismaClient } from '@prisma/client';\nexport const db = new PrismaClient();\n" },
  { name: 'a default import named PrismaClient', text: "import PrismaClient from '@prisma/client';\nexport const db = new PrismaClient.PrismaClient();\n" },
  { name: 'a member read', text: "import * as P from '@prisma/client';\nexport const db = new P.PrismaClient();\n" },
  { name: 'a member read on the next line', text: "import * as P from '@prisma/client';\nexport const db = new P.\nPrismaClient();\n" },
  { name: 'a member read after a comment', text: "import * as P from '@prisma/client';\nexport const db = new P./* pooled */ PrismaClient();\n" },
  {
    name: 'a member read whose dot ends a line comment',
    text: "import * as P from '@prisma/client';\nconst C = P.// type\nPrismaClient;\nexport const db = new C();\n",
  },
  { name: 'a destructuring', text: "import Prisma from '@prisma/client';\nconst { PrismaClient } = Prisma;\nexport const db = new PrismaClient();\n" },
  { name: 'a destructuring after a comma', text: "const { a, PrismaClient } = require('@prisma/client');\nexport const db = new PrismaClient();\n" },
  { name: 'a string member', text: "import * as P from '@prisma/client';\nexport const db = new P['PrismaClient']();\n" },
  { name: 'a template substitution', text: "import * as P from '@prisma/client';\nconst s = `${PrismaClient}`;\n" },
  { name: 'a re-export list', text: "import type { PrismaClient } from '@prisma/client';\nexport { Prisma } from '@prisma/client';\n" },
  { name: 'a re-export of everything', text: "import type { PrismaClient } from '@prisma/client';\nexport * from '@prisma/client';\n" },
  { name: 'an export after a comment', text: "import type { PrismaClient } from '@prisma/client';\nexport /* all */ * from '@prisma/client';\n" },
  { name: 'a type list that is not first on its line', text: "const x = 1; import type { PrismaClient } from '@prisma/client';\n" },
  {
    name: 'a default import named type and a value list',
    text: "import type, { PrismaClient } from '@prisma/client';\nexport const db = new PrismaClient();\n",
  },
  {
    name: 'a unicode escape that spells the name',
    text: "import * as P from '@prisma/client';\nimport type { PrismaClient } from '@prisma/client';\nexport const db = new P.Prisma\\u0043lient();\n",
  },
  { name: 'a construction of a name the file never imports', text: 'export const db = new PrismaClient();\n' },
  { name: 'a parenthesised construction', text: 'export const db = new (PrismaClient)();\n' },
  { name: 'a subclass', text: 'export class Db extends PrismaClient {}\n' },
  { name: 'Reflect.construct of the name', text: 'export const db = Reflect.construct(PrismaClient, []);\n' },
  // Lexing cannot tell a conditional type's `extends` from a class's: the parser decides.
  { name: "a conditional type's extends", text: "import type { PrismaClient } from '@prisma/client';\ntype T = X extends PrismaClient ? 1 : 2;\n" },
  {
    name: 'a generic argument after a comma',
    text: "import type { PrismaClient } from '@prisma/client';\nexport const m = new Map<string, PrismaClient>();\n",
  },
];

describe('onlyTypeMentions', () => {
  it.each(typeOnly)('answers for $name, as the token pass does', ({ text }) => {
    expect(onlyTypeMentions(text)).toBe(true);
    expect(mayConstructClient(text, 'src/a.ts', CLIENT_ONLY, true)).toBe(false);
  });

  it.each(notShortcut)('leaves $name to the token pass', ({ text }) => {
    expect(onlyTypeMentions(text)).toBe(false);
  });

  it('never changes the prefilter: with and without the shortcut, the same answer on every text here', () => {
    const all = [...typeOnly, ...notShortcut];
    expect(all.map(({ text }) => mayConstructClient(text, 'src/a.ts', CLIENT_ONLY, false))).toEqual(
      all.map(({ text }) => mayConstructClient(text, 'src/a.ts', CLIENT_ONLY, true)),
    );
  });

  it('is not used when a project module may export a client class, nor for JSX', () => {
    const text =
      "import type { PrismaClient } from '@prisma/client';\nimport { PrismaService } from './prisma.service';\nexport const s = new PrismaService();\n";
    const interest: Interest = (specifier) => (specifier === './prisma.service' ? 'project' : CLIENT_ONLY(specifier, 'src/a.ts'));
    expect(onlyTypeMentions(text)).toBe(true);
    expect(mayConstructClient(text, 'src/a.ts', interest)).toBe(true);
    expect(mayConstructClient(`${text}<p/>`, 'src/a.tsx', interest, false)).toBe(true);
  });
});
