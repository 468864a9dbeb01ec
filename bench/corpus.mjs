#!/usr/bin/env node
// Seeded generator of a realistic ESM TypeScript back end for the benchmark.
//
//   node bench/corpus.mjs --files 1000 --sites 40 [--seed 1] [--out DIR]
//
// Writes N source files under src/ (50-300 lines each: imports, types, classes, functions), M of which
// instantiate PrismaClient once each, spread over every supported form; decoys that fool a text search
// (type-only imports, `new PrismaClient()` in comments and strings, `new PrismaClientKnownRequestError`);
// and a node_modules/ and a git-ignored dist/ full of matching junk. Returns (and with --out, writes next
// to the corpus as manifest.json) the expected sites: path:line:column of each `new`.

import { mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { posix, join, dirname, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { createRandom } from './lib/prng.mjs';

export const SITE_FORMS = ['named', 'aliased', 'namespace', 'class-field', 'constructor', 'dynamic'];
export const DECOY_KINDS = ['type-only', 'comment', 'string', 'error-class'];

const DOMAINS = [
  'booking',
  'hotels',
  'catalog',
  'checkout',
  'billing',
  'payments',
  'shopping',
  'chat',
  'whatsapp',
  'sellers',
  'guides',
  'reviews',
  'notifications',
  'identity',
  'accounts',
  'inventory',
  'pricing',
  'shipping',
  'reports',
  'search',
  'itineraries',
  'flights',
  'loyalty',
  'coupons',
  'support',
  'uploads',
  'webhooks',
  'audit',
  'tenants',
  'subscriptions',
  'analytics',
  'partners',
  'media',
  'compliance',
  'ops',
  'availability',
  'vouchers',
  'maps',
];
const SUBS = ['core', 'api', 'internal', 'adapters', 'admin', 'public', 'sync', 'workers', 'v2', 'legacy', 'events', 'rules'];
const AREAS = ['modules', 'modules', 'modules', 'features', 'integrations', 'domain'];
const ENTITIES = [
  'booking',
  'hotel',
  'room',
  'guest',
  'invoice',
  'payment',
  'refund',
  'order',
  'cart',
  'product',
  'seller',
  'guide',
  'review',
  'message',
  'conversation',
  'webhook',
  'session',
  'user',
  'account',
  'address',
  'coupon',
  'shipment',
  'stock',
  'price',
  'report',
  'notification',
  'subscription',
  'plan',
  'tenant',
  'auditEntry',
  'itinerary',
  'flight',
  'trip',
  'voucher',
  'ticket',
  'agent',
  'channel',
  'template',
  'upload',
  'exportJob',
];
const ROLES = ['service', 'controller', 'repository', 'routes', 'types', 'mapper', 'validator', 'handler', 'events', 'policy', 'client', 'cache'];
const CLASS_ROLES = new Set(['service', 'controller', 'repository', 'handler', 'client', 'cache', 'policy']);
const FIELDS = [
  ['id', 'string'],
  ['tenantId', 'string'],
  ['name', 'string'],
  ['email', 'string'],
  ['status', 'STATUS'],
  ['amount', 'number'],
  ['currency', 'string'],
  ['createdAt', 'Date'],
  ['updatedAt', 'Date'],
  ['notes', 'string | null'],
  ['externalId', 'string | null'],
  ['quantity', 'number'],
  ['tags', 'string[]'],
  ['city', 'string'],
  ['country', 'string'],
  ['rating', 'number | null'],
  ['archived', 'boolean'],
  ['ownerId', 'string'],
];
const STATUSES = ['pending', 'active', 'confirmed', 'cancelled', 'archived', 'failed', 'expired', 'draft'];
const NODE_IMPORTS = [
  "import { randomUUID } from 'node:crypto';",
  "import { setTimeout as delay } from 'node:timers/promises';",
  "import { EventEmitter } from 'node:events';",
  "import { createHash } from 'node:crypto';",
  "import { readFile } from 'node:fs/promises';",
];
const ALIASES = ['PC', 'Client', 'DbClient', 'PrismaDb'];
const NAMESPACES = ['P', 'PrismaModule', 'Pr'];
const CLIENT_VARS = ['prisma', 'db', 'client', 'database'];
const VERBS = ['load', 'describe', 'format', 'resolve', 'build', 'normalize', 'compute', 'summarize'];

const pascal = (s) => s[0].toUpperCase() + s.slice(1);
const upper = (s) => s.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();

/** Line-by-line writer that knows the 1-based line and column of what it emits. */
class Writer {
  constructor() {
    this.lines = [];
    this.sites = [];
  }
  push(...lines) {
    for (const line of lines) this.lines.push(line);
  }
  /** Emits a line holding a site; records where its `new` keyword is. */
  site(line, form, rest = []) {
    const column = line.indexOf('new ') + 1;
    if (column < 1) throw new Error(`no site in ${line}`);
    this.sites.push({ line: this.lines.length + 1, column, form });
    this.lines.push(line, ...rest);
  }
  get length() {
    return this.lines.length;
  }
  text() {
    return `${this.lines.join('\n')}\n`;
  }
}

function relativeImport(fromPath, toPath) {
  let rel = posix.relative(posix.dirname(fromPath), toPath).replace(/\.ts$/, '.js');
  if (!rel.startsWith('.')) rel = `./${rel}`;
  return rel;
}

/** Plans the paths of N source files: a few infrastructure files, then modules in folders of 20-45 files. */
function planPaths(count, rnd) {
  const infra = [
    'src/server.ts',
    'src/app.ts',
    'src/config/env.ts',
    'src/lib/logger.ts',
    'src/lib/metrics.ts',
    'src/lib/errors.ts',
    'src/lib/pagination.ts',
    'src/http/types.ts',
  ];
  const files = infra.slice(0, count).map((path) => ({ path, infra: true, entity: 'app', role: 'service' }));
  const seenDirs = new Set();
  for (let group = 0; files.length < count; group += 1) {
    const domain = DOMAINS[group % DOMAINS.length];
    const layer = Math.floor(group / DOMAINS.length);
    let dir = `src/${rnd.pick(AREAS)}/${domain}`;
    if (layer > 0) dir += `/${SUBS[(layer - 1) % SUBS.length]}`;
    if (layer > SUBS.length) dir += `-${Math.floor((layer - 1) / SUBS.length)}`;
    while (seenDirs.has(dir)) dir += 'x';
    seenDirs.add(dir);
    const combos = [];
    for (const entity of rnd.sample(ENTITIES, 8)) for (const role of ROLES) combos.push({ entity, role });
    const inDir = Math.min(rnd.int(20, 45), count - files.length);
    for (const { entity, role } of rnd.sample(combos, inDir)) {
      files.push({ path: `${dir}/${entity}.${role}.ts`, infra: false, entity, role });
    }
  }
  return files;
}

// ---------------------------------------------------------------------------------------------------------
// Building blocks. Each returns lines; `c` is the per-file context.

function interfaceBlock(c) {
  const fields = [['id', 'string'], ...c.rnd.sample(FIELDS.slice(1), c.rnd.int(3, 8))];
  const lines = [`export interface ${c.E}Record {`];
  for (const [name, type] of fields) lines.push(`  ${name}: ${type === 'STATUS' ? `${c.E}Status` : type};`);
  lines.push('}', '');
  c.fields = fields;
  return lines;
}

function statusBlock(c) {
  const values = c.rnd.sample(STATUSES, c.rnd.int(3, 5));
  c.statuses = values;
  return [`export type ${c.E}Status = ${values.map((v) => `'${v}'`).join(' | ')};`, ''];
}

function filterBlock(c) {
  return [
    `export interface ${c.E}Filter {`,
    '  tenantId: string;',
    `  status?: ${c.E}Status;`,
    '  search?: string;',
    '  createdAfter?: Date;',
    '  limit?: number;',
    '  cursor?: string | null;',
    '}',
    '',
  ];
}

function fnName(c, base) {
  let name = base;
  for (let i = 2; c.names.has(name); i += 1) name = `${base}${i}`;
  c.names.add(name);
  return name;
}

/** Expression reading rows: through the file's client when it has one, else from memory. */
function rowsExpr(c, where, take) {
  if (c.db) return `await ${c.db}.${c.model}.findMany({ where: ${where}, take: ${take} })`;
  return `Array.from(${c.store}.values()).slice(0, ${take})`;
}

const FUNCTIONS = [
  (c, name) => [
    `export function ${name}(record: ${c.E}Record): Record<string, unknown> {`,
    '  return {',
    ...c.fields.map(([f, t]) => (t === 'Date' ? `    ${f}: record.${f}.toISOString(),` : `    ${f}: record.${f},`)),
    `    kind: '${c.e}',`,
    '  };',
    '}',
    '',
  ],
  (c, name) => [
    `export function ${name}(input: unknown): Partial<${c.E}Record> {`,
    "  if (typeof input !== 'object' || input === null) {",
    `    throw new TypeError('${c.e} payload must be an object');`,
    '  }',
    '  const value = input as Record<string, unknown>;',
    `  const out: Partial<${c.E}Record> = {};`,
    ...c.fields
      .slice(1, 4)
      .flatMap(([f, t]) => [
        `  if (value.${f} !== undefined) {`,
        t.endsWith('[]')
          ? `    if (!Array.isArray(value.${f})) throw new TypeError('${f} must be a list');`
          : t.startsWith('string') || t.startsWith('number') || t === 'boolean'
            ? `    if (typeof value.${f} !== '${t.split(' ')[0]}') throw new TypeError('${f} must be a ${t.split(' ')[0]}');`
            : `    if (value.${f} === null) throw new TypeError('${f} cannot be null');`,
        `    out.${f} = value.${f} as ${c.E}Record['${f}'];`,
        '  }',
      ]),
    '  return out;',
    '}',
    '',
  ],
  (c, name) => [
    `export async function ${name}(filter: ${c.E}Filter): Promise<{ items: ${c.E}Record[]; nextCursor: string | null }> {`,
    `  const limit = Math.min(filter.limit ?? DEFAULT_LIMIT, ${c.rnd.int(50, 500)});`,
    '  const started = Date.now();',
    '  try {',
    `    const rows = ${rowsExpr(c, '{ tenantId: filter.tenantId }', 'limit + 1')} as ${c.E}Record[];`,
    '    const items = rows.slice(0, limit);',
    '    const nextCursor = rows.length > limit ? items[items.length - 1]?.id ?? null : null;',
    `    logger.debug('listed ${c.e} page', { count: items.length, elapsed: Date.now() - started });`,
    '    return { items, nextCursor };',
    '  } catch (error) {',
    `    logger.error('failed to list ${c.e}', { error });`,
    '    throw error;',
    '  }',
    '}',
    '',
  ],
  (c, name) => [
    `export function ${name}(status: ${c.E}Status): string {`,
    '  switch (status) {',
    ...c.statuses.flatMap((s) => [`    case '${s}':`, `      return '${pascal(s)} ${c.e}';`]),
    '    default:',
    '      return String(status);',
    '  }',
    '}',
    '',
  ],
  (c, name) => [
    `export function ${name}(records: readonly ${c.E}Record[]): Map<string, number> {`,
    '  const totals = new Map<string, number>();',
    '  for (const record of records) {',
    `    const key = String(record.${c.fields[c.rnd.int(1, c.fields.length - 1)][0]} ?? 'unknown');`,
    '    totals.set(key, (totals.get(key) ?? 0) + 1);',
    '  }',
    '  return totals;',
    '}',
    '',
  ],
  (c, name) => [
    `export async function ${name}<T>(task: () => Promise<T>, attempts = ${c.rnd.int(2, 5)}): Promise<T> {`,
    '  let lastError: unknown;',
    '  for (let attempt = 1; attempt <= attempts; attempt += 1) {',
    '    try {',
    '      return await task();',
    '    } catch (error) {',
    '      lastError = error;',
    `      logger.warn('${c.e} attempt failed', { attempt, error });`,
    `      await new Promise((done) => setTimeout(done, attempt * ${c.rnd.int(50, 400)}));`,
    '    }',
    '  }',
    `  throw new AppError('${c.e} failed after retries', { cause: lastError });`,
    '}',
    '',
  ],
  (c, name) => [
    `export function ${name}(filter: ${c.E}Filter): Record<string, unknown> {`,
    '  const where: Record<string, unknown> = { tenantId: filter.tenantId };',
    '  if (filter.status) where.status = filter.status;',
    "  if (filter.search?.trim()) where.name = { contains: filter.search.trim(), mode: 'insensitive' };",
    '  if (filter.createdAfter) where.createdAt = { gte: filter.createdAfter };',
    '  return {',
    '    where,',
    '    take: filter.limit ?? DEFAULT_LIMIT,',
    '    ...(filter.cursor ? { cursor: { id: filter.cursor }, skip: 1 } : {}),',
    "    orderBy: { createdAt: 'desc' as const },",
    '  };',
    '}',
    '',
  ],
  (c, name) => [
    `export async function ${name}(ids: readonly string[], batchSize = ${c.rnd.int(10, 100)}): Promise<number> {`,
    '  let processed = 0;',
    '  for (let offset = 0; offset < ids.length; offset += batchSize) {',
    '    const chunk = ids.slice(offset, offset + batchSize);',
    '    const results = await Promise.allSettled(',
    '      chunk.map(async (id) => {',
    `        const key = \`${c.e}:\${id}\`;`,
    '        metrics.increment(key);',
    '        return id.length;',
    '      }),',
    '    );',
    "    processed += results.filter((r) => r.status === 'fulfilled').length;",
    '  }',
    '  return processed;',
    '}',
    '',
  ],
  (c, name) => [
    `export const ${name} = (records: ${c.E}Record[]): ${c.E}Record[] =>`,
    '  records',
    `    .filter((record) => record.id.length > 0)`,
    '    .sort((a, b) => a.id.localeCompare(b.id))',
    '    .map((record) => ({ ...record }));',
    '',
  ],
];

function methodBlock(c, name) {
  const where = '{ id }';
  const lines = [
    `  async ${name}(id: string): Promise<${c.E}Record | undefined> {`,
    `    const cached = this.${c.storeField}.get(id);`,
    '    if (cached) return cached;',
  ];
  if (c.classDb) {
    lines.push(
      `    const row = (await ${c.classDb}.${c.model}.findUnique({ where: ${where} })) as ${c.E}Record | null;`,
      `    if (!row) throw new NotFoundError(\`${c.e} \${id} not found\`);`,
      `    this.${c.storeField}.set(id, row);`,
      '    return row;',
    );
  } else {
    lines.push(`    logger.debug('cache miss', { id, kind: '${c.e}' });`, '    return undefined;');
  }
  lines.push('  }', '');
  return lines;
}

function methodUpdate(c, name) {
  const lines = [`  async ${name}(id: string, patch: Partial<${c.E}Record>): Promise<void> {`];
  if (c.classDb) {
    lines.push(`    await ${c.classDb}.${c.model}.update({ where: { id }, data: patch });`, `    this.${c.storeField}.delete(id);`);
  } else {
    lines.push(
      `    const current = this.${c.storeField}.get(id);`,
      `    if (!current) throw new NotFoundError(\`${c.e} \${id} not found\`);`,
      `    this.${c.storeField}.set(id, { ...current, ...patch });`,
    );
  }
  lines.push(`    this.events.emit('${c.e}.updated', { id });`, '  }', '');
  return lines;
}

function methodSummary(c, name) {
  return [
    `  ${name}(): { size: number; keys: string[] } {`,
    `    const keys = [...this.${c.storeField}.keys()].sort();`,
    '    return { size: keys.length, keys: keys.slice(0, 10) };',
    '  }',
    '',
  ];
}

function classBlock(c, w) {
  const className = fnName(c, `${c.E}${pascal(c.role)}`);
  c.storeField = 'cache';
  w.push(`export class ${className} {`);
  w.push(`  private readonly cache = new Map<string, ${c.E}Record>();`);
  w.push('  private readonly events = new EventEmitter();');
  if (c.site === 'class-field') {
    w.site(`  private prisma = new PrismaClient();`, 'class-field');
    c.classDb = 'this.prisma';
  } else if (c.site === 'constructor') {
    w.push('  private readonly prisma: PrismaClient;');
    w.push('');
    w.push(`  constructor(private readonly ttlMs = ${c.rnd.int(1, 60) * 1000}) {`);
    w.site('    this.prisma = new PrismaClient();', 'constructor');
    w.push(`    this.events.setMaxListeners(${c.rnd.int(10, 50)});`, '  }');
    c.classDb = 'this.prisma';
  } else if (c.decoys.has('type-only') && c.typeOnlyName) {
    w.push('');
    w.push(`  constructor(private readonly db: ${c.typeOnlyName}) {}`);
    c.classDb = 'this.db';
  } else if (c.db) {
    c.classDb = c.db;
  }
  w.push('');
  const methods = [methodBlock, methodUpdate, methodSummary];
  const count = c.rnd.int(2, 5);
  for (let i = 0; i < count; i += 1) {
    const make = methods[i % methods.length];
    const base = ['get', 'update', 'summary'][i % 3] + (i >= 3 ? pascal(c.rnd.pick(VERBS)) : '');
    for (const line of make(c, base)) w.push(line);
  }
  if (w.lines[w.lines.length - 1] === '') w.lines.pop();
  w.push('}', '');
}

function dynamicBlock(c, w) {
  const name = fnName(c, `export${c.E}Report`);
  w.push(`export async function ${name}(from: Date, to: Date): Promise<number> {`);
  w.push("  const { PrismaClient } = await import('@prisma/client');");
  w.site('  const prisma = new PrismaClient();', 'dynamic');
  w.push(
    '  try {',
    `    const rows = await prisma.${c.model}.findMany({ where: { createdAt: { gte: from, lt: to } } });`,
    `    logger.info('exported ${c.e} report', { count: rows.length });`,
    '    return rows.length;',
    '  } finally {',
    '    await prisma.$disconnect();',
    '  }',
    '}',
    '',
  );
}

function commentDecoy(c) {
  return c.rnd.pick([
    ['// Do not call new PrismaClient() here: every instance opens its own connection pool.'],
    [
      '/*',
      ` * Historical note: this ${c.role} used to create \`new PrismaClient()\` per request,`,
      ' * which exhausted the pool under load. Keep it on the shared client.',
      ' */',
    ],
    [`// TODO(${c.e}): const client = new PrismaClient({ log: ['query'] }); // for local debugging only`],
  ]);
}

function stringDecoyModule(c) {
  return [`const MIGRATION_HINT = 'replace new PrismaClient() in ${c.e} code with the shared client';`];
}

function stringDecoyFunction(c, name) {
  return [
    `export function ${name}(caller: string): string {`,
    `  const message = \`new PrismaClient() requested by \${caller} in ${c.e}\`;`,
    '  logger.warn(message);',
    '  return message;',
    '}',
    '',
  ];
}

function errorClassFunction(c, name) {
  return [
    `export function ${name}(field: string): never {`,
    `  throw new PrismaClientKnownRequestError(\`duplicate ${c.e} \${field}\`, {`,
    "    code: 'P2002',",
    "    clientVersion: '6.0.0',",
    '  });',
    '}',
    '',
  ];
}

/** Renders one source file; returns its text, its sites and the name of the helper it exports. */
function renderFile(file, ctx) {
  const { rnd } = ctx;
  const c = {
    rnd,
    e: file.entity,
    E: pascal(file.entity),
    model: file.entity,
    role: file.role,
    site: file.site ?? null,
    decoys: file.decoys ?? new Set(),
    names: new Set(),
    db: null,
    classDb: null,
    store: 'memoryStore',
    fields: null,
    statuses: null,
  };
  const w = new Writer();
  const target = rnd.int(50, 300);

  if (c.decoys.has('comment') && rnd.chance(0.5)) {
    w.push('/**', ` * ${c.E} ${c.role}.`, ' *', ' * Uses the shared database client; never `new PrismaClient()` per request.', ' */');
  } else if (rnd.chance(0.3)) {
    w.push(
      '/**',
      ` * ${c.E} ${c.role}: ${rnd.pick(['reads and writes', 'exposes', 'validates', 'caches'])} ${c.e} data for the ${file.path.split('/')[2]} module.`,
      ' */',
    );
  }

  // Imports.
  for (const line of rnd.sample(NODE_IMPORTS, rnd.int(0, 2))) w.push(line);
  if (!w.lines.includes(NODE_IMPORTS[2])) w.push(NODE_IMPORTS[2]);
  let alias = null;
  let ns = null;
  if (c.site === 'named' || c.site === 'class-field' || c.site === 'constructor') {
    w.push(rnd.chance(0.3) ? "import { Prisma, PrismaClient } from '@prisma/client';" : "import { PrismaClient } from '@prisma/client';");
  } else if (c.site === 'aliased') {
    alias = rnd.pick(ALIASES);
    w.push(`import { PrismaClient as ${alias} } from '@prisma/client';`);
  } else if (c.site === 'namespace') {
    ns = rnd.pick(NAMESPACES);
    w.push(`import * as ${ns} from '@prisma/client';`);
  }
  if (c.decoys.has('type-only')) {
    const form = rnd.int(0, 2);
    if (c.site === 'named' || c.site === 'class-field' || c.site === 'constructor') {
      w.push("import type { Prisma as PrismaTypes } from '@prisma/client';");
    } else {
      w.push(
        [
          "import type { PrismaClient } from '@prisma/client';",
          "import { type PrismaClient, Prisma } from '@prisma/client';",
          "import type { Prisma, PrismaClient } from '@prisma/client';",
        ][form],
      );
      c.typeOnlyName = 'PrismaClient';
    }
  }
  if (c.decoys.has('error-class')) w.push("import { PrismaClientKnownRequestError } from '@prisma/client/runtime/library';");
  const up = (target) => relativeImport(file.path, target);
  w.push(`import { logger } from '${up('src/lib/logger.ts')}';`);
  w.push(`import { AppError, NotFoundError } from '${up('src/lib/errors.ts')}';`);
  if (rnd.chance(0.6)) w.push(`import { metrics } from '${up('src/lib/metrics.ts')}';`);
  else w.push(`import { metrics as counters } from '${up('src/lib/metrics.ts')}';`, 'const metrics = counters;');
  if (rnd.chance(0.5)) w.push(`import { env } from '${up('src/config/env.ts')}';`);
  if (rnd.chance(0.4)) w.push(`import type { PageRequest } from '${up('src/lib/pagination.ts')}';`);
  const importedNames = new Set();
  for (const other of ctx.pickImports(file)) {
    let name = other.helper;
    let line = `import { ${name} } from '${up(other.path)}';`;
    if (importedNames.has(name)) {
      line = `import { ${name} as ${name}From${pascal(other.role)}${importedNames.size} } from '${up(other.path)}';`;
      name = `${name}From${pascal(other.role)}${importedNames.size}`;
    }
    importedNames.add(name);
    c.names.add(name);
    w.push(line);
  }
  w.push('');

  // Module level.
  w.push(`const DEFAULT_LIMIT = ${rnd.int(10, 100)};`);
  w.push(`const ${upper(c.e)}_TTL_MS = ${rnd.int(1, 120)} * 1000;`);
  w.push(`const memoryStore = new Map<string, ${c.E}Record>();`);
  if (c.decoys.has('string')) for (const line of stringDecoyModule(c)) w.push(line);
  if (c.site === 'named') {
    c.db = rnd.pick(CLIENT_VARS);
    if (rnd.chance(0.3)) {
      w.site(`const ${c.db} = new PrismaClient({`, 'named', ["  log: process.env.NODE_ENV === 'development' ? ['query', 'error'] : ['error'],", '});']);
    } else {
      w.site(`const ${c.db} = new PrismaClient();`, 'named');
    }
  } else if (c.site === 'aliased') {
    c.db = rnd.pick(CLIENT_VARS);
    w.site(`const ${c.db} = new ${alias}();`, 'aliased');
  } else if (c.site === 'namespace') {
    c.db = rnd.pick(CLIENT_VARS);
    w.site(`const ${c.db} = new ${ns}.PrismaClient();`, 'namespace');
  }
  w.push('');

  // Types.
  for (const line of statusBlock(c)) w.push(line);
  for (const line of interfaceBlock(c)) w.push(line);
  for (const line of filterBlock(c)) w.push(line);

  // The exported helper that other files import.
  const helper = fnName(c, `${rnd.pick(VERBS)}${c.E}${pascal(c.role)}`);
  for (const line of FUNCTIONS[0](c, helper)) w.push(line);

  if (c.decoys.has('comment')) for (const line of commentDecoy(c)) w.push(line);
  if (c.site === 'class-field' || c.site === 'constructor' || (CLASS_ROLES.has(c.role) && rnd.chance(0.7))) classBlock(c, w);
  if (c.site === 'dynamic') dynamicBlock(c, w);
  if (c.decoys.has('string')) for (const line of stringDecoyFunction(c, fnName(c, `warnDirect${c.E}Client`))) w.push(line);
  if (c.decoys.has('error-class')) for (const line of errorClassFunction(c, fnName(c, `fail${c.E}Duplicate`))) w.push(line);

  // Filler functions until the target length; never past 300 lines.
  for (let guard = 0; w.length < target && guard < 60; guard += 1) {
    const index = rnd.int(1, FUNCTIONS.length - 1);
    const name = fnName(c, `${rnd.pick(VERBS)}${c.E}${['Dto', 'Input', 'Page', 'Label', 'Totals', 'WithRetry', 'Query', 'Batch', 'Sorted'][index - 1]}`);
    const block = FUNCTIONS[index](c, name);
    if (w.length + block.length > 300) break;
    for (const line of block) w.push(line);
  }
  while (w.length < 50) w.push(`export const ${fnName(c, `${c.e}Flag`)} = ${rnd.chance(0.5)};`);
  while (w.lines.length > 1 && w.lines[w.lines.length - 1] === '') w.lines.pop();
  return { text: w.text(), sites: w.sites, helper };
}

// ---------------------------------------------------------------------------------------------------------
// Infrastructure files (no Prisma mention): exports that every generated file imports.

function infraFile(path, rnd) {
  const w = new Writer();
  const fill = (count) => {
    for (let i = 0; w.length < count; i += 1) {
      w.push(
        '',
        `export function ${path.split('/').pop().replace('.ts', '')}Helper${i}(value: string): string {`,
        `  return value.trim().toLowerCase() + '-${i}';`,
        '}',
      );
    }
  };
  switch (path) {
    case 'src/lib/logger.ts':
      w.push(
        "type Level = 'debug' | 'info' | 'warn' | 'error';",
        '',
        'function write(level: Level, message: string, meta?: unknown): void {',
        '  const line = JSON.stringify({ level, message, meta, at: new Date().toISOString() });',
        "  if (level === 'error' || level === 'warn') process.stderr.write(line + '\\n');",
        "  else process.stdout.write(line + '\\n');",
        '}',
        '',
        'export const logger = {',
        "  debug: (message: string, meta?: unknown) => write('debug', message, meta),",
        "  info: (message: string, meta?: unknown) => write('info', message, meta),",
        "  warn: (message: string, meta?: unknown) => write('warn', message, meta),",
        "  error: (message: string, meta?: unknown) => write('error', message, meta),",
        '};',
      );
      break;
    case 'src/lib/errors.ts':
      w.push(
        'export class AppError extends Error {',
        '  constructor(message: string, options?: { cause?: unknown }) {',
        '    super(message, options);',
        "    this.name = 'AppError';",
        '  }',
        '}',
        '',
        'export class NotFoundError extends AppError {',
        '  readonly status = 404;',
        '}',
      );
      break;
    case 'src/lib/metrics.ts':
      w.push(
        'const counters = new Map<string, number>();',
        '',
        'export const metrics = {',
        '  increment(key: string, by = 1): void {',
        '    counters.set(key, (counters.get(key) ?? 0) + by);',
        '  },',
        '  snapshot(): Record<string, number> {',
        '    return Object.fromEntries(counters);',
        '  },',
        '};',
      );
      break;
    case 'src/config/env.ts':
      w.push(
        'export const env = {',
        "  NODE_ENV: process.env.NODE_ENV ?? 'development',",
        "  PORT: Number(process.env.PORT ?? '4000'),",
        "  DATABASE_URL: process.env.DATABASE_URL ?? '',",
        '};',
      );
      break;
    case 'src/lib/pagination.ts':
      w.push('export interface PageRequest {', '  limit: number;', '  cursor?: string | null;', '}');
      break;
    default:
      w.push(`// ${path}: application wiring.`, "import { logger } from './lib/logger.js';".replace('./lib', path.split('/').length > 2 ? '../lib' : './lib'));
      w.push('', `export const startedAt = new Date(${rnd.int(1_600_000_000, 1_700_000_000)} * 1000);`);
  }
  fill(50 + rnd.int(0, 40));
  return w.text();
}

// ---------------------------------------------------------------------------------------------------------
// Junk that must be skipped.

function junkJs(rnd, i) {
  const lines = [
    "'use strict';",
    `// generated bundle chunk ${i}`,
    "const { PrismaClient } = require('@prisma/client');",
    'const prisma = new PrismaClient();',
    `exports.handler${i} = async function handler(event) {`,
    '  const client = new PrismaClient({ log: ["error"] });',
    '  try {',
    '    return await client.$queryRaw`SELECT 1`;',
    '  } finally {',
    '    await client.$disconnect();',
    '  }',
    '};',
  ];
  for (let k = 0, n = rnd.int(10, 60); k < n; k += 1) lines.push(`exports.v${k} = ${rnd.int(0, 1e6)};`);
  return `${lines.join('\n')}\n`;
}

function junkTs(rnd, i) {
  const lines = [
    "import { PrismaClient } from '@prisma/client';",
    '',
    `export const client${i} = new PrismaClient();`,
    `export class Repo${i} {`,
    '  private prisma = new PrismaClient();',
    '}',
  ];
  for (let k = 0, n = rnd.int(10, 60); k < n; k += 1) lines.push(`export const v${k}: number = ${rnd.int(0, 1e6)};`);
  return `${lines.join('\n')}\n`;
}

const PRISMA_DTS = [
  'export declare class PrismaClient {',
  '  constructor(options?: { log?: string[]; datasources?: Record<string, { url?: string }> });',
  '  $connect(): Promise<void>;',
  '  $disconnect(): Promise<void>;',
  '  $transaction<T>(arg: unknown): Promise<T>;',
  '  $queryRaw<T = unknown>(query: TemplateStringsArray, ...values: unknown[]): Promise<T>;',
  '  [model: string]: any;',
  '}',
  'export declare namespace Prisma {',
  "  type SortOrder = 'asc' | 'desc';",
  '}',
  '',
].join('\n');

function writeJunk(sourceFiles, siteFiles, count, rnd, write) {
  // The Prisma client package as npm would install it.
  write(
    'node_modules/@prisma/client/package.json',
    `${JSON.stringify({ name: '@prisma/client', version: '6.0.0', main: 'index.js', types: 'index.d.ts' }, null, 2)}\n`,
  );
  write('node_modules/@prisma/client/index.d.ts', PRISMA_DTS);
  write('node_modules/@prisma/client/index.js', junkJs(rnd, 0));
  write(
    'node_modules/@prisma/client/runtime/library.d.ts',
    'export declare class PrismaClientKnownRequestError extends Error {\n  constructor(message: string, info: { code: string; clientVersion: string });\n  code: string;\n}\n',
  );
  write('node_modules/@prisma/client/runtime/library.js', junkJs(rnd, 1));
  write('node_modules/.prisma/client/index.js', junkJs(rnd, 2));
  write('node_modules/.prisma/client/index.d.ts', PRISMA_DTS);
  const packages = ['@acme/db-kit', 'prisma-helpers', 'orm-bridge', '@internal/legacy-api', 'nest-prisma-lite'];
  let junk = 7;
  for (let i = 0; junk < count; i += 1, junk += 1) {
    const pkg = packages[i % packages.length];
    const ext = i % 3 === 0 ? 'ts' : 'js';
    const body = ext === 'ts' ? junkTs(rnd, i) : junkJs(rnd, i);
    write(`node_modules/${pkg}/${ext === 'ts' ? 'src' : 'dist'}/chunk-${Math.floor(i / 200)}/file-${i}.${ext}`, body);
  }
  // dist/: compiled output of every site file, then more of the tree.
  let dist = 0;
  const mirror = (path, i) => {
    const base = path.replace(/^src\//, 'dist/').replace(/\.ts$/, '');
    write(`${base}.js`, junkJs(rnd, i));
    write(`${base}.d.ts`, `export declare const marker${i}: number;\n// new PrismaClient()\n`);
    dist += 2;
  };
  for (const [i, path] of siteFiles.entries()) mirror(path, i);
  for (let i = 0; dist < count; i += 1) mirror(sourceFiles[(i * 7919) % sourceFiles.length], i);
  return { nodeModules: junk, dist };
}

// ---------------------------------------------------------------------------------------------------------

/**
 * Writes the corpus into `root` (created; must not exist or be empty) and returns its manifest:
 * { files, sites, seed, root, sourceFiles, expected: [{ path, line, column, form }], decoys: [{ path, kinds }],
 *   junk: { nodeModules, dist }, bytes }.
 */
export function generateCorpus({ root, files, sites, seed = 1, junkRatio = 0.1 }) {
  if (sites > files - 8) throw new Error(`cannot place ${sites} sites in ${files} files`);
  const rnd = createRandom(seed * 1_000_003 + files * 7 + sites);
  const plan = planPaths(files, rnd);
  const candidates = plan.map((_, i) => i).filter((i) => !plan[i].infra);
  const chosen = rnd.sample(candidates, sites);
  // Every form appears; the rest are spread evenly.
  const forms = rnd.shuffle(chosen.map((_, i) => SITE_FORMS[i % SITE_FORMS.length]));
  chosen.forEach((index, i) => {
    plan[index].site = forms[i];
  });
  // Decoys scale with the number of sites (files that mention PrismaClient grow with M, not N).
  const free = rnd.shuffle(candidates.filter((i) => !plan[i].site));
  const decoyPlan = [
    ['type-only', sites],
    ['comment', Math.ceil(sites / 2)],
    ['string', Math.ceil(sites / 2)],
    ['error-class', Math.max(2, Math.ceil(sites / 8))],
  ];
  let cursor = 0;
  for (const [kind, count] of decoyPlan) {
    for (let k = 0; k < count && cursor < free.length; k += 1, cursor += 1) {
      const file = plan[free[cursor]];
      file.decoys ??= new Set();
      file.decoys.add(kind);
    }
  }
  // A few site files also carry a comment or string decoy.
  for (const index of rnd.sample(chosen, Math.ceil(sites / 4))) {
    plan[index].decoys ??= new Set();
    plan[index].decoys.add(rnd.pick(['comment', 'string']));
  }

  mkdirSync(root, { recursive: true });
  const made = new Set();
  let bytes = 0;
  const write = (rel, text) => {
    const full = join(root, rel);
    const dir = dirname(full);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    writeFileSync(full, text);
    bytes += text.length;
  };

  write(
    'package.json',
    `${JSON.stringify(
      {
        name: 'bench-travel-api',
        version: '1.0.0',
        private: true,
        type: 'module',
        scripts: { build: 'tsc -p tsconfig.json', start: 'node dist/server.js' },
        dependencies: { '@prisma/client': '^6.0.0' },
        devDependencies: { prisma: '^6.0.0', typescript: '^5.9.0' },
      },
      null,
      2,
    )}\n`,
  );
  write(
    'tsconfig.json',
    `${JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          outDir: 'dist',
          rootDir: 'src',
          skipLibCheck: true,
          types: [],
        },
        include: ['src'],
      },
      null,
      2,
    )}\n`,
  );
  write('.gitignore', 'node_modules/\ndist/\n.env\n*.log\ncoverage/\n');
  write(
    'prisma/schema.prisma',
    [
      'generator client {',
      '  provider = "prisma-client-js"',
      '}',
      '',
      'datasource db {',
      '  provider = "postgresql"',
      '  url      = env("DATABASE_URL")',
      '}',
      '',
      ...ENTITIES.slice(0, 12).flatMap((e) => [
        `model ${pascal(e)} {`,
        '  id        String   @id @default(cuid())',
        '  tenantId  String',
        '  createdAt DateTime @default(now())',
        '}',
        '',
      ]),
    ].join('\n'),
  );

  const expected = [];
  const decoys = [];
  const modules = [];
  const pristine = new Map();
  const ctx = {
    rnd,
    pickImports() {
      if (modules.length === 0) return [];
      const picks = [];
      const count = rnd.int(0, 3);
      for (let k = 0; k < count; k += 1) {
        // Mostly nearby files (same folder), sometimes anywhere earlier.
        const from = rnd.chance(0.7) ? Math.max(0, modules.length - 30) : 0;
        const other = modules[rnd.int(from, modules.length - 1)];
        if (!picks.includes(other)) picks.push(other);
      }
      return picks;
    },
  };
  for (const file of plan) {
    if (file.infra) {
      write(file.path, infraFile(file.path, rnd));
      continue;
    }
    const { text, sites: found, helper } = renderFile(file, ctx);
    file.helper = helper;
    write(file.path, text);
    if (text.includes('PrismaClient')) pristine.set(file.path, text);
    for (const s of found) expected.push({ path: file.path, line: s.line, column: s.column, form: s.form });
    if (file.decoys) decoys.push({ path: file.path, kinds: [...file.decoys].sort(), site: Boolean(file.site) });
    modules.push(file);
  }
  if (expected.length !== sites) throw new Error(`expected ${sites} sites, generated ${expected.length}`);

  const sourceFiles = plan.map((f) => f.path);
  const siteFiles = [...new Set(expected.map((s) => s.path))];
  const junkCount = Math.max(60, Math.round(files * junkRatio));
  const junk = writeJunk(sourceFiles, siteFiles, junkCount, rnd, write);
  expected.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column));
  for (const rel of ['package.json', 'tsconfig.json', '.gitignore', 'prisma/schema.prisma']) {
    pristine.set(rel, readFileSync(join(root, rel), 'utf8'));
  }
  // `pristine` holds the text of every file a rewrite may touch (those that mention PrismaClient, and the
  // project's configuration), so that a work tree can be restored without a second copy of the corpus.
  return { files, sites, seed, root, sourceFiles, expected, decoys, junk, bytes, pristine };
}

// CLI
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : fallback;
  };
  const files = Number(opt('files', 1000));
  const sites = Number(opt('sites', 40));
  const seed = Number(opt('seed', 1));
  const out = resolve(opt('out', join(tmpdir(), `prisma-bench-corpus-${files}-${sites}-${seed}`)));
  rmSync(out, { recursive: true, force: true });
  const started = Date.now();
  const manifest = generateCorpus({ root: join(out, 'corpus'), files, sites, seed });
  const { sourceFiles, pristine, ...rest } = manifest;
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify({ ...rest, sourceFiles: sourceFiles.length }, null, 2)}\n`);
  console.log(
    `wrote ${files} source files (${sites} sites, ${manifest.decoys.length} decoy files, junk ${manifest.junk.nodeModules}+${manifest.junk.dist}) to ${join(out, 'corpus')} in ${Date.now() - started} ms; manifest ${join(out, 'manifest.json')}`,
  );
}
