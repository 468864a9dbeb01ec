#!/usr/bin/env node
import { startCodeCache } from '../dist/cli/code-cache.js';
import { capYoungGeneration } from '../dist/cli/young-generation.js';

// The TypeScript compiler loads from code compiled by an earlier run (src/cli/code-cache.ts), before the CLI needs it.
const codeCache = startCodeCache(process.env);
// Once the compiler is in, the young generation stays the size it is (src/cli/young-generation.ts).
capYoungGeneration({ nodeVersion: process.version, execArgv: process.execArgv, env: process.env });
const { main } = await import('../dist/cli/main.js');
const { processIo } = await import('../dist/cli/io.js');

const code = await main(process.argv.slice(2), processIo());
codeCache.save();
// Exit once everything written has reached the OS: tearing down the heap on the way out took 40-60 ms a run.
const flushed = (stream) => new Promise((resolve) => stream.write('', resolve));
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(code);
