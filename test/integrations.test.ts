import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO } from './support/helpers.js';

function read(path: string): string {
  return readFileSync(join(REPO, path), 'utf8');
}

function yamlOf(path: string): unknown {
  return parse(read(path));
}

/** A value as a plain object, or a failed expectation. */
function record(value: unknown): Record<string, unknown> {
  expect(value).toBeTypeOf('object');
  expect(Array.isArray(value)).toBe(false);
  return Object(value);
}

const PACKAGE = record(JSON.parse(read('package.json')));
const VERSION = String(PACKAGE['version']);
const ACTION_REF = `prisma-singleton-codemod/prisma-singleton-codemod@v${VERSION}`;

/**
 * Hook keys pre-commit documents for `.pre-commit-hooks.yaml` ("Creating new hooks" on pre-commit.com), with the
 * type each takes. The four without a default are required.
 */
const HOOK_KEYS: Readonly<Record<string, 'string' | 'boolean' | 'strings'>> = {
  id: 'string',
  name: 'string',
  entry: 'string',
  language: 'string',
  files: 'string',
  exclude: 'string',
  types: 'strings',
  types_or: 'strings',
  exclude_types: 'strings',
  always_run: 'boolean',
  fail_fast: 'boolean',
  verbose: 'boolean',
  pass_filenames: 'boolean',
  require_serial: 'boolean',
  description: 'string',
  language_version: 'string',
  minimum_pre_commit_version: 'string',
  args: 'strings',
  stages: 'strings',
};
const REQUIRED_HOOK_KEYS = ['id', 'name', 'entry', 'language'];
const LANGUAGES = ['conda', 'coursier', 'dart', 'docker', 'docker_image', 'dotnet', 'fail', 'golang', 'haskell', 'julia', 'lua', 'node', 'perl'];
const MORE_LANGUAGES = ['pygrep', 'python', 'r', 'ruby', 'rust', 'swift', 'script', 'system', 'unsupported', 'unsupported_script'];
/** identify's tags for the files the check reads. */
// Every file the check scans: scripts, and the component files whose script blocks it reads.
const SOURCE_FILES = '\\.(?:[cm]?[jt]sx?|vue|svelte|astro)$';

/** Problems with one hook against pre-commit's documented fields; empty when it is valid. */
function hookProblems(hook: Record<string, unknown>): string[] {
  const problems = REQUIRED_HOOK_KEYS.filter((key) => !(key in hook)).map((key) => `missing ${key}`);
  for (const [key, value] of Object.entries(hook)) {
    const type = HOOK_KEYS[key];
    if (!type) problems.push(`unknown key ${key}`);
    else if (type === 'strings' ? !Array.isArray(value) || !value.every((v) => typeof v === 'string') : typeof value !== type)
      problems.push(`${key} is not ${type}`);
  }
  if (![...LANGUAGES, ...MORE_LANGUAGES].includes(String(hook['language']))) problems.push(`unknown language ${String(hook['language'])}`);
  for (const key of ['files', 'exclude']) if (typeof hook[key] === 'string') new RegExp(String(hook[key]));
  return problems;
}

describe('.pre-commit-hooks.yaml', () => {
  const hooks = yamlOf('.pre-commit-hooks.yaml');

  it('declares hooks with the fields pre-commit documents, and nothing else', () => {
    expect(Array.isArray(hooks)).toBe(true);
    const list: unknown[] = Array.isArray(hooks) ? hooks : [];
    expect(list.map((hook) => hookProblems(record(hook)))).toEqual(list.map(() => []));
    // The checker itself catches what pre-commit would refuse.
    expect(hookProblems({ id: 'x', name: 'x', entry: 'x', language: 'nodejs', pass_filenames: 'no', colour: true })).toEqual([
      'pass_filenames is not boolean',
      'unknown key colour',
      'unknown language nodejs',
    ]);
  });

  it('runs the package bin once per commit on the staged text, when source files are staged', () => {
    const [hook] = Array.isArray(hooks) ? hooks : [];
    const fields = record(hook);
    expect(fields).toMatchObject({ id: 'prisma-singleton-check', language: 'node', pass_filenames: false, files: SOURCE_FILES });
    // pre-commit installs the repository from git as an npm package (npm install -g git+file://...): the entry is a
    // bin of package.json, and `prepare` builds dist/, which git does not hold, even under -g.
    const [command, ...args] = String(fields['entry']).split(' ');
    expect(Object.keys(record(PACKAGE['bin']))).toContain(command);
    expect(args).toEqual(['--check', '--staged']);
    expect(String(record(PACKAGE['scripts'])['prepare'])).toBe('node scripts/prepare.mjs');
    expect(read('scripts/prepare.mjs')).toContain("npm(['run', 'build'])");
  });
});

