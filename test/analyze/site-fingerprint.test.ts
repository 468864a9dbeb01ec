import { describe, expect, it } from 'vitest';
import { planFiles } from '../support/plan-files.js';

const IMPORT = "import { PrismaClient } from '@prisma/client';\n";

/** The fingerprints of a file's sites as --check computes them, in position order. */
function fingerprints(text: string, all = false): string[] {
  return planFiles({ 'src/a.ts': text }, { findingsOnly: true, all }).findings.map((f) => f.fingerprint);
}

const BASE = `${IMPORT}export function users() {\n  const prisma = new PrismaClient();\n  return prisma;\n}\n`;

describe('site fingerprints', () => {
  it.each([
    ['keeps it when lines are added above the site', `${IMPORT}\n// a new comment\nconst unrelated = 1;\n${BASE.slice(IMPORT.length)}`],
    [
      'keeps it when the statement is reformatted or commented',
      `${IMPORT}export function users() {\n  const prisma =   new PrismaClient( /* pooled */ );\n  return prisma;\n}\n`,
    ],
    [
      'keeps it when the function around it gains statements',
      `${IMPORT}export function users() {\n  log('start');\n  const prisma = new PrismaClient();\n  return prisma;\n}\n`,
    ],
  ])('%s', (_name, edited) => {
    expect(fingerprints(edited)).toEqual(fingerprints(BASE));
  });

  it.each([
    ['changes it when the statement changes', BASE.replace('const prisma', 'const db').replace('return prisma', 'return db')],
    ['changes it when the site moves to another function', BASE.replace('function users', 'function posts')],
    ['changes it when the client gets options', BASE.replace('PrismaClient()', "PrismaClient({ log: ['query'] })")],
  ])('%s', (_name, edited) => {
    expect(fingerprints(edited)).not.toEqual(fingerprints(BASE));
  });

  it('numbers identical statements of one file in order, and has the form <16 hex>:<n>', () => {
    const text = `${IMPORT}export const a = () => new PrismaClient();\nexport const b = () => new PrismaClient();\nfunction f() { return new PrismaClient(); }\nfunction g() { return new PrismaClient(); }\n`;
    const [a, b, f, g] = fingerprints(text);
    expect(a).toMatch(/^[0-9a-f]{16}:0$/);
    // The arrow functions are declared under different names, as are the functions.
    expect(new Set([a, b, f, g]).size).toBe(4);
    const twins = fingerprints(`${IMPORT}function h() {\n  use(new PrismaClient());\n  use(new PrismaClient());\n}\n`);
    expect(twins.map((fp) => fp.slice(-2))).toEqual([':0', ':1']);
    expect(twins[0]?.slice(0, 16)).toBe(twins[1]?.slice(0, 16));
  });
});
