#!/usr/bin/env node
// Bounded loopback load generator + pg_stat_activity sampler for examples/e2e/run.sh.
//
//   node load.mjs --base-url http://127.0.0.1:PORT --admin-url postgresql://postgres@127.0.0.1:PGPORT/postgres \
//                 --db app_e2e --label before --out before.json [--seconds 6] [--concurrency 48] [--max-requests 20000]
//
// Fires requests at every route of examples/api from `concurrency` workers until `seconds` have passed
// or `max-requests` were sent, whichever comes first, while a separate superuser connection samples
// `SELECT count(*) FROM pg_stat_activity WHERE datname = <db>` every `sample-ms`. Writes a JSON summary.
// Only loopback targets are accepted.
import http from 'node:http';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    const key = a.slice(2);
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`missing value for ${a}`);
    out[key] = value;
    i++;
  }
  return out;
}

const args = parseArgs(process.argv.slice(2));
const baseUrl = new URL(args['base-url'] ?? 'http://127.0.0.1:3000');
const adminUrl = args['admin-url'];
const db = args.db ?? 'app_e2e';
const label = args.label ?? 'run';
const outFile = args.out;
const seconds = Number(args.seconds ?? 6);
const concurrency = Number(args.concurrency ?? 48);
const maxRequests = Number(args['max-requests'] ?? 20000);
const sampleMs = Number(args['sample-ms'] ?? 100);
const requestTimeoutMs = Number(args['request-timeout-ms'] ?? 10000);
const apiDir = path.resolve(args['api-dir'] ?? path.join(here, '..', 'api'));

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;
for (const u of [baseUrl, adminUrl ? new URL(adminUrl) : null]) {
  if (u && !LOOPBACK.test(u.hostname)) throw new Error(`refusing non-loopback target ${u.hostname}`);
}
if (!(seconds > 0 && seconds <= 30)) throw new Error('--seconds must be in (0, 30]');
if (!(concurrency > 0 && concurrency <= 200)) throw new Error('--concurrency must be in (0, 200]');
if (!(maxRequests > 0 && maxRequests <= 100000)) throw new Error('--max-requests must be in (0, 100000]');

// pg comes from the example's own node_modules (the codemod package does not depend on it).
const pg = createRequire(path.join(apiDir, 'package.json'))('pg');

const ADMIN = { authorization: 'Bearer e2e-admin-token' };
const USER = { authorization: 'Bearer e2e-user-token' };
// Every one of the 15 modules is on the path of at least one of these.
const routes = [
  { method: 'GET', path: '/health' }, // index.ts
  { method: 'GET', path: '/public/hotels' }, // routes/public.ts
  { method: 'GET', path: '/public/hotels/search?city=Porto' }, // hotels/bookingcom.service.ts
  { method: 'GET', path: '/admin/stats', headers: ADMIN }, // routes/admin.ts + middleware/auth.ts
  { method: 'POST', path: '/auth/login', body: { email: 'user@example.test' } }, // routes/auth.ts
  { method: 'GET', path: '/seller/products?sellerId=1' }, // routes/seller.ts
  { method: 'GET', path: '/seller/catalog' }, // shopping/shopping.service.ts + shopping/cache.ts
  { method: 'GET', path: '/user/me', headers: USER }, // routes/user.ts + middleware/auth.ts
  { method: 'GET', path: '/ops/db' }, // routes/ops.ts
  { method: 'GET', path: '/guide/cities' }, // routes/guide.ts
  { method: 'GET', path: '/guide/ask?q=hotels%20in%20Faro' }, // chat/chat.agent.ts
  { method: 'POST', path: '/whatsapp/webhook', body: { from: 'user@example.test', text: 'hello' } }, // whatsapp.service.ts
  { method: 'GET', path: '/whatsapp/messages' }, // whatsapp/whatsapp.routes.ts
];

const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

