import { describe, expect, it } from 'vitest';
import { afterOf, planFiles } from '../support/plan-files.js';

const SITE =
  "import { PrismaClient } from '@prisma/client';\nimport { json } from 'LIB_HTTP';\n\nconst prisma = new PrismaClient();\n\nexport const list = async () => json(await prisma.user.findMany());\n";
const BUNDLER = { module: 'esnext', moduleResolution: 'bundler' };

function importOf(files: Record<string, string>, compilerOptions: Record<string, unknown>): string | undefined {
  const plan = planFiles(files, {}, { packageJson: '{"name":"app"}', tsconfigs: [{ path: 'tsconfig.json', text: JSON.stringify({ compilerOptions }) }] });
  return /^import .* from '([^']+)';$/m.exec(afterOf(plan, 'app/api/users/route.ts') ?? '')?.[1];
}

describe('the specifier rewritten files use for the singleton', () => {
  it.each([
    {
      name: "the root-level alias when the project imports through it (create-next-app's default)",
      options: { ...BUNDLER, paths: { '@/*': ['./*'] } },
      http: '@/lib/http',
      expected: '@/lib/prisma',
    },
    {
      name: 'a bare path under baseUrl when the project imports its own modules that way',
      options: { ...BUNDLER, baseUrl: '.' },
      http: 'lib/http',
      expected: 'lib/prisma',
    },
    {
      name: 'a relative path when the project has the alias but never uses it',
      options: { ...BUNDLER, paths: { '@/*': ['./*'] } },
      http: '../../../lib/http',
      expected: '../../../lib/prisma',
    },
    {
      name: 'the alias the project uses most when two reach the singleton',
      options: { ...BUNDLER, baseUrl: '.', paths: { '@/*': ['./*'] } },
      http: '@/lib/http',
      expected: '@/lib/prisma',
    },
  ])('is $name', ({ options, http, expected }) => {
    const files = { 'app/api/users/route.ts': SITE.replace('LIB_HTTP', http), 'lib/http.ts': 'export const json = (body: unknown) => body;\n' };
    expect(importOf(files, options)).toBe(expected);
  });
});
