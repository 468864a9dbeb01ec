import { describe, expect, it } from 'vitest';
import { baselineOf, matchBaseline, parseBaseline, renderBaseline } from '../../src/plan/baseline.js';
import { finding, fingerprintAt } from '../report/builders.js';

const FP = (n: number): string => `${'a'.repeat(15)}${n}:0`;

describe('baseline files', () => {
  it('renders paths and fingerprints sorted, one fingerprint a line, and reads back what it wrote', () => {
    const baseline = new Map([
      ['src/z.ts', [FP(2), FP(1)]],
      ['src/a.ts', [FP(3)]],
    ]);
    const text = renderBaseline(baseline);
    expect(text).toContain(`"files": {\n    "src/a.ts": [\n      "${FP(3)}"\n    ],\n    "src/z.ts": [\n      "${FP(1)}",\n      "${FP(2)}"\n    ]\n  }\n}\n`);
    expect(renderBaseline(parseBaseline(text, 'b.json'))).toBe(text);
  });

  it.each([
    // JSON.parse words its errors differently across Node versions: only the start is ours.
    ['text that is not JSON', '{ files: ', /^--baseline b\.json: not JSON \(.+\); write it again with --update-baseline$/],
    ['a document without files', '{"version": 1}', 'not a baseline file (no version and files)'],
    ['another version', '{"version": 2, "files": {}}', 'version 2 is not the version this tool reads (1)'],
    ['files that are a list', '{"version": 1, "files": []}', '"files" is not an object of paths'],
    ['a malformed fingerprint', '{"version": 1, "files": {"src/a.ts": ["12:0"]}}', 'the entry of src/a.ts is not a list of fingerprints'],
  ])('refuses %s with a message that names the file', (_name, text, message) => {
    const expected = typeof message === 'string' ? `--baseline b.json: ${message}; write it again with --update-baseline` : message;
    expect(() => parseBaseline(text, 'b.json')).toThrow(expected);
  });
});

describe('matchBaseline', () => {
  it('accepts each entry once, keeps the rest and every allowed site, and lists the entries nothing matched', () => {
    const twin = { ...finding('src/a.ts', 9), fingerprint: fingerprintAt(3) };
    const findings = [finding('src/a.ts', 3), twin, finding('src/b.ts', 4), finding('src/t.test.ts', 1, 'allowed', 'role-test')];
    const baseline = new Map([
      ['src/a.ts', [fingerprintAt(3)]],
      ['src/gone.ts', [fingerprintAt(7)]],
      ['src/t.test.ts', [fingerprintAt(1)]],
    ]);
    const match = matchBaseline(findings, baseline);
    expect(match.accepted).toEqual([findings[0]]);
    expect(match.kept).toEqual([twin, findings[2], findings[3]]);
    expect(match.stale).toEqual([
      { path: 'src/gone.ts', fingerprint: fingerprintAt(7) },
      { path: 'src/t.test.ts', fingerprint: fingerprintAt(1) },
    ]);
  });

  it('records every site outside the singleton and no allowed one', () => {
    const baseline = baselineOf([
      finding('src/a.ts', 3),
      finding('src/a.ts', 5, 'review', 'reassigned-binding'),
      finding('src/t.test.ts', 1, 'allowed', 'role-test'),
    ]);
    expect([...baseline]).toEqual([['src/a.ts', [fingerprintAt(3), fingerprintAt(5)]]]);
  });
});
