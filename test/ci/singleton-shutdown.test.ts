import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { renderSingleton } from '../../src/rewrite/singleton-source.js';
import { DEFAULT_STYLE } from '../../src/rewrite/style.js';
import { installStubs, remove, tempDir, writeFiles } from '../support/helpers.js';

/**
 * The generated singleton runs in real Node processes here: signals are delivered by the kernel, the stub client
 * prints `disconnect` on each $disconnect(), and the exit status is what a process manager would see.
 */

/** What the child reports when ready: clients built and signal listeners right after the imports, before its own. */
interface Ready {
  readonly constructed: number;
  readonly sigterm: number;
  readonly sigint: number;
}

/** How the child process ended, and how long after the signal. */
interface Ended {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly elapsedMs: number;
  readonly stdout: string;
  readonly stderr: string;
}

// The child imports the singleton (and re-imports it RELOADS times under a new URL, as a dev server's hot reload
// does), registers the application's own listeners as APP_LISTENER says, reports, and then idles until signalled.
const MAIN = `
const mode = process.env.APP_LISTENER ?? 'none';
const reloads = Number(process.env.RELOADS ?? '0');
// The control run: the same application without the singleton, to learn how it ends on its own.
if (process.env.WITHOUT_SINGLETON !== '1') await import('./lib/prisma.js');
for (let i = 1; i <= reloads; i += 1) await import('./lib/prisma.js?reload=' + i);
const counts = {
  constructed: globalThis.__prismaStub?.constructed ?? 0,
  sigterm: process.listenerCount('SIGTERM'),
  sigint: process.listenerCount('SIGINT'),
};
for (const signal of ['SIGINT', 'SIGTERM']) {
  if (mode === 'on-exit') {
    process.on(signal, () => {
      process.stdout.write('app handler\\n');
      process.exit(0);
    });
  } else if (mode === 'on-async') {
    process.on(signal, () => {
      process.stdout.write('app handler\\n');
      setTimeout(() => {
        process.stdout.write('app done\\n');
        process.exit(0);
      }, 300);
    });
  } else if (mode === 'once-async') {
    process.once(signal, () => {
      process.stdout.write('app handler\\n');
      setTimeout(() => {
        process.stdout.write('app done\\n');
        process.exit(0);
      }, 300);
    });
  } else if (mode === 'once-drain') {
    // A graceful shutdown that lets the event loop empty instead of calling process.exit().
    process.once(signal, () => {
      process.stdout.write('app handler\\n');
      setTimeout(() => {
        clearInterval(idle);
        process.stdout.write('app done\\n');
      }, 300);
    });
  }
}
const idle = setInterval(() => {}, 1000);
process.stdout.write('ready ' + JSON.stringify(counts) + '\\n');
`;

const READY_TIMEOUT_MS = 10_000;
const EXIT_TIMEOUT_MS = 5_000;
/** "Promptly": a process that needs no more than a microtask or two to disconnect ends well within this. */
const PROMPT_MS = 1_500;

let project = '';
const children: ChildProcess[] = [];

beforeAll(() => {
  project = tempDir('psc-shutdown-');
  const singleton = renderSingleton({
    typescript: false,
    syntax: 'esm',
    clientSpecifier: '@prisma/client',
    preamble: [],
    setup: [],
    properties: [],
    style: DEFAULT_STYLE,
    exportName: 'prisma',
  });
  writeFiles(project, {
    'package.json': `${JSON.stringify({ name: 'shutdown-probe', private: true, type: 'module' }, null, 2)}\n`,
    'lib/prisma.js': singleton,
    'main.js': MAIN,
  });
  installStubs(project);
});

afterEach(() => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});

afterAll(() => remove(project));

/** A started child, the promise of its ready report, and the promise of how it ends. */
interface Started {
  readonly child: ChildProcess;
  readonly ready: Promise<Ready>;
  readonly ended: Promise<Omit<Ended, 'elapsedMs'>>;
  output(): string;
}

function start(env: Record<string, string>): Started {
  const child = spawn(process.execPath, ['main.js'], {
    cwd: project,
    env: { ...process.env, PRISMA_STUB_REPORT: '1', NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8');
  child.stderr?.setEncoding('utf8');
  const ready = new Promise<Ready>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line within ${READY_TIMEOUT_MS} ms; stdout: ${stdout}; stderr: ${stderr}`)), READY_TIMEOUT_MS);
    child.stdout?.on('data', (chunk: string) => {
      stdout += chunk;
      const match = /^ready (\{.*\})$/m.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(parseReady(match[1]));
      }
    });
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`exited before ready; stdout: ${stdout}; stderr: ${stderr}`));
    });
  });
  // Keep an unhandled rejection from failing a test that never waits for `ready`.
  ready.catch(() => undefined);
  child.stderr?.on('data', (chunk: string) => {
    stderr += chunk;
  });
  const ended = new Promise<Omit<Ended, 'elapsedMs'>>((resolve) => {
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, ready, ended, output: () => stdout };
}

function parseReady(json: string): Ready {
  const value: unknown = JSON.parse(json);
  if (typeof value !== 'object' || value === null) throw new Error(`not a ready report: ${json}`);
  const read = (key: string): number => {
    const field: unknown = Reflect.get(value, key);
    if (typeof field !== 'number') throw new Error(`ready report without ${key}: ${json}`);
    return field;
  };
  return { constructed: read('constructed'), sigterm: read('sigterm'), sigint: read('sigint') };
}

/** Sends `signal` and waits (bounded) for the process to end, measuring how long that took. */
async function signalAndWait(started: Started, signal: NodeJS.Signals, times = 1): Promise<Ended> {
  const sent = Date.now();
  started.child.kill(signal);
  // A second signal while the first is being handled, as an impatient operator or a process manager sends it.
  for (let i = 1; i < times; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (started.child.exitCode === null && started.child.signalCode === null) started.child.kill(signal);
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still running ${EXIT_TIMEOUT_MS} ms after ${signal}; stdout: ${started.output()}`)), EXIT_TIMEOUT_MS);
  });
  try {
    const ended = await Promise.race([started.ended, timeout]);
    return { ...ended, elapsedMs: Date.now() - sent };
  } finally {
    clearTimeout(timer);
  }
}

