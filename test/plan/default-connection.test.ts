import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSource } from '../../src/analyze/parse.js';
import { connectsElsewhere, superArguments } from '../../src/plan/default-connection.js';
import { copyFixture, remove, runCli } from '../support/helpers.js';
import { readProjectFacts } from '../../src/discover/project-facts.js';

describe('connectsElsewhere', () => {
  it.each([
    ['options that read another variable', 'datasourceUrl=process.env.REPORTING_URL|', 'DATABASE_URL'],
    ['a bracketed read of another variable', "datasourceUrl=process.env['REPORTING_URL']|", 'DATABASE_URL'],
    ["SvelteKit's $env object", 'datasourceUrl=env.DSN|$env/static/private', 'DATABASE_URL'],
    ['an adapter built from another variable', 'adapter=new PrismaPg({ connectionString: process.env.ANALYTICS_URL })|@prisma/adapter-pg', 'DATABASE_URL'],
  ])('says a singleton built with %s connects elsewhere', (_name, key, env) => {
    expect(connectsElsewhere(key, env)).toBe(true);
  });

  it.each([
    ['no options', '', 'DATABASE_URL'],
    ['options that read the default variable', 'datasourceUrl=process.env.DATABASE_URL|', 'DATABASE_URL'],
    ['an adapter built from the default variable', 'adapter=new PrismaPg({ connectionString: process.env.DATABASE_URL })|@prisma/adapter-pg', 'DATABASE_URL'],
    ['options that read no variable (a config module)', 'datasourceUrl=config.databaseUrl|./config', 'DATABASE_URL'],
    ['log options only', "log=['query']|", 'DATABASE_URL'],
    ['any options when the default variable is not known', 'datasourceUrl=process.env.REPORTING_URL|', undefined],
  ])('lets a site without options join a singleton built with %s', (_name, key, env) => {
    expect(connectsElsewhere(key, env)).toBe(false);
  });
});

describe('the default connection variable', () => {
  it('is read from the schema datasource url, else from prisma.config.ts', () => {
    const schema = { path: 'prisma/schema.prisma', text: 'datasource db {\n  provider = "postgresql"\n  url      = env("PG_URL")\n}\n' };
    expect(readProjectFacts({ tsconfigs: [], schemas: [schema] }).datasourceUrlEnv).toBe('PG_URL');
    const config = "import { defineConfig, env } from 'prisma/config';\nexport default defineConfig({ datasource: { url: env('DIRECT_URL') } });\n";
    expect(readProjectFacts({ tsconfigs: [], prismaConfig: config }).datasourceUrlEnv).toBe('DIRECT_URL');
    expect(readProjectFacts({ tsconfigs: [], prismaConfig: 'export default { datasource: { url: process.env.DB } };\n' }).datasourceUrlEnv).toBe('DB');
    expect(readProjectFacts({ tsconfigs: [] }).datasourceUrlEnv).toBeUndefined();
  });
});

describe('superArguments', () => {
  const parse = (text: string) => parseSource('src/db.service.ts', text).sourceFile;

  it("reads what a client subclass's constructor passes to super()", () => {
    const text = 'export class Db extends PrismaClient {\n  constructor(config: Config) {\n    super({ datasourceUrl: process.env.ANALYTICS_URL });\n  }\n}\n';
    expect(superArguments(parse(text), 'Db')).toBe('{ datasourceUrl: process.env.ANALYTICS_URL }');
    expect(connectsElsewhere(superArguments(parse(text), 'Db'), 'DATABASE_URL')).toBe(true);
  });

  it('is empty for a class without a constructor or super call, and for another class name', () => {
    expect(superArguments(parse('export class Db extends PrismaClient {}\n'), 'Db')).toBe('');
    expect(superArguments(parse('export class Db extends PrismaClient {\n  constructor() {\n    super();\n  }\n}\n'), 'Other')).toBe('');
  });
});

describe('a Nest provider built for another database', () => {
  const temps: string[] = [];
  afterAll(() => temps.forEach(remove));

  it('is not injected where a service built a client for the default connection', async () => {
    const root = copyFixture('nestjs-existing-prisma-module', temps);
    const service = join(root, 'src/database/database.service.ts');
    writeFileSync(
      service,
      readFileSync(service, 'utf8').replace("super({ datasourceUrl: config.get('DATABASE_URL') })", 'super({ datasourceUrl: process.env.ANALYTICS_URL })'),
    );
    const check = await runCli(['.', '--check'], root);
    expect(check.stdout).toContain(
      'src/comments/comments.service.ts:6:25 new PrismaClient() outside the provider needs a person: its connection options differ',
    );
  });
});
