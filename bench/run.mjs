#!/usr/bin/env node
// Benchmark of prisma-singleton-codemod against the tools a user would otherwise reach for (issue 6).
//
//   npm run bench                                  full run: 1k/40, 10k/200, 50k/500 and 50k/40 corpora
//   BENCH_SIZES=1000 npm run bench                 quick run (also: node bench/run.mjs --sizes 1000)
//
// Options (flag or environment variable):
//   --sizes / BENCH_SIZES    comma list of FILES or FILESxSITES (default 1000,10000,50000,50000x40)
//   --reps / BENCH_REPS      repetitions for every tool (default: a plan per tool and size, below)
//   --tools / BENCH_TOOLS    comma list of tool ids to run (default all): ours-check, ours-dry-run, ours-apply,
//                            ours-check-cold, rg, ast-grep, ts-morph-naive, ts-morph-hand, jscodeshift
//   --budget / BENCH_BUDGET  seconds the run may take before slow peers are skipped (default 560)
//   --out / BENCH_OUT        where to write the report (default bench/out/results.md, ignored by git; raw data
//                            beside it as .json)
//   --snapshot               write the committed bench/results.md instead (a deliberate refresh)
//   --seed / BENCH_SEED      corpus seed (default 1)
//   --keep / BENCH_KEEP=1    keep the generated corpora and outputs in the temp folder
//   --render [results.json]  only rewrite the report from a previous run's raw data
//
// Every tool runs in the corpus root (cwd) on the same generated tree. Mutating runs (apply) start from a
// tree restored to pristine. Wall time is measured around the process; peak RSS with GNU time, or a fallback
// (see lib/measure.mjs). Sites each tool reports are compared with the generator's list.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from './corpus.mjs';
import { measure, rssMethod } from './lib/measure.mjs';
import { diffTree, removeTree, restore, snapshot } from './lib/tree.mjs';
import { renderReport, formatSeconds, formatMb } from './lib/report.mjs';

const BENCH = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(BENCH, '..');
const BIN = join(REPO, 'bin', 'prisma-singleton-codemod.js');
const AST_GREP = join(REPO, 'node_modules', '.bin', 'ast-grep');
const JSCODESHIFT = join(REPO, 'node_modules', '.bin', 'jscodeshift');
const RULE = join(BENCH, 'peers', 'ast-grep-rule.yml');
const TRANSFORM = join(BENCH, 'peers', 'jscodeshift-transform.cjs');
const TS_MORPH_HAND = join(BENCH, 'peers', 'tsmorph-handwritten.mjs');
const TS_MORPH_NAIVE = join(BENCH, 'peers', 'tsmorph-naive.mjs');

// ------------------------------------------------------------------------------------------------ options

function options(argv, env) {
  const flag = (name) => {
    const i = argv.indexOf(`--${name}`);
    if (i >= 0) return argv[i + 1];
    const eq = argv.find((a) => a.startsWith(`--${name}=`));
    return eq ? eq.slice(name.length + 3) : undefined;
  };
  const sizesText = flag('sizes') ?? env.BENCH_SIZES ?? '1000,10000,50000,50000x40';
  const defaultSites = (files) => ({ 1000: 40, 10000: 200, 50000: 500 })[files] ?? Math.max(6, Math.round(files / 100));
  const sizes = sizesText
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const m = /^(\d+)(?:[x:](\d+))?$/.exec(s.replace(/_/g, ''));
      if (!m) throw new Error(`bad size ${s}: use FILES or FILESxSITES`);
      const files = Number(m[1]);
      const sites = m[2] ? Number(m[2]) : defaultSites(files);
      return { files, sites, label: `${short(files)}/${sites}`, scaling: sites < defaultSites(files) };
    });
  const reps = flag('reps') ?? env.BENCH_REPS;
  const tools = flag('tools') ?? env.BENCH_TOOLS;
  return {
    sizes,
    reps: reps ? Math.max(1, Number(reps)) : null,
    tools: tools ? new Set(tools.split(',').map((t) => t.trim())) : null,
    budgetS: Number(flag('budget') ?? env.BENCH_BUDGET ?? 560),
    // A run writes to the ignored bench/out/; --snapshot refreshes the committed bench/results.md on purpose.
    out: resolve(flag('out') ?? env.BENCH_OUT ?? join(BENCH, argv.includes('--snapshot') ? 'results.md' : join('out', 'results.md'))),
    seed: Number(flag('seed') ?? env.BENCH_SEED ?? 1),
    keep: argv.includes('--keep') || env.BENCH_KEEP === '1',
    command: `${env.BENCH_SIZES ? `BENCH_SIZES=${env.BENCH_SIZES} ` : ''}node bench/run.mjs ${argv.join(' ')}`.trim(),
  };
}