function request(route) {
  return new Promise((resolve) => {
    const payload = route.body === undefined ? undefined : JSON.stringify(route.body);
    const headers = { ...(route.headers ?? {}) };
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(payload);
    }
    const req = http.request(
      { host: baseUrl.hostname, port: baseUrl.port, method: route.method, path: route.path, headers, agent, timeout: requestTimeoutMs },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (err) => resolve({ status: 0, body: '', error: err.code ?? err.message }));
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', (err) => resolve({ status: 0, body: '', error: err.code ?? err.message }));
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

async function sampler(client) {
  const samples = [];
  let stopped = false;
  let failures = 0;
  const take = async () => {
    try {
      const { rows } = await client.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [db]);
      samples.push({ t: Date.now(), n: rows[0].n });
      return rows[0].n;
    } catch {
      failures++;
      return null;
    }
  };
  const loop = (async () => {
    while (!stopped) {
      await take();
      await new Promise((r) => setTimeout(r, sampleMs));
    }
  })();
  return {
    samples,
    take,
    get failures() {
      return failures;
    },
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

const admin = new pg.Client({ connectionString: adminUrl, application_name: 'e2e-sampler' });
await admin.connect();
const s = await sampler(admin);
const startConnections = s.samples[0]?.n ?? (await s.take());

const stats = {
  requests: 0,
  ok: 0,
  failures: 0,
  failuresByKind: {},
  failuresByRoute: {},
  statusCounts: {},
  failuresWith53300: 0,
  failuresTooManyClients: 0,
  exampleErrors: [],
};

function classify(route, res) {
  stats.statusCounts[res.status] = (stats.statusCounts[res.status] ?? 0) + 1;
  if (res.status === 200) {
    stats.ok++;
    return;
  }
  stats.failures++;
  let kind = res.error ? `network:${res.error}` : `http:${res.status}`;
  let parsed = null;
  try {
    parsed = JSON.parse(res.body);
  } catch {
    /* not JSON */
  }
  if (res.body.includes('sorry, too many clients already')) stats.failuresTooManyClients++;
  const is53300 = parsed?.sqlstate === '53300' || res.body.includes('too many clients already');
  if (is53300) {
    stats.failuresWith53300++;
    kind = 'sqlstate:53300';
  } else if (parsed?.sqlstate) {
    kind = `sqlstate:${parsed.sqlstate}`;
  }
  stats.failuresByKind[kind] = (stats.failuresByKind[kind] ?? 0) + 1;
  const key = `${route.method} ${route.path.split('?')[0]}`;
  stats.failuresByRoute[key] = (stats.failuresByRoute[key] ?? 0) + 1;
  if (stats.exampleErrors.length < 5 && !stats.exampleErrors.some((e) => e.kind === kind)) {
    stats.exampleErrors.push({ kind, route: key, body: res.body.slice(0, 400) });
  }
}

const started = Date.now();
const deadline = started + seconds * 1000;
let issued = 0;

async function worker(offset) {
  let i = offset;
  while (Date.now() < deadline && issued < maxRequests) {
    issued++;
    const route = routes[i % routes.length];
    i++;
    const res = await request(route);
    stats.requests++;
    classify(route, res);
  }
}

await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
const durationMs = Date.now() - started;
const finalConnections = await s.take();
await s.stop();
await admin.end();
agent.destroy();

const counts = s.samples.map((x) => x.n);
const result = {
  label,
  durationMs,
  concurrency,
  routes: routes.length,
  requests: stats.requests,
  ok: stats.ok,
  failures: stats.failures,
  failuresWith53300: stats.failuresWith53300,
  failuresTooManyClients: stats.failuresTooManyClients,
  failuresByKind: stats.failuresByKind,
  failuresByRoute: stats.failuresByRoute,
  statusCounts: stats.statusCounts,
  requestsPerSecond: Math.round((stats.requests / durationMs) * 1000),
  startConnections,
  peakConnections: counts.length ? Math.max(...counts) : null,
  finalConnections,
  samples: counts.length,
  samplerFailures: s.failures,
  exampleErrors: stats.exampleErrors,
};
if (outFile) writeFileSync(outFile, `${JSON.stringify(result, null, 2)}\n`);
console.log(
  `[${label}] ${result.requests} requests in ${(durationMs / 1000).toFixed(1)}s (${result.requestsPerSecond}/s), ` +
    `${result.failures} failed (${result.failuresWith53300} with 53300), ` +
    `connections peak ${result.peakConnections}, final ${result.finalConnections} (${result.samples} samples)`,
);
if (result.failures) console.log(`[${label}] failures by kind: ${JSON.stringify(result.failuresByKind)}`);
