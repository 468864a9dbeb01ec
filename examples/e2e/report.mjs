#!/usr/bin/env node
// Reads the before/after summaries written by load.mjs, checks the issue's expectations,
// prints a before/after table, writes it to e2e-results.md and exits non-zero on any failure.
// Driven by environment variables set in run.sh.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const env = process.env;
const failReason = env.FAIL_REASON || 'the run stopped early';
// A phase that did not run (the run failed before it) is reported as such and fails its expectations.
function load(file, label) {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  return {
    label,
    missing: true,
    requests: 0,
    failures: 0,
    failuresWith53300: 0,
    failuresTooManyClients: 0,
    failuresByKind: {},
    peakConnections: null,
    finalConnections: null,
    samples: 0,
    requestsPerSecond: 0,
    exampleErrors: [],
  };
}
const before = load(env.BEFORE_JSON, 'before');
const after = load(env.AFTER_JSON, 'after');
const peakLimit = Number(env.PEAK_LIMIT);
const notRun = (r, text) => (r.missing ? `not run (${failReason})` : text);

const rows = [
  ['phase', 'requests', 'failed', 'failed with 53300', 'peak connections', 'final connections', '`new PrismaClient(` in src', 'API process'],
  ...[
    [before, env.BEFORE_CLIENTS, env.BEFORE_API],
    [after, env.AFTER_CLIENTS, env.AFTER_API],
  ].map(([r, clients, api]) =>
    r.missing
      ? [r.label, '-', '-', '-', '-', '-', String(clients), 'not run']
      : [
          r.label,
          String(r.requests),
          String(r.failures),
          String(r.failuresWith53300),
          String(r.peakConnections),
          String(r.finalConnections),
          String(clients),
          api,
        ],
  ),
];

const expectations = [
  {
    what: 'before: requests fail with `sorry, too many clients already` (SQLSTATE 53300)',
    ok: before.failuresWith53300 > 0 && before.failuresTooManyClients > 0,
    got: notRun(before, `${before.failuresWith53300} of ${before.requests} with SQLSTATE 53300, ${before.failuresTooManyClients} with that message`),
  },
  {
    what: 'after: zero failed requests',
    ok: !after.missing && after.requests > 0 && after.failures === 0,
    got: notRun(after, `${after.failures} of ${after.requests}`),
  },
  {
    what: `after: peak connections <= pool max (${env.POOL_MAX}) + 1 = ${peakLimit}`,
    ok: !after.missing && after.peakConnections !== null && after.peakConnections <= peakLimit,
    got: notRun(after, String(after.peakConnections)),
  },
  {
    what: 'after: exactly one `new PrismaClient(` left in the sources (the singleton module)',
    ok: env.AFTER_CLIENTS === '1',
    got: env.AFTER_CLIENTS === '-' ? `not counted (${failReason})` : String(env.AFTER_CLIENTS),
  },
  { what: 'after: the API process survived the load', ok: env.AFTER_API === 'alive', got: notRun(after, env.AFTER_API) },
];

function table(rs) {
  const widths = rs[0].map((_, c) => Math.max(...rs.map((r) => r[c].length)));
  const line = (r) => `| ${r.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`;
  return [line(rs[0]), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rs.slice(1).map(line)].join('\n');
}

const failuresDetail = (r) =>
  Object.keys(r.failuresByKind).length
    ? Object.entries(r.failuresByKind)
        .map(([k, n]) => `${k}: ${n}`)
        .join(', ')
    : 'none';

const allOk = expectations.every((e) => e.ok);
const md = [
  '# prisma-singleton-codemod: end-to-end proof on PostgreSQL',
  '',
  'Written by `npm run test:e2e` (`examples/e2e/run.sh`). The example API (`examples/api`, the 15-file layout of the',
  'incident, Prisma 7 with `@prisma/adapter-pg`) is loaded before and after running the codemod on a copy of it.',
  '',
  table(rows),
  '',
  `- Server: ${env.PG_VERSION}, \`max_connections = ${env.MAX_CONNECTIONS}\`, no slots reserved for superusers; the app connects as a non-superuser. Server log before: ${env.BEFORE_PG_FATALS} × \`FATAL: sorry, too many clients already\`; after: ${env.AFTER_PG_FATALS}.`,
  `- Load per phase: ${env.SECONDS_PER_PHASE}s, ${env.CONCURRENCY} requests in flight, 13 routes reaching all 15 modules, loopback only.`,
  `- Connections: \`SELECT count(*) FROM pg_stat_activity WHERE datname = 'app_e2e'\` sampled every 100 ms from a separate superuser session (${before.samples} / ${after.samples} samples); "final" is taken right after the load ends.`,
  `- Codemod: ${env.CODEMOD_DESC}.`,
  `- Failures before: ${failuresDetail(before)}. Failures after: ${after.missing ? 'not run' : failuresDetail(after)}.`,
  `- Throughput: ${before.requestsPerSecond} req/s before, ${after.requestsPerSecond} req/s after. Whole e2e run: ${env.ELAPSED}s.`,
  '',
  '## Expectations',
  '',
  ...expectations.map((e) => `- [${e.ok ? 'x' : ' '}] ${e.what} (got ${e.got})`),
  '',
  `Result: **${allOk ? 'PASS' : 'FAIL'}**${env.FAIL_REASON ? ` (stopped: ${env.FAIL_REASON})` : ''}`,
  '',
];
if (before.exampleErrors.length) {
  md.push('## Sample failure (before)', '', '```', `${before.exampleErrors[0].route}: ${before.exampleErrors[0].body}`, '```', '');
}
writeFileSync(env.RESULTS_MD, md.join('\n'));

console.log('');
console.log(table(rows));
console.log('');
for (const e of expectations) console.log(`${e.ok ? 'PASS' : 'FAIL'}  ${e.what} (got ${e.got})`);
console.log('');
console.log(`e2e: ${allOk ? 'all expectations met' : 'FAILED'} in ${env.ELAPSED}s; table written to ${env.RESULTS_MD}`);
const passed = expectations.filter((e) => e.ok).length;
console.log(`e2e: ${passed} passed, ${expectations.length - passed} failed`);
process.exit(allOk ? 0 : 1);
