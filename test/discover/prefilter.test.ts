import { describe, expect, it } from 'vitest';
import { mayConstructClient } from '../../src/discover/prefilter.js';

/** Texts the prefilter must send to the parser ("maybe"), named "<says maybe> when <condition>". */
const maybe: ReadonlyArray<{ name: string; text: string; path?: string }> = [
  { name: 'passes a plain construction', text: 'const prisma = new PrismaClient();' },
  { name: 'passes a namespace member', text: "import * as P from '@prisma/client';\nnew P.PrismaClient();" },
  { name: 'passes a renamed import', text: "import { PrismaClient as PC } from '@prisma/client';" },
  { name: 'passes a renamed destructuring', text: "const { PrismaClient: PC } = require('@prisma/client');" },
  { name: 'passes code after a comment on the same line', text: '/* setup */ const p = new PrismaClient();' },
  { name: 'passes code inside a template substitution', text: 'const s = `${new PrismaClient().x}`;' },
  { name: 'passes code after a template with a substitution', text: 'const s = `a ${b} c`;\nconst p = new PrismaClient();' },
  { name: 'passes code after a regular expression with a quote', text: "const re = /'/;\nconst p = new PrismaClient();" },
  { name: 'passes code after a division', text: 'const half = total / 2;\nconst p = new PrismaClient(); // a / b' },
  { name: 'passes when a slash needs the parser to be read', text: "if (ok) /'/.test(s); const p = new PrismaClient();" },
  { name: 'passes every JSX file that mentions a construction', text: '<p>{/* new PrismaClient() */}</p>', path: 'src/a.tsx' },
];

/** Texts that only mention a construction where no code runs: the prefilter may say no. */
const no: ReadonlyArray<{ name: string; text: string }> = [
  { name: 'stops a line comment', text: '// const prisma = new PrismaClient();\nexport const x = 1;' },
  { name: 'stops a block comment', text: '/**\n * Do not call new PrismaClient() here.\n */\nexport const x = 1;' },
  { name: 'stops a string', text: "export const hint = 'use new PrismaClient() once';" },
  { name: 'stops template text', text: 'export const hint = `use ${name}: new PrismaClient() once`;' },
  { name: 'stops a regular expression', text: 'export const re = /new PrismaClient\\(/;' },
  { name: 'stops a type-only mention', text: "import type { PrismaClient } from '@prisma/client';\nlet c: PrismaClient;" },
  { name: 'stops a look-alike class', text: 'throw new PrismaClientKnownRequestError();' },
];

describe('mayConstructClient', () => {
  it.each(maybe)('$name', ({ text, path }) => expect(mayConstructClient(text, path ?? 'src/a.ts')).toBe(true));
  it.each(no)('$name', ({ text }) => expect(mayConstructClient(text, 'src/a.ts')).toBe(false));
});