function short(n) {
  return n % 1000 === 0 ? `${n / 1000}k` : String(n);
}

// ------------------------------------------------------------------------------------------------ tools

/**
 * Where our runs keep their code cache: one folder of this bench run, so that the timed runs do not depend on what
 * earlier runs on the machine left in the temp folder. The untimed JSON run of each corpus fills it first, so every
 * timed run but the first-run variant finds it warm, as every run after a machine's first does.
 */
let codeCacheDir = null;
const oursEnv = () => (codeCacheDir ? { NODE_COMPILE_CACHE: codeCacheDir } : {});

function which(name) {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

function firstLine(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return r.status === 0 ? (r.stdout || r.stderr).trim().split('\n')[0] : null;
}

function packageVersion(name) {
  try {
    return JSON.parse(readFileSync(join(REPO, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

/** Our CLI runs from dist/; build it when a clone has src/ but no dist/ yet. */
function ensureOurs() {
  if (!existsSync(BIN)) return { available: false, reason: 'bin/prisma-singleton-codemod.js is missing' };
  if (!existsSync(join(REPO, 'dist', 'cli', 'main.js'))) {
    if (!existsSync(join(REPO, 'src', 'cli', 'main.ts')))
      return { available: false, reason: 'not built (no dist/cli/main.js) and no src/cli/main.ts to build' };
    console.log('building the CLI (npm run build) ...');
    const r = spawnSync(process.execPath, [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(REPO, 'tsconfig.json')], { stdio: 'inherit' });
    if (r.status !== 0 || !existsSync(join(REPO, 'dist', 'cli', 'main.js')))
      return { available: false, reason: 'dist/cli/main.js missing and the build failed' };
  }
  const r = spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8' });
  if (r.status !== 0) return { available: false, reason: `\`--version\` failed: ${(r.stderr || '').trim().split('\n')[0]}` };
  return { available: true, version: r.stdout.trim() };
}

// Repetitions by corpus size (<=1k, <=10k, larger, and the 50k-files-40-sites scaling corpus). 0 = not run
// there. Peers that take tens of seconds run once where they run; see README.md.
const PLAN = {
  'ours-check': [5, 5, 3, 3],
  'ours-check-cold': [3, 3, 2, 2],
  'ours-dry-run': [5, 3, 2, 1],
  'ours-apply': [5, 5, 3, 3],
  rg: [5, 5, 5, 5],
  'ast-grep': [5, 3, 1, 0],
  'ts-morph-hand': [3, 2, 1, 0],
  'ts-morph-naive': [2, 1, 0, 0],
  jscodeshift: [1, 1, 0, 0],
};
// The tools whose ratios are targets (issue 6): timed in turn on each corpus rather than one block after another.
const PAIRED = new Set(['ours-check', 'ours-check-cold', 'ast-grep']);
// Order in which the slow peers deferred to the end run (the budget may drop the last ones).
const DEFERRED_ORDER = ['jscodeshift', 'ts-morph-naive'];

function tools() {
  const rg = which('rg');
  const node = process.execPath;
  const list = [
    {
      id: 'ours-check',
      label: 'ours --check',
      category: 'check',
      ours: true,
      readOnly: true,
      cmd: node,
      args: () => [BIN, '.', '--check'],
      okCodes: [0, 1],
      sites: 'ours-text',
    },
    {
      // The same run on a machine where it never ran: an empty code cache (see src/cli/code-cache.ts), as in a
      // fresh CI job. The TypeScript compiler is compiled from source, and the code saved for the next run.
      id: 'ours-check-cold',
      label: 'ours --check, first run',
      category: 'check',
      ours: true,
      readOnly: true,
      cmd: node,
      args: () => [BIN, '.', '--check'],
      env: (dir) => ({ NODE_COMPILE_CACHE: join(dir, 'empty-code-cache') }),
      okCodes: [0, 1],
      sites: 'ours-text',
    },
    {
      id: 'ours-dry-run',
      label: 'ours --dry-run',
      category: 'dry-run',
      ours: true,
      readOnly: true,
      cmd: node,
      args: () => [BIN, '.', '--dry-run'],
      okCodes: [0, 1],
    },
    {
      id: 'ours-apply',
      label: 'ours apply',
      category: 'apply',
      ours: true,
      mutates: true,
      cmd: node,
      args: () => [BIN, '.'],
      okCodes: [0, 1],
    },
    {
      id: 'rg',
      label: "rg -l 'new PrismaClient'",
      category: 'check',
      available: Boolean(rg),
      reason: rg ? null : 'ripgrep is not installed (no `rg` on PATH)',
      cmd: rg,
      args: () => ['-l', '--no-require-git', 'new PrismaClient', '.'],
      okCodes: [0, 1],
      sites: 'rg',
    },
    {
      id: 'ast-grep',
      label: 'ast-grep scan',
      category: 'check',
      available: existsSync(AST_GREP),
      reason: 'node_modules/.bin/ast-grep missing (npm install)',
      cmd: AST_GREP,
      args: () => ['scan', '--rule', RULE, '--json=compact', '--globs', '!node_modules', '--globs', '!dist', '.'],
      okCodes: [0, 1],
      sites: 'ast-grep',
    },
    {
      id: 'ts-morph-naive',
      label: 'ts-morph, whole tsconfig',
      category: 'check',
      available: true,
      cmd: node,
      args: () => [TS_MORPH_NAIVE, '.'],
      okCodes: [0],
      sites: 'json',
    },
    {
      id: 'ts-morph-hand',
      label: 'ts-morph, hand-written',
      category: 'apply',
      mutates: true,
      available: true,
      cmd: node,
      args: () => [TS_MORPH_HAND, '.'],
      okCodes: [0],
      sites: 'json',
    },
    {
      id: 'jscodeshift',
      label: 'jscodeshift transform',
      category: 'apply',
      mutates: true,
      available: existsSync(JSCODESHIFT),
      reason: 'node_modules/.bin/jscodeshift missing (npm install)',
      cmd: JSCODESHIFT,
      args: () => ['-t', TRANSFORM, '--parser=ts', '--extensions=ts', '--no-babel', '--gitignore', '.'],
      okCodes: [0],
      sites: 'file',
      slow: true,
    },
  ];
  list.find((t) => t.id === 'ts-morph-naive').slow = true;
  return list.map((t) => ({ ...t, available: t.available ?? true }));
}

// ------------------------------------------------------------------------------------------------ sites

const FORM_KIND = {
  named: 'named-import',
  aliased: 'named-import',
  'class-field': 'named-import',
  constructor: 'named-import',
  namespace: 'namespace-import',
  dynamic: 'dynamic-import',
};

function cleanPath(p, root) {
  let path = p.trim();
  if (isAbsolute(path)) path = relative(root, path);
  return path.replace(/\\/g, '/').replace(/^\.\//, '');
}

/** Sites a run reported: { level: 'site'|'file', items: Set<string>, kinds?: Map }, or null if unknown. */
function parseSites(tool, run, root) {
  const text = readFileSync(run.stdout, 'utf8');
  switch (tool.sites) {
    case 'ours-text': {
      const items = new Set();
      for (const line of text.split('\n')) {
        const m = /^(\S.*?):(\d+):(\d+)(?:\s|$)/.exec(line);
        if (m) items.add(`${cleanPath(m[1], root)}:${m[2]}:${m[3]}`);
      }
      return { level: 'site', items };
    }
    case 'rg':
      return {
        level: 'file',
        items: new Set(
          text
            .split('\n')
            .filter(Boolean)
            .map((p) => cleanPath(p, root)),
        ),
      };
    case 'ast-grep': {
      const items = new Set();
      for (const m of JSON.parse(text || '[]')) items.add(`${cleanPath(m.file, root)}:${m.range.start.line + 1}:${m.range.start.column + 1}`);
      return { level: 'site', items };
    }
    case 'json': {
      const doc = JSON.parse(text.trim().split('\n').pop());
      return { level: 'site', items: new Set(doc.sites.map((s) => cleanPath(s.replace(/:\d+:\d+$/, ''), root) + s.match(/:\d+:\d+$/)[0])) };
    }
    case 'file': {
      const file = join(run.dir, 'sites.txt');
      const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
      return { level: 'site', items: new Set(lines.map((s) => cleanPath(s.replace(/:\d+:\d+$/, ''), root) + s.match(/:\d+:\d+$/)[0])) };
    }
    default:
      return null;
  }
}

/** Compares reported sites (or files) with the generator's list. */
function compareSites(found, manifest) {
  const expectedSites = new Map(manifest.expected.map((s) => [`${s.path}:${s.line}:${s.column}`, s]));
  const decoyByPath = new Map(manifest.decoys.map((d) => [d.path, d]));
  if (found.level === 'file') {
    const expectedFiles = new Map();
    for (const s of manifest.expected) expectedFiles.set(s.path, [...(expectedFiles.get(s.path) ?? []), s.form]);
    const missing = [...expectedFiles].filter(([p]) => !found.items.has(p)).map(([path, forms]) => ({ path, forms }));
    const extra = [...found.items].filter((p) => !expectedFiles.has(p)).map((path) => ({ path, decoy: decoyByPath.get(path)?.kinds ?? ['unknown'] }));
    return { level: 'file', expected: expectedFiles.size, found: found.items.size, hits: expectedFiles.size - missing.length, missing, extra };
  }
  const missing = [...expectedSites].filter(([k]) => !found.items.has(k)).map(([site, s]) => ({ site, form: s.form }));
  const extra = [...found.items]
    .filter((k) => !expectedSites.has(k))
    .map((site) => {
      const path = site.replace(/:\d+:\d+$/, '');
      return {
        site,
        decoy: decoyByPath.get(path)?.kinds ?? (path.startsWith('node_modules/') ? ['node_modules'] : path.startsWith('dist/') ? ['dist'] : ['unknown']),
      };
    });
  return { level: 'site', expected: expectedSites.size, found: found.items.size, hits: expectedSites.size - missing.length, missing, extra };
}

/** One untimed `--check --reporter json` run for the JSON findings (kinds and actions). */
async function oursJson(root, dir) {
  const run = await measure(process.execPath, [BIN, '.', '--check', '--reporter', 'json'], { cwd: root, dir, env: oursEnv(), timeoutMs: 300_000 });
  try {
    const doc = JSON.parse(readFileSync(run.stdout, 'utf8'));
    if (!Array.isArray(doc.findings)) return { ok: false, reason: 'no findings array in the JSON document' };
    return { ok: true, doc, code: run.code };
  } catch (_error) {
    const err = readFileSync(run.stderr, 'utf8').trim().split('\n')[0];
    return { ok: false, reason: `--reporter json did not print one JSON document (exit ${run.code}${err ? `: ${err}` : ''})` };
  }
}

// ------------------------------------------------------------------------------------------------ stats

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function summarize(runs) {
  const ok = runs.filter((r) => r.ok);
  if (ok.length === 0) return null;
  const walls = ok.map((r) => r.wallMs);
  const rss = ok.map((r) => r.rssKb).filter((v) => v != null);
  const cpu = ok.map((r) => r.cpuMs).filter((v) => v != null);
  return {
    cpuMedianMs: cpu.length ? median(cpu) : null,
    n: ok.length,
    medianMs: median(walls),
    minMs: Math.min(...walls),
    maxMs: Math.max(...walls),
    peakRssKb: rss.length ? Math.max(...rss) : null,
  };
}

// ------------------------------------------------------------------------------------------------ main

/** `--render results.json`: writes the report again from a run's raw data (after changing lib/report.mjs). */
function rerender(file, opts) {
  const results = JSON.parse(readFileSync(file, 'utf8'));
  const ids = new Set(results.sizes.flatMap((e) => Object.keys(e.tools)));
  const list = tools().filter((t) => ids.has(t.id));
  mkdirSync(dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, renderReport(results, list));
  console.log(`bench: wrote ${opts.out} from ${file}`);
}

async function main() {
  const opts = options(process.argv.slice(2), process.env);
  const renderFrom = process.argv.indexOf('--render');
  if (renderFrom >= 0) return rerender(resolve(process.argv[renderFrom + 1] ?? opts.out.replace(/\.md$/, '.json')), opts);
  const t0 = Date.now();
  const elapsedS = () => (Date.now() - t0) / 1000;
  const base = mkdtempSync(join(tmpdir(), 'prisma-bench-'));
  codeCacheDir = join(base, 'code-cache');
  const ours = ensureOurs();
  const all = tools().map((t) => (t.ours ? { ...t, available: ours.available, reason: ours.reason } : t));
  const selected = all.filter((t) => !opts.tools || opts.tools.has(t.id));
  const machine = {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    os: `${process.platform} ${release()}`,
    loadStart: loadavg()
      .map((v) => v.toFixed(2))
      .join(' '),
    rssMethod: rssMethod(),
  };
  const versions = {
    ours: ours.available ? ours.version : `not run: ${ours.reason}`,
    rg: which('rg') ? firstLine('rg', ['--version']) : 'not installed',
    astGrep: existsSync(AST_GREP) ? firstLine(AST_GREP, ['--version']) : 'missing',
    jscodeshift: existsSync(JSCODESHIFT)
      ? (firstLine(JSCODESHIFT, ['--version'])?.replace(/^jscodeshift:\s*/, '') ?? 'present but `--version` failed')
      : 'missing',
    tsMorph: packageVersion('ts-morph'),
    typescript: packageVersion('typescript'),
  };
  console.log(
    `bench: sizes ${opts.sizes.map((s) => s.label).join(', ')}; ${machine.cores} cores, node ${machine.node}; peak RSS via ${machine.rssMethod}; temp ${base}`,
  );
  console.log(`bench: ours ${versions.ours}; rg ${versions.rg}; ${versions.astGrep}; jscodeshift ${versions.jscodeshift}; ts-morph ${versions.tsMorph}`);
  if (!ours.available) console.log(`bench: our CLI is not available (${ours.reason}); timing the peers only`);

  const results = { date: new Date().toISOString(), opts: { ...opts, tools: opts.tools ? [...opts.tools] : null }, machine, versions, sizes: [], notes: [] };
  const corpora = [];
  // Phase 1: generate each corpus and run everything except slow peers at sizes above 1k (deferred).
  const deferred = [];
  const paired = [];
  for (const size of opts.sizes) {
    const dir = join(base, size.label.replace('/', 'x'));
    mkdirSync(dir, { recursive: true });
    const work = join(dir, 'work');
    process.stdout.write(`\n[${elapsedS().toFixed(0)}s] corpus ${size.label}: generating ${size.files} files, ${size.sites} sites ... `);
    const g0 = Date.now();
    const manifest = generateCorpus({ root: work, files: size.files, sites: size.sites, seed: opts.seed });
    // Flush the freshly written tree so the kernel's write-back does not land in the first timed runs.
    spawnSync('sync');
    const genMs = Date.now() - g0;
    const snap = snapshot(work);
    console.log(`${(genMs / 1000).toFixed(1)} s (${(manifest.bytes / 2 ** 20).toFixed(0)} MB, ${snap.files.size} files in the tree)`);
    const { pristine, ...serializable } = manifest;
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...serializable, sourceFiles: manifest.sourceFiles.length }, null, 2));
    const entry = {
      size,
      corpus: {
        files: size.files,
        sites: size.sites,
        bytes: manifest.bytes,
        treeFiles: snap.files.size,
        genMs,
        decoyFiles: manifest.decoys.filter((d) => !d.site).length,
        decoys: manifest.decoys,
        junk: manifest.junk,
        forms: countBy(manifest.expected.map((s) => s.form)),
        textHits: manifest.decoys.filter((d) => !d.site && d.kinds.some((k) => k !== 'type-only')).length,
      },
      tools: {},
    };
    results.sizes.push(entry);
    const corpus = { size, dir, work, snap, manifest, entry, pending: 0, seed: opts.seed };
    corpora.push(corpus);

    if (ours.available) {
      const json = await oursJson(work, mkdtempSync(join(dir, 'json-')));
      entry.oursJson = json.ok ? { ok: true, findings: json.doc.findings, summary: json.doc.summary ?? null } : { ok: false, reason: json.reason };
      if (json.ok) {
        const kinds = new Map(json.doc.findings.map((f) => [`${cleanPath(f.path, work)}:${f.line}:${f.column}`, f]));
        entry.oursJson.kindMismatches = manifest.expected
          .filter((s) => kinds.has(`${s.path}:${s.line}:${s.column}`) && kinds.get(`${s.path}:${s.line}:${s.column}`).kind !== FORM_KIND[s.form])
          .map((s) => ({ site: `${s.path}:${s.line}:${s.column}`, form: s.form, kind: kinds.get(`${s.path}:${s.line}:${s.column}`).kind }));
        entry.oursJson.actions = countBy(json.doc.findings.map((f) => f.action));
        entry.oursJson.compare = compareSites({ level: 'site', items: new Set(kinds.keys()) }, manifest);
      }
    }

    const tier = size.scaling && size.files > 10000 ? 3 : size.files <= 1000 ? 0 : size.files <= 10000 ? 1 : 2;
    for (const tool of selected) {
      let reps = PLAN[tool.id][tier];
      if (opts.reps) reps = reps === 0 ? 0 : tool.slow ? Math.min(opts.reps, reps) : opts.reps;
      if (!tool.available) {
        entry.tools[tool.id] = { skipped: tool.reason };
        continue;
      }
      if (reps === 0 && tier === 3) {
        entry.tools[tool.id] = {
          skipped: `not run on the ${size.label} corpus (it shows how ours scales; peers that parse every file cost about the same as on ${short(size.files)}/${defaultFor(size.files)})`,
          quiet: true,
        };
        continue;
      }
      if (reps === 0) {
        entry.tools[tool.id] = { skipped: `not run at ${short(size.files)} files: too slow for the 10-minute run (estimated from the smaller sizes)` };
        continue;
      }
      const task = { tool, corpus, reps };
      if (tool.slow && tier > 0) {
        deferred.push(task);
        corpus.pending += 1;
        entry.tools[tool.id] = { skipped: 'pending' };
      } else if (PAIRED.has(tool.id)) {
        paired.push(task);
      } else {
        await runTask(task, { opts, elapsedS, ours, corpora });
      }
    }
    if (paired.length > 0) {
      console.log(`  timed in turn (ratios that are targets):`);
      await runInterleaved(paired.splice(0), { opts, elapsedS, ours, corpora });
    }
    if (corpus.pending === 0) cleanup(corpus, opts);
  }
  // Phase 2: the slow peers at larger sizes, while the time budget allows.
  deferred.sort((a, b) => DEFERRED_ORDER.indexOf(a.tool.id) - DEFERRED_ORDER.indexOf(b.tool.id) || a.corpus.size.files - b.corpus.size.files);
  let heading = null;
  for (const task of deferred) {
    if (heading !== task.corpus.size.label) {
      heading = task.corpus.size.label;
      console.log(`\n[${elapsedS().toFixed(0)}s] corpus ${heading}, slow peers (run last so the budget can drop them):`);
    }
    await runTask(task, { opts, elapsedS, ours, corpora });
    task.corpus.pending -= 1;
    if (task.corpus.pending === 0) cleanup(task.corpus, opts);
  }

  machine.loadEnd = loadavg()
    .map((v) => v.toFixed(2))
    .join(' ');
  results.totalS = elapsedS();
  results.tempDir = opts.keep ? base : null;
  if (!opts.keep) removeTree(base);
  const md = renderReport(results, selected);
  mkdirSync(dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, md);
  // Raw data beside the report, without the per-file lists (decoys, JSON findings) that only make it big.
  const raw = JSON.stringify(results, (k, v) => (k === 'decoys' || k === 'findings' ? undefined : v instanceof Set ? [...v] : v), 1);
  writeFileSync(`${opts.out.replace(/\.md$/, '')}.json`, `${raw}\n`);
  console.log(
    `\n${md
      .split('\n## ')
      .slice(1, 3)
      .map((part) => `## ${part}`)
      .join('\n')}`,
  );
  console.log(`bench: done in ${results.totalS.toFixed(0)} s; report ${relative(process.cwd(), opts.out) || opts.out}`);
}

function defaultFor(files) {
  return { 1000: 40, 10000: 200, 50000: 500 }[files] ?? Math.max(6, Math.round(files / 100));
}

function countBy(values) {
  const out = Object.create(null);
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

function cleanup(corpus, opts) {
  if (!opts.keep) removeTree(corpus.dir);
}

/** Estimated seconds for `reps` runs of a tool on a corpus, from its runs on smaller corpora (linear in files). */
function estimateS(tool, size, reps, corpora) {
  let best = null;
  for (const c of corpora) {
    const s = c.entry.tools[tool.id]?.stats;
    if (!s || c.size.files >= size.files) continue;
    if (!best || c.size.files > best.files) best = { files: c.size.files, ms: s.medianMs };
  }
  return best ? 1.1 * (best.ms / 1000) * (size.files / best.files) * reps : null;
}

/**
 * Runs tasks of one corpus with their repetitions spread over the same stretch of time: repetition i of a task with
 * n of them runs at about (i + 0.5) / n of the way through, so that ours and a peer whose ratio is a target are timed
 * in the same minutes (this machine's speed drifts by a fifth within minutes; timed in blocks, the drift would land
 * in the ratio). Tasks over the budget are skipped as in runTask.
 */
async function runInterleaved(tasks, ctx) {
  const started = tasks.map((task) => ({ task, record: startTask(task, ctx, false) })).filter((s) => s.record);
  const slots = started.flatMap((s) => Array.from({ length: s.record.reps }, (_, rep) => ({ ...s, rep, at: (rep + 0.5) / s.record.reps })));
  slots.sort((a, b) => a.at - b.at);
  const failed = new Set();
  for (const slot of slots) {
    if (failed.has(slot.task)) continue;
    process.stdout.write(`  ${slot.task.tool.label.padEnd(28)} run ${slot.rep + 1}/${slot.record.reps}: `);
    const ok = await runRep(slot.task, slot.record, slot.rep, ctx);
    process.stdout.write('\n');
    if (!ok) failed.add(slot.task);
  }
  for (const { task, record } of started) {
    process.stdout.write(`  ${task.tool.label.padEnd(28)} `);
    finishTask(record);
  }
}

async function runTask(task, ctx) {
  const record = startTask(task, ctx, true);
  if (!record) return;
  for (let rep = 0; rep < record.reps; rep += 1) {
    if (!(await runRep(task, record, rep, ctx))) break;
  }
  finishTask(record);
}

/** The task's record (entered in the corpus's results), or undefined when the budget skips it. */
function startTask({ tool, corpus, reps: planned }, { opts, elapsedS, corpora }, announce) {
  const { size, entry } = corpus;
  // Past the budget (a machine busy with other work), ours still runs, once.
  const reps = tool.ours && elapsedS() > opts.budgetS ? 1 : planned;
  const estimate = estimateS(tool, size, reps, corpora);
  if (!tool.ours && estimate != null && estimate > 5 && elapsedS() + estimate > opts.budgetS) {
    entry.tools[tool.id] = {
      skipped: `skipped to keep the run under ${Math.round(opts.budgetS / 60)} min: estimated ${estimate.toFixed(0)} s with ${elapsedS().toFixed(0)} s spent`,
    };
    console.log(`  ${tool.label.padEnd(28)} skipped (estimated ${estimate.toFixed(0)} s, over the budget)`);
    return undefined;
  }
  const record = { runs: [], reps };
  entry.tools[tool.id] = record;
  if (announce) process.stdout.write(`  ${tool.label.padEnd(28)} `);
  return record;
}

/** One timed run of the task; false when it failed (its later repetitions are not run). */
async function runRep({ tool, corpus }, record, rep, { ours }) {
  const { size, work, manifest } = corpus;
  const { runs } = record;
  const dir = mkdtempSync(join(corpus.dir, `${tool.id}-${rep}-`));
  const env = { ...(tool.ours ? oursEnv() : {}), ...(tool.env?.(dir) ?? {}), ...(tool.sites === 'file' ? { BENCH_SITES_FILE: join(dir, 'sites.txt') } : {}) };
  let run;
  try {
    run = await measure(tool.cmd, tool.args(), { cwd: work, env, dir, timeoutMs: 480_000 });
  } catch (error) {
    runs.push({ ok: false, error: String(error.message ?? error) });
    return false;
  }
  const ok = !run.timedOut && run.signal == null && tool.okCodes.includes(run.code);
  const summary = { ok, wallMs: run.wallMs, rssKb: run.rssKb, cpuMs: run.cpuMs, code: run.code, signal: run.signal, timedOut: run.timedOut };
  if (!ok) summary.stderr = readFileSync(run.stderr, 'utf8').trim().split('\n').slice(-3).join(' | ');
  runs.push(summary);
  process.stdout.write(`${ok ? formatSeconds(run.wallMs) : `FAILED(${run.timedOut ? 'timeout' : (run.signal ?? run.code)})`} `);
  if (rep === 0 && tool.sites && ok) {
    try {
      record.compare = compareSites(parseSites(tool, run, work), manifest);
    } catch (error) {
      record.compare = { error: `could not read its output: ${error.message}` };
    }
  }
  if (tool.mutates && rep === 0 && ok) {
    const diff = diffTree(work, corpus.snap);
    record.wrote = { changed: diff.changed.length, added: diff.added.length, removed: diff.removed.length };
    if (ours.available && (tool.ours || size.files <= 10000)) {
      const check = await measure(process.execPath, [BIN, '.', '--check'], {
        cwd: work,
        dir: mkdtempSync(join(corpus.dir, 'after-')),
        env: oursEnv(),
        timeoutMs: 300_000,
      });
      const left = readFileSync(check.stdout, 'utf8')
        .split('\n')
        .filter((l) => /^\S.*?:\d+:\d+(\s|$)/.test(l)).length;
      record.afterCheck = { code: check.code, left };
    }
  }
  if (tool.mutates || (tool.readOnly && rep === 0)) restoreAfter(corpus, tool, record, summary);
  return ok;
}

/** Undoes whatever the run wrote (and, for read-only modes, notes that it wrote at all). */
function restoreAfter(corpus, tool, record, summary) {
  const { size, work } = corpus;
  const undone = restore(work, corpus.manifest.pristine, corpus.snap);
  const touched = undone.changed.length + undone.added.length + undone.removed.length;
  summary.touched = touched;
  if (tool.readOnly && touched > 0) {
    record.wroteUnexpectedly = {
      changed: undone.changed.slice(0, 5),
      added: undone.added.slice(0, 5),
      removed: undone.removed.slice(0, 5),
      count: touched,
    };
  }
  if (undone.unrestorable.length > 0) {
    record.unrestorable = undone.unrestorable.slice(0, 5);
    process.stdout.write(`(changed ${undone.unrestorable.length} files outside the candidates: regenerating the corpus) `);
    removeTree(work);
    corpus.manifest = generateCorpus({ root: work, files: size.files, sites: size.sites, seed: corpus.seed });
    corpus.snap = snapshot(work);
  }
}

function finishTask(record) {
  record.stats = summarize(record.runs);
  const s = record.stats;
  const c = record.compare;
  console.log(
    `-> median ${s ? formatSeconds(s.medianMs) : 'n/a'}, peak ${s ? formatMb(s.peakRssKb) : 'n/a'}` +
      (c && !c.error ? `, ${c.level === 'file' ? 'files' : 'sites'} ${c.hits}/${c.expected}${c.extra.length ? ` +${c.extra.length} false` : ''}` : '') +
      (record.afterCheck ? `, --check after: ${record.afterCheck.left} left` : ''),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
