import { describe, expect, it } from 'vitest';
import { afterOf, planFiles } from '../support/plan-files.js';

const ROUTE = 'src/routes/users.ts';

describe('a per-file copy of the singleton snippet', () => {
  it.each([
    {
      name: 'a globalThis alias, ??, and the write-back under an if',
      before: `import { PrismaClient } from '@prisma/client';

const globalForPrisma = globalThis as unknown as { prisma: PrismaClient | undefined };

const prisma = globalForPrisma.prisma ?? new PrismaClient();

if (process.env.NODE_ENV !== 'production') globalForPrisma.prisma = prisma;

export const list = () => prisma.user.findMany();
`,
    },
    {
      name: '|| and a write-back in a block',
      before: `import { PrismaClient } from '@prisma/client';

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };
const prisma = globalForPrisma.prisma || new PrismaClient();
if (process.env.NODE_ENV !== 'production') {
  globalForPrisma.prisma = prisma;
}

export const list = () => prisma.user.findMany();
`,
    },
    {
      name: 'declare global and global.prisma',
      before: `import { PrismaClient } from '@prisma/client';

declare global {
  var prisma: PrismaClient | undefined;
}

const prisma = global.prisma || new PrismaClient();
if (process.env.NODE_ENV === 'development') global.prisma = prisma;

export const list = () => prisma.user.findMany();
`,
    },
  ])('becomes one import of the singleton when it is $name', ({ before }) => {
    const plan = planFiles({ [ROUTE]: before });
    expect(afterOf(plan, ROUTE)).toBe(`import { prisma } from '../lib/prisma.js';

export const list = () => prisma.user.findMany();
`);
    expect(plan.findings.map((f) => f.action)).toEqual(['rewrite']);
  });

  it('keeps what the snippet shares with other code: the alias when something else reads it', () => {
    const before = `import { PrismaClient } from '@prisma/client';

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient; requests?: number };
const prisma = globalForPrisma.prisma ?? new PrismaClient();
if (process.env.NODE_ENV !== 'production') globalForPrisma.prisma = prisma;

export const count = () => (globalForPrisma.requests = (globalForPrisma.requests ?? 0) + 1);
export const list = () => prisma.user.findMany();
`;
    expect(afterOf(planFiles({ [ROUTE]: before }), ROUTE)).toBe(`import { PrismaClient } from '@prisma/client';
import { prisma } from '../lib/prisma.js';

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient; requests?: number };

export const count = () => (globalForPrisma.requests = (globalForPrisma.requests ?? 0) + 1);
export const list = () => prisma.user.findMany();
`);
  });
});
