import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { capYoungGeneration } from '../../src/cli/young-generation.js';
import { REPO } from '../support/helpers.js';

function decide(nodeVersion: string, execArgv: string[] = [], env: Record<string, string> = {}): string[] {
  const set: string[] = [];
  capYoungGeneration({ nodeVersion, execArgv, env, setFlags: (flags) => set.push(flags) });
  return set;
}

describe('capYoungGeneration', () => {
  it('sets the growth factor on the Node line it was measured on, and only there', () => {
    expect(decide('v20.20.2')).toEqual(['--semi-space-growth-factor=1']);
    expect(decide('v22.11.0')).toEqual([]);
    expect(decide('v24.1.0')).toEqual([]);
    expect(decide('v2.0.0')).toEqual([]);
  });

  it("leaves the young generation to a user's own sizing, on the command line or in NODE_OPTIONS", () => {
    expect(decide('v20.20.2', ['--max-semi-space-size=64'])).toEqual([]);
    expect(decide('v20.20.2', ['--min_semi_space_size=8'])).toEqual([]);
    expect(decide('v20.20.2', [], { NODE_OPTIONS: '--max-old-space-size=4096 --max-semi-space-size=32' })).toEqual([]);
    expect(decide('v20.20.2', ['--max-old-space-size=4096'], { NODE_OPTIONS: '--enable-source-maps' })).toEqual(['--semi-space-growth-factor=1']);
  });

  it.runIf(process.version.startsWith('v20.'))('on this Node, V8 takes the flag silently and the young generation stops growing', () => {
    // The same allocation, with the cap and without it (a Node version it does not apply to): objects that survive a
    // few collections, which is what makes V8 grow its nursery.
    const run = (nodeVersion: string): { set: boolean; before: number; after: number } => {
      const script = [
        `const { capYoungGeneration } = await import(${JSON.stringify(pathToFileURL(join(REPO, 'dist', 'cli', 'young-generation.js')).href)});`,
        "const v8 = await import('node:v8');",
        "const young = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;",
        'const before = young();',
        `const set = capYoungGeneration({ nodeVersion: ${JSON.stringify(nodeVersion)}, execArgv: process.execArgv, env: process.env });`,
        'const keep = []; for (let i = 0; i < 400000; i += 1) keep[i % 50000] = { i, s: String(i) };',
        'console.log(JSON.stringify({ set, before, after: young() }));',
      ].join('\n');
      const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
      expect(result.stderr).toBe('');
      return JSON.parse(result.stdout);
    };
    const capped = run(process.version);
    const free = run('v0.0.0');
    expect([capped.set, free.set]).toEqual([true, false]);
    expect(free.after).toBeGreaterThanOrEqual(8 * free.before);
    expect(capped.after).toBeLessThanOrEqual(2 * capped.before);
  });
});