function count(stdout: string, line: string): number {
  return stdout.split('\n').filter((l) => l === line).length;
}

describe('the generated singleton in a real process', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('ends on %s with the usual signal exit, after disconnecting once, when nothing else listens', async (signal) => {
    const started = start({});
    const ready = await started.ready;
    expect(ready).toEqual({ constructed: 1, sigterm: 1, sigint: 1 });
    const ended = await signalAndWait(started, signal);
    expect({ code: ended.code, signal: ended.signal }).toEqual({ code: null, signal });
    expect(ended.elapsedMs).toBeLessThan(PROMPT_MS);
    expect(count(ended.stdout, 'disconnect')).toBe(1);
    expect(ended.stderr).toBe('');
  });

  it.each(['SIGTERM', 'SIGINT'] as const)("lets the application's own %s listener run and decide the exit", async (signal) => {
    const started = start({ APP_LISTENER: 'on-exit' });
    await started.ready;
    const ended = await signalAndWait(started, signal);
    expect({ code: ended.code, signal: ended.signal }).toEqual({ code: 0, signal: null });
    expect(count(ended.stdout, 'app handler')).toBe(1);
    expect(count(ended.stdout, 'disconnect')).toBeLessThanOrEqual(1);
  });

  // The documented promise: the process ends exactly as it would have without the singleton's handler. Each
  // application listener runs twice, without the singleton (the control) and with it, and both must end alike.
  // `process.once` removes the application's listener before calling it, exactly as it removes the singleton's,
  // so "no listener left" does not mean "nobody else listened".
  // A listener that exits synchronously may end the process before $disconnect() is reached; any other must see it.
  const listeners: ReadonlyArray<{ mode: string; does: string; disconnects: readonly number[] }> = [
    { mode: 'none', does: 'no listener', disconnects: [1] },
    { mode: 'on-exit', does: 'on(): exit(0)', disconnects: [0, 1] },
    { mode: 'on-async', does: 'on(): exit(0) later', disconnects: [1] },
    { mode: 'once-async', does: 'once(): exit(0) later', disconnects: [1] },
    { mode: 'once-drain', does: 'once(): drain the loop', disconnects: [1] },
  ];
  const cases = listeners.flatMap((listener) =>
    (['SIGTERM', 'SIGINT'] as const).flatMap((signal) => [1, 2].map((times) => ({ ...listener, signal, times, sent: times === 1 ? 'once' : 'twice' }))),
  );

  it.each(cases)('ends on $signal sent $sent as it would without the singleton, app listener: $does', async ({ mode, signal, times, disconnects }) => {
    const outcome = async (withoutSingleton: boolean): Promise<{ code: number | null; signal: NodeJS.Signals | null; app: string[]; disconnects: number }> => {
      const started = start({ APP_LISTENER: mode, WITHOUT_SINGLETON: withoutSingleton ? '1' : '0' });
      await started.ready;
      const ended = await signalAndWait(started, signal, times);
      const app = ended.stdout.split('\n').filter((line) => line.startsWith('app '));
      return { code: ended.code, signal: ended.signal, app, disconnects: count(ended.stdout, 'disconnect') };
    };
    const control = await outcome(true);
    const withSingleton = await outcome(false);
    expect(control.disconnects).toBe(0);
    expect({ code: withSingleton.code, signal: withSingleton.signal, app: withSingleton.app }).toEqual({
      code: control.code,
      signal: control.signal,
      app: control.app,
    });
    expect(disconnects).toContain(withSingleton.disconnects);
  });

  it('constructs one client and registers one handler per signal across hot reloads in development', async () => {
    const started = start({ NODE_ENV: 'development', RELOADS: '2' });
    const ready = await started.ready;
    expect(ready).toEqual({ constructed: 1, sigterm: 1, sigint: 1 });
    const ended = await signalAndWait(started, 'SIGTERM');
    expect({ code: ended.code, signal: ended.signal }).toEqual({ code: null, signal: 'SIGTERM' });
    expect(count(ended.stdout, 'disconnect')).toBe(1);
  });

  it('constructs exactly one client for a single import in production', async () => {
    const started = start({ NODE_ENV: 'production' });
    const ready = await started.ready;
    expect(ready).toEqual({ constructed: 1, sigterm: 1, sigint: 1 });
    const ended = await signalAndWait(started, 'SIGTERM');
    expect({ code: ended.code, signal: ended.signal }).toEqual({ code: null, signal: 'SIGTERM' });
    expect(count(ended.stdout, 'disconnect')).toBe(1);
  });
});
