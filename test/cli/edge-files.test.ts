import { afterAll, describe, expect, it } from 'vitest';
import { remove, runCli, tempDir, writeFiles } from '../support/helpers.js';

const temps: string[] = [];
afterAll(() => temps.forEach(remove));

async function check(files: Record<string, string>): Promise<string[]> {
  const dir = tempDir('psc-edge-');
  temps.push(dir);
  writeFiles(dir, files);
  const result = await runCli(['.', '--check', '--reporter', 'json'], dir);
  const report: { findings: Array<{ path: string; line: number; action: string; reason: string | null }> } = JSON.parse(result.stdout);
  return report.findings.map((f) => `${f.path}:${f.line} ${f.action}${f.reason ? ` ${f.reason}` : ''}`);
}

const PER_REQUEST = (from: string) =>
  `import { PrismaClient } from '${from}';\n\nexport function clientFor(url: string) {\n  return new PrismaClient({ datasourceUrl: url });\n}\n`;

// Round 3: a Workers project's helper module (reached from the wrangler entry) and Next.js middleware were told to
// share a Node singleton, and --check failed on per-request clients that edge code needs.
describe('files that run on an edge runtime by where they sit', () => {
  it('are every module a wrangler entry reaches, and nothing it does not reach', async () => {
    const seen = await check({
      'package.json': JSON.stringify({ name: 'worker', type: 'module', dependencies: { '@prisma/client': '^6.0.0', hono: '^4.0.0' } }),
      'wrangler.toml': 'name = "api"\nmain = "src/index.ts"\n',
      'src/index.ts': "import { clientFor } from './db/client.js';\n\nexport default { fetch: (req: Request) => clientFor(req.url).user.count() };\n",
      'src/db/client.ts': PER_REQUEST('@prisma/client'),
      'tools/report.ts': "import { PrismaClient } from '@prisma/client';\n\nexport const db = new PrismaClient();\n",
    });
    expect(seen).toEqual(['src/db/client.ts:4 allowed edge-runtime', 'tools/report.ts:3 rewrite']);
  });

  it('are the Next.js app-router files under a layout that sets the edge runtime, unless one asks for Node.js', async () => {
    const route = (extra: string) =>
      `import { PrismaClient } from '@prisma/client';\n\nexport async function GET() {\n  return Response.json(await new PrismaClient().user.count());\n}\n${extra}`;
    const seen = await check({
      'package.json': JSON.stringify({ name: 'web', dependencies: { next: '^15.0.0', '@prisma/client': '^6.0.0' } }),
      'app/(edge)/layout.tsx':
        "export const runtime = 'edge';\n\nexport default function Layout({ children }: { children: unknown }) {\n  return children;\n}\n",
      'app/(edge)/stats/route.ts': route(''),
      'app/(edge)/report/route.ts': route("export const runtime = 'nodejs';\n"),
      'app/users/route.ts': route(''),
    });
    expect(seen).toEqual(['app/(edge)/report/route.ts:4 rewrite', 'app/(edge)/stats/route.ts:4 allowed edge-runtime', 'app/users/route.ts:4 rewrite']);
  });

  it('are found from an example wrangler config when the real one is kept out of git', async () => {
    for (const example of ['wrangler.toml.example', 'wrangler.example.jsonc']) {
      const main = example.includes('toml') ? 'name = "api"\nmain = "src/index.ts"\n' : '{\n  // copy to wrangler.jsonc\n  "main": "src/index.ts"\n}\n';
      const seen = await check({
        'package.json': JSON.stringify({ name: 'worker', type: 'module', dependencies: { '@prisma/client': '^6.0.0', hono: '^4.0.0' } }),
        '.gitignore': 'wrangler.toml\nwrangler.jsonc\n',
        [example]: main,
        'src/index.ts': "import { clientFor } from './db/client.js';\n\nexport default { fetch: (req: Request) => clientFor(req.url).user.count() };\n",
        'src/db/client.ts': PER_REQUEST('@prisma/client'),
      });
      expect(seen).toEqual(['src/db/client.ts:4 allowed edge-runtime']);
    }
  });

  it('are Next.js middleware, unless it asks for the Node.js runtime, and not the modules it imports', async () => {
    const base = {
      'package.json': JSON.stringify({ name: 'web', dependencies: { next: '^15.0.0', '@prisma/client': '^6.0.0' } }),
      'src/lib/audit.ts': "import { PrismaClient } from '@prisma/client';\n\nexport async function audit() {\n  return new PrismaClient().user.count();\n}\n",
    };
    const middleware = (config: string) =>
      `import { PrismaClient } from '@prisma/client';\nimport { audit } from './lib/audit';\n\nexport async function middleware() {\n  await new PrismaClient().user.count();\n  return audit();\n}\n${config}`;
    expect(await check({ ...base, 'src/middleware.ts': middleware('') })).toEqual(['src/lib/audit.ts:4 rewrite', 'src/middleware.ts:5 allowed edge-runtime']);
    expect(await check({ ...base, 'src/middleware.ts': middleware("export const config = { runtime: 'nodejs' };\n") })).toEqual([
      'src/lib/audit.ts:4 rewrite',
      'src/middleware.ts:5 rewrite',
    ]);
  });

  // Round 5, a Bun + Hono API: `bun run --hot src/index.ts` serves the file's `export default { fetch, port }` as
  // Bun.serve does, a long-lived process, and its module-level client was allowed as edge code while --check said clean.
  it('is no module that default-exports { fetch } in a project on Bun, unless Workers tooling is there too', async () => {
    const entry =
      "import { PrismaClient } from '@prisma/client';\nimport { Hono } from 'hono';\n\nconst db = new PrismaClient();\nconst app = new Hono();\napp.get('/', async (c) => c.json(await db.note.count()));\n\nexport default { fetch: app.fetch, port: 4000 };\n";
    const project = (devDependencies: Record<string, string>) => ({
      'package.json': JSON.stringify({
        name: 'api',
        scripts: { dev: 'bun run --hot src/index.ts' },
        dependencies: { '@prisma/client': '^6.8.0', hono: '^4.7.0' },
        devDependencies,
      }),
      'src/index.ts': entry,
    });
    expect(await check(project({ '@types/bun': 'latest' }))).toEqual(['src/index.ts:4 rewrite']);
    expect(await check(project({ 'bun-types': 'latest' }))).toEqual(['src/index.ts:4 rewrite']);
    expect(await check(project({}))).toEqual(['src/index.ts:4 allowed edge-runtime']);
    expect(await check(project({ '@types/bun': 'latest', wrangler: '^4.0.0' }))).toEqual(['src/index.ts:4 allowed edge-runtime']);
  });
});
