import { describe, expect, it } from 'vitest';
import { graphRoles, roleOf } from '../../src/analyze/roles.js';
import type { RoleEvidence } from '../../src/discover/import-graph.js';

function evidence(overrides: Partial<RoleEvidence>): RoleEvidence {
  return {
    seedPaths: [],
    scriptEntries: new Set(),
    appEntries: new Set(),
    schemaFolders: ['prisma', 'packages/db/prisma'],
    shebangs: new Set(),
    oneShots: new Set(),
    typescriptProject: true,
    reachable: new Set(),
    importers: new Map(),
    ...overrides,
  };
}

describe('roles by path', () => {
  it.each([
    ['src/users.test.ts', 'test'],
    ['src/__tests__/users.ts', 'test'],
    ['prisma/seed.ts', 'seed'],
    ['prisma/seed/index.ts', 'seed'],
    ['prisma/seeds/users.ts', 'seed'],
    ['scripts/backfill.ts', 'script'],
    ['src/routes/users.ts', 'app'],
    ['prisma/factories/user.ts', 'app'],
    ['Prisma/seed.js', 'seed'],
    ['prisma/vitest-environment-prisma/prisma-test-environment.ts', 'test'],
    ['test-env/jest-environment-db/index.js', 'test'],
    ['src/db/prisma-test-environment.ts', 'test'],
    ['src/environment.ts', 'app'],
    ['src/test-environments/readme.ts', 'app'],
  ] as const)('gives %s the role %s', (path, role) => {
    expect(roleOf(path, [])).toBe(role);
  });

  it('matches the seed command of package.json to the file whatever the case of its folder', () => {
    expect(roleOf('Prisma/fill.js', ['prisma/fill.js'])).toBe('seed');
  });
});

describe('roles by the import graph', () => {
  it('gives a module that only a seed imports the seed role, through a chain of such modules', () => {
    const roles = graphRoles(
      ['prisma/factories/user.ts', 'prisma/factories/base.ts'],
      evidence({
        reachable: new Set(['prisma/seed.ts', 'prisma/factories/user.ts', 'prisma/factories/base.ts']),
        importers: new Map([
          ['prisma/factories/user.ts', ['prisma/seed.ts']],
          ['prisma/factories/base.ts', ['prisma/factories/user.ts']],
        ]),
      }),
    );
    expect(Object.fromEntries(roles)).toEqual({ 'prisma/factories/user.ts': 'seed', 'prisma/factories/base.ts': 'seed' });
  });

  it('keeps the app role for a module that a seed and the application both import', () => {
    const roles = graphRoles(
      ['src/services/users.ts'],
      evidence({ reachable: new Set(['src/services/users.ts']), importers: new Map([['src/services/users.ts', ['prisma/seed.ts', 'src/routes/users.ts']]]) }),
    );
    expect(roles.get('src/services/users.ts')).toBe('app');
  });

  it.each([
    {
      name: 'a package.json script names it and nothing imports it',
      file: 'check-db.ts',
      extra: { scriptEntries: new Set(['check-db.ts']), importers: new Map([['check-db.ts', []]]) },
    },
    { name: 'it starts with a shebang', file: 'tools/report.ts', extra: { shebangs: new Set(['tools/report.ts']) } },
    { name: 'it is JavaScript in a TypeScript project and nothing imports it', file: 'scratch.js', extra: { importers: new Map([['scratch.js', []]]) } },
    {
      name: "it runs a top-level main() once and disconnects (Prisma's quickstart script.ts)",
      file: 'script.ts',
      extra: { oneShots: new Set(['script.ts']), importers: new Map([['script.ts', []]]) },
    },
    {
      name: 'it sits beside the schema in prisma/ and nothing imports it',
      file: 'prisma/try-queries.ts',
      extra: { importers: new Map([['prisma/try-queries.ts', []]]) },
    },
    {
      name: "it sits in a workspace package's prisma/ folder and nothing imports it",
      file: 'packages/db/prisma/backfill.ts',
      extra: { importers: new Map([['packages/db/prisma/backfill.ts', []]]) },
    },
  ])('makes a file a script when $name', ({ file, extra }) => {
    expect(graphRoles([file], evidence(extra)).get(file)).toBe('script');
  });

  it('keeps the app role for a JavaScript file that something imports, and for one in a JavaScript project', () => {
    expect(graphRoles(['src/db.js'], evidence({ importers: new Map([['src/db.js', ['src/index.ts']]]) })).get('src/db.js')).toBe('app');
    expect(graphRoles(['src/db.js'], evidence({ typescriptProject: false, importers: new Map([['src/db.js', []]]) })).get('src/db.js')).toBe('app');
  });

  it('keeps the app role for a file in prisma/ that the application imports (a client module kept beside the schema)', () => {
    expect(graphRoles(['prisma/db.ts'], evidence({ importers: new Map([['prisma/db.ts', ['src/index.ts']]]) })).get('prisma/db.ts')).toBe('app');
  });

  it("keeps the app role for a file nothing imports in a prisma/ folder that holds no schema (Nest's src/prisma/)", () => {
    const path = 'src/prisma/prisma.service.ts';
    expect(graphRoles([path], evidence({ importers: new Map([[path, []]]) })).get(path)).toBe('app');
  });

  it('keeps the app role for a file nothing imports beside a schema at the project root', () => {
    expect(graphRoles(['server.ts'], evidence({ schemaFolders: ['.'], importers: new Map([['server.ts', []]]) })).get('server.ts')).toBe('app');
  });

  // Frameworks load their entries by folder: a JavaScript route in a mixed project was taken for a script and its
  // client left unreported.
  it.each(['app/api/legacy/route.js', 'api/src/functions/nightly.js', 'src/routes/api/+server.js', 'pages/api/users.js'])(
    'keeps the app role for JavaScript nothing imports below the root of a TypeScript project: %s',
    (path) => {
      expect(graphRoles([path], evidence({ importers: new Map([[path, []]]) })).get(path)).toBe('app');
    },
  );

  it('keeps the app role for a TypeScript file nothing imports: a framework entry such as a route', () => {
    expect(graphRoles(['app/api/users/route.ts'], evidence({ importers: new Map([['app/api/users/route.ts', []]]) })).get('app/api/users/route.ts')).toBe(
      'app',
    );
  });
});
