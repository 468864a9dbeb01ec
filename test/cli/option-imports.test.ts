import { afterAll, describe, expect, it } from 'vitest';
import { remove, runCli, tempDir, writeFiles } from '../support/helpers.js';

const temps: string[] = [];
afterAll(() => temps.forEach(remove));

const client = (config: string, url = 'DATABASE_URL'): string =>
  `import { PrismaClient } from '@prisma/client';\nimport { PrismaPg } from '@prisma/adapter-pg';\nimport { config } from '${config}';\n\nconst adapter = new PrismaPg({ connectionString: config.${url} });\n`;

// Round 4 (kulaizki/exort): a stray one folder deeper than the singleton imports the same config module by a longer
// relative path; its options were said to "differ from the singleton's" and it was held for review.
describe("a site's options that import a project module", () => {
  it('match the singleton by the module they reach, not by the specifier text', async () => {
    const dir = tempDir('psc-option-imports-');
    temps.push(dir);
    writeFiles(dir, {
      'package.json': JSON.stringify({ name: 'api', type: 'module', dependencies: { '@prisma/client': '^7.0.0', '@prisma/adapter-pg': '^7.0.0' } }),
      'tsconfig.json': '{ "compilerOptions": { "module": "NodeNext", "moduleResolution": "NodeNext", "strict": true } }\n',
      'src/config.ts': 'export const config = { DATABASE_URL: process.env.DATABASE_URL ?? "", REPORTS_URL: process.env.REPORTS_URL ?? "" };\n',
      'src/lib/prisma.ts': `${client('../config.js')}\nexport const prisma = new PrismaClient({ adapter });\n`,
      'src/features/users/service.ts': `${client('../../config.js')}\nexport const countUsers = () => new PrismaClient({ adapter }).user.count();\n`,
      'src/jobs.ts': `${client('./config.js')}\nexport const purge = () => new PrismaClient({ adapter }).session.deleteMany();\n`,
      'src/reports.ts': `${client('./config.js', 'REPORTS_URL')}\nexport const report = () => new PrismaClient({ adapter }).report.count();\n`,
    });
    const check = await runCli(['.', '--check', '--reporter', 'json'], dir);
    const report: { findings: Array<{ path: string; action: string; reason: string | null }> } = JSON.parse(check.stdout);
    expect(report.findings.map((f) => `${f.path} ${f.action} ${f.reason}`)).toEqual([
      'src/features/users/service.ts rewrite null',
      'src/jobs.ts rewrite null',
      'src/reports.ts review connection-options-differ',
    ]);
  });
});
