import { describe, expect, it } from 'vitest';
import { afterOf, planFiles } from '../support/plan-files.js';

const ROUTE = 'src/db.ts';
const ADAPTER_SITE =
  'const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }) });\n\nexport const list = () => prisma.user.findMany();\n';
const IMPORTS = "import { PrismaClient } from '@prisma/client';\nimport { PrismaPg } from '@prisma/adapter-pg';\n";

function plan(text: string) {
  const result = planFiles({
    [ROUTE]: text,
    'src/env.ts': 'process.env.DATABASE_URL ??= "postgres://localhost/app";\n',
    'src/load-env.ts': 'export function loadEnv(): void {}\n',
  });
  return { result, singleton: afterOf(result, 'src/lib/prisma.ts') ?? '' };
}

describe('the environment a moved client reads', () => {
  it('leaves a site for review when a call above it can change the environment its options read', () => {
    const { result } = plan(`${IMPORTS}import { loadEnv } from './load-env.js';\n\nloadEnv();\n${ADAPTER_SITE}`);
    expect(result.findings).toEqual([expect.objectContaining({ path: ROUTE, line: 6, action: 'review', reason: 'env-changed-before-client' })]);
    expect(result.changes).toEqual([]);
  });

  it.each([
    { name: 'an env module imported after the client', before: `${IMPORTS}import './env.js';\n\n${ADAPTER_SITE}`, loads: "import '../env.js';" },
    { name: 'dotenv/config imported after the client', before: `${IMPORTS}import 'dotenv/config';\n\n${ADAPTER_SITE}`, loads: "import 'dotenv/config';" },
    {
      name: 'dotenv.config() called above the site',
      before: `${IMPORTS}import dotenv from 'dotenv';\n\ndotenv.config();\n${ADAPTER_SITE}`,
      loads: "import 'dotenv/config';",
    },
  ])('has the singleton load the environment itself first when $name', ({ before, loads }) => {
    const { result, singleton } = plan(before);
    expect(result.findings.map((f) => f.action)).toEqual(['rewrite']);
    expect(singleton).toContain(loads);
    expect(singleton.indexOf(loads)).toBeLessThan(singleton.indexOf('new PrismaClient('));
  });

  it.each([
    {
      name: 'the options read no environment',
      before: `import { PrismaClient } from '@prisma/client';\nimport { loadEnv } from './load-env.js';\n\nloadEnv();\nconst prisma = new PrismaClient();\n`,
    },
    { name: 'the env module is imported before the client', before: `import './env.js';\n${IMPORTS}\n${ADAPTER_SITE}` },
  ])('migrates the site as usual when $name', ({ before }) => {
    const { result, singleton } = plan(before);
    expect(result.findings.map((f) => f.action)).toEqual(['rewrite']);
    expect(singleton).not.toMatch(/^import '(\.\.\/env\.js|dotenv\/config)';$/m);
  });
});
