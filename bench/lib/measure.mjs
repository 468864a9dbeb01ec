// Runs one command and measures its wall time, peak resident set size and (with GNU time) CPU time.
//
// Peak RSS comes from GNU time (`/usr/bin/time -f %M`, the largest maxrss of the process and the children
// it waited for) when that works here; otherwise from two fallbacks combined: a preload in every Node process
// (NODE_OPTIONS=--require rss-probe.cjs, which writes process.resourceUsage().maxRSS at exit) and polling
// /proc/<pid>/status VmHWM of the process tree every 20 ms (for native binaries such as ast-grep and rg).
// BENCH_RSS=proc forces the fallback.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const PROBE = join(dirname(fileURLToPath(import.meta.url)), 'rss-probe.cjs');
const GNU_TIME = '/usr/bin/time';

let method;
/** 'gnu-time' or 'probe+proc': how peak RSS is measured on this machine. */
export function rssMethod() {
  if (method) return method;
  method = 'probe+proc';
  if (process.env.BENCH_RSS !== 'proc' && existsSync(GNU_TIME)) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-time-'));
    const out = join(dir, 'out');
    const r = spawnSync(GNU_TIME, ['-f', '%M', '-o', out, process.execPath, '-e', 'Buffer.alloc(64 << 20, 1)']);
    const kb = r.status === 0 && existsSync(out) ? Number(readFileSync(out, 'utf8').trim().split('\n').pop()) : NaN;
    // A 64 MB buffer must show up as more than 64 MB (old GNU time versions reported 4x).
    if (Number.isFinite(kb) && kb > 60_000 && kb < 400_000) method = 'gnu-time';
    rmSync(dir, { recursive: true, force: true });
  }
  return method;
}

function vmHwmKb(pid) {
  try {
    const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function childrenOf(pid) {
  const out = [];
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
      if (text) for (const c of text.split(/\s+/)) out.push(Number(c));
    }
  } catch {
    // gone already
  }
  return out;
}

function treeHwmKb(root) {
  let max = 0;
  const stack = [root];
  const seen = new Set();
  while (stack.length > 0) {
    const pid = stack.pop();
    if (seen.has(pid)) continue;
    seen.add(pid);
    max = Math.max(max, vmHwmKb(pid));
    stack.push(...childrenOf(pid));
  }
  return max;
}

/**
 * Runs `cmd args` in `cwd` with stdout and stderr sent to files in `dir` (a fresh temp folder if not given).
 * Resolves { wallMs, rssKb, code, signal, timedOut, stdout, stderr } (stdout/stderr are file paths).
 */
export function measure(cmd, args, { cwd, env = {}, timeoutMs = 600_000, dir }) {
  const how = rssMethod();
  const work = dir ?? mkdtempSync(join(tmpdir(), 'bench-run-'));
  const stdout = join(work, 'stdout');
  const stderr = join(work, 'stderr');
  const timeFile = join(work, 'time');
  const probeDir = join(work, 'probe');
  const childEnv = { ...process.env, ...env };
  let file = cmd;
  let argv = args;
  if (how === 'gnu-time') {
    file = GNU_TIME;
    argv = ['-f', '%M %U %S', '-o', timeFile, cmd, ...args];
  } else {
    spawnSync('mkdir', ['-p', probeDir]);
    childEnv.BENCH_RSS_PROBE_DIR = probeDir;
    childEnv.NODE_OPTIONS = `${childEnv.NODE_OPTIONS ?? ''} --require ${PROBE}`.trim();
  }
  const outFd = openSync(stdout, 'w');
  const errFd = openSync(stderr, 'w');
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(file, argv, { cwd, env: childEnv, stdio: ['ignore', outFd, errFd], detached: true });
    let polled = 0;
    let timer;
    if (how !== 'gnu-time') {
      timer = setInterval(() => {
        polled = Math.max(polled, treeHwmKb(child.pid));
      }, 20);
    }
    let timedOut = false;
    const killer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(killer);
      if (timer) clearInterval(timer);
      closeSync(outFd);
      closeSync(errFd);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      clearTimeout(killer);
      if (timer) clearInterval(timer);
      closeSync(outFd);
      closeSync(errFd);
      let rssKb = null;
      let cpuMs = null;
      if (how === 'gnu-time') {
        try {
          const lines = readFileSync(timeFile, 'utf8').trim().split('\n');
          const [kb, user, sys] = lines[lines.length - 1].split(' ').map(Number);
          if (Number.isFinite(kb)) rssKb = kb;
          if (Number.isFinite(user) && Number.isFinite(sys)) cpuMs = (user + sys) * 1000;
        } catch {
          rssKb = null;
        }
      } else {
        let max = polled;
        try {
          for (const name of readdirSync(probeDir)) max = Math.max(max, Number(readFileSync(join(probeDir, name), 'utf8')) || 0);
        } catch {
          // no node process wrote a probe
        }
        rssKb = max || null;
      }
      resolve({ wallMs, rssKb, cpuMs, code, signal, timedOut, stdout, stderr, dir: work });
    });
  });
}