describe('action.yml', () => {
  const action = record(yamlOf('action.yml'));
  const runs = record(action['runs']);
  const steps: unknown[] = Array.isArray(runs['steps']) ? runs['steps'] : [];
  const inputs = Object.keys(record(action['inputs']));

  it('is a composite action of bash steps with the documented inputs', () => {
    expect(runs['using']).toBe('composite');
    expect(inputs).toEqual(['path', 'changed-since', 'baseline', 'sarif', 'version']);
    for (const step of steps) expect(record(step)).toMatchObject({ shell: 'bash', run: expect.any(String) });
  });

  it('passes inputs to scripts through the environment, never as text pasted into them', () => {
    const scripts = steps.map((step) => String(record(step)['run']));
    expect(scripts.filter((script) => script.includes('${{'))).toEqual([]);
    const used = steps.flatMap((step) => Object.values(record(record(step)['env'] ?? {})).map(String));
    const referenced = used.flatMap((value) => [...value.matchAll(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g)].map((m) => m[1]));
    expect([...new Set(referenced)].sort()).toEqual([...inputs].sort());
  });
});

describe('the README snippets', () => {
  const readme = read('README.md');
  const snippets = [...readme.matchAll(/<!-- snippet: (\S+) -->\n```\w*\n([\s\S]*?)```\n/g)].map((m) => ({ path: m[1] ?? '', text: m[2] ?? '' }));

  it('are copies of the files they name, so that they cannot drift', () => {
    expect(snippets.map((s) => s.path)).toEqual([
      'examples/ci/pull-request.yml',
      'examples/ci/push.yml',
      'examples/ci/pre-commit-config.yaml',
      '.pre-commit-hooks.yaml',
    ]);
    for (const snippet of snippets) expect(snippet.text, `README.md's copy of ${snippet.path}`).toBe(read(snippet.path));
  });

  it('compare a pull request with its base branch over the whole history', () => {
    const workflow = record(yamlOf('examples/ci/pull-request.yml'));
    expect(workflow['on']).toBe('pull_request');
    const steps = stepsOf(workflow);
    expect(steps[0]).toEqual({ uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } });
    expect(steps.find((step) => step['uses'] === ACTION_REF)?.['with']).toMatchObject({ 'changed-since': 'origin/${{ github.base_ref }}' });
  });

  it('check a push against the baseline, never against a base ref a push does not have', () => {
    const workflow = record(yamlOf('examples/ci/push.yml'));
    expect(Object.keys(record(workflow['on']))).toEqual(['push']);
    expect(read('examples/ci/push.yml')).not.toContain('base_ref');
    const check = stepsOf(workflow).find((step) => step['uses'] === ACTION_REF);
    expect(check?.['with']).toMatchObject({ baseline: expect.stringMatching(/\.json$/), sarif: 'prisma-singleton.sarif' });
  });

  it('pin the action and the pre-commit hook to this version', () => {
    const config = record(yamlOf('examples/ci/pre-commit-config.yaml'));
    expect(config['repos']).toEqual([
      { repo: 'https://github.com/prisma-singleton-codemod/prisma-singleton-codemod', rev: `v${VERSION}`, hooks: [{ id: 'prisma-singleton-check' }] },
    ]);
    expect(readme).toContain(`npx --yes prisma-singleton-codemod@${VERSION} `);
  });
});

function stepsOf(workflow: Record<string, unknown>): Record<string, unknown>[] {
  const [job] = Object.values(record(workflow['jobs']));
  const steps = record(job)['steps'];
  return Array.isArray(steps) ? steps.map(record) : [];
}
