import { describe, expect, it } from 'vitest';
import { afterOf, planFiles } from '../support/plan-files.js';

const FILE = 'src/jobs.ts';

describe('what sharing the client changes', () => {
  it('keeps a $disconnect() it cannot remove safely and says it needs a person', () => {
    const before = [
      "import { PrismaClient } from '@prisma/client';",
      'export class Jobs {',
      '  private db = new PrismaClient();',
      '  run() {',
      '    return this.db.$disconnect().then(() => 1);',
      '  }',
      '}',
      '',
    ].join('\n');
    const plan = planFiles({ [FILE]: before });
    expect(afterOf(plan, FILE)).toContain('return this.db.$disconnect().then(() => 1);');
    expect(plan.warnings.map((w) => `${w.line}:${w.column} ${w.kind} ${w.needsPerson}`)).toEqual(['5:12 disconnect-kept true']);
  });

  it('removes $disconnect() statements but not those in process signal handlers', () => {
    const before = [
      "import { PrismaClient } from '@prisma/client';",
      'const prisma = new PrismaClient();',
      'export async function handler() {',
      '  await prisma.user.count();',
      '  await prisma.$disconnect();',
      '}',
      "process.once('SIGINT', () => void prisma.$disconnect());",
      '',
    ].join('\n');
    const plan = planFiles({ [FILE]: before });
    expect(afterOf(plan, FILE)).toBe(
      [
        "import { prisma } from './lib/prisma.js';",
        'export async function handler() {',
        '  await prisma.user.count();',
        '}',
        "process.once('SIGINT', () => void prisma.$disconnect());",
        '',
      ].join('\n'),
    );
    expect(plan.warnings.map((w) => `${w.line}:${w.column} ${w.kind}`)).toEqual(['5:9 disconnect-removed']);
  });

  it('reports $use and $on on a migrated client without changing them', () => {
    const before =
      "import { PrismaClient } from '@prisma/client';\nconst db = new PrismaClient();\ndb.$use(async (p, next) => next(p));\ndb.$on('query', () => undefined);\n";
    const plan = planFiles({ [FILE]: before });
    expect(afterOf(plan, FILE)).toBe(
      "import { prisma as db } from './lib/prisma.js';\ndb.$use(async (p, next) => next(p));\ndb.$on('query', () => undefined);\n",
    );
    expect(plan.warnings.map((w) => `${w.line}:${w.column} ${w.kind} ${w.needsPerson}`)).toEqual(['3:1 use-middleware false', '4:1 on-listener false']);
  });
});

describe('constructor options', () => {
  it('merges sites whose options differ only in formatting and logging, and reports the dropped ones', () => {
    const plan = planFiles({
      'src/a.ts': "import { PrismaClient } from '@prisma/client';\nexport const a = new PrismaClient({ datasourceUrl: process.env.DATABASE_URL });\n",
      'src/b.ts':
        "import { PrismaClient } from '@prisma/client';\nexport const b = new PrismaClient({\n  datasourceUrl: process.env.DATABASE_URL,\n  log: ['query'],\n});\n",
    });
    expect(plan.findings.map((f) => `${f.path} ${f.action}`)).toEqual(['src/a.ts rewrite', 'src/b.ts rewrite']);
    expect(plan.warnings.map((w) => `${w.path}:${w.line} ${w.kind} ${w.detail}`)).toEqual(['src/b.ts:2 options-dropped log']);
    expect(afterOf(plan, 'src/lib/prisma.ts')).toContain('    datasourceUrl: process.env.DATABASE_URL,\n');
  });

  it('leaves a site whose options use local values for review', () => {
    const plan = planFiles({
      'src/a.ts':
        "import { PrismaClient } from '@prisma/client';\nexport function make(url: string) {\n  return new PrismaClient({ datasourceUrl: url });\n}\n",
    });
    expect(plan.findings.map((f) => `${f.action} ${f.reason}`)).toEqual(['review options-not-portable']);
    expect(plan.changes).toEqual([]);
  });

  it('builds the adapter for a Prisma 7 project when no site passes one, if the package is installed', () => {
    const files = { 'src/a.ts': "import { PrismaClient } from '@prisma/client';\nexport const a = new PrismaClient();\n" };
    const packageJson = JSON.stringify({ type: 'module', dependencies: { '@prisma/client': '^7.1.0', '@prisma/adapter-pg': '^7.1.0' } });
    const plan = planFiles(files, {}, { packageJson });
    expect(afterOf(plan, 'src/lib/prisma.ts')).toContain("import { PrismaPg } from '@prisma/adapter-pg';");
    expect(afterOf(plan, 'src/lib/prisma.ts')).toContain('    adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }),\n');
    const without = JSON.stringify({ type: 'module', dependencies: { '@prisma/client': '^7.1.0' } });
    expect(() => planFiles(files, {}, { packageJson: without })).toThrow(/install @prisma\/adapter-pg \(npm install @prisma\/adapter-pg\)/);
  });
});
