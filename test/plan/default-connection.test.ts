import { describe, expect, it } from 'vitest';
import { connectsElsewhere } from '../../src/plan/default-connection.js';
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
