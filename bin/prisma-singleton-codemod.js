#!/usr/bin/env node
import { startCodeCache } from '../dist/cli/code-cache.js';

// The TypeScript compiler loads from code compiled by an earlier run (src/cli/code-cache.ts), before the CLI needs it.
const codeCache = startCodeCache(process.env);
const { main } = await import('../dist/cli/main.js');
const { processIo } = await import('../dist/cli/io.js');

process.exitCode = await main(process.argv.slice(2), processIo());
codeCache.save();
