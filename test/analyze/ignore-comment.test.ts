import { describe, expect, it } from 'vitest';
import { planFiles } from '../support/plan-files.js';

const IMPORT = "import { PrismaClient } from '@prisma/client';\n";
const MARK = '// prisma-singleton-codemod-ignore';

/** What --check decides for each site of one file: the reason of an allowed site, or its action. */
function decisions(text: string): string[] {
  return planFiles({ 'src/a.ts': text }, { findingsOnly: true }).findings.map((f) => (f.action === 'allowed' ? String(f.reason) : f.action));
}

describe('the ignore comment', () => {
  it.each([
    ['at the end of the site line', `${IMPORT}const a = new PrismaClient(); ${MARK}\n\nconst b = new PrismaClient();\n`, ['ignore-comment', 'rewrite']],
    ['on the line before the statement', `${IMPORT}${MARK}\nconst a = new PrismaClient();\nconst b = new PrismaClient();\n`, ['ignore-comment', 'rewrite']],
    [
      'on the line before the statement, CRLF line ends',
      `${IMPORT}${MARK}\r\nconst a = new PrismaClient();\r\nconst b = new PrismaClient();\r\n`,
      ['ignore-comment', 'rewrite'],
    ],
    [
      'on the line before the statement, lone CR line ends',
      `${IMPORT}${MARK}\rconst a = new PrismaClient();\rconst b = new PrismaClient();\r`,
      ['ignore-comment', 'rewrite'],
    ],
    ['two lines above: not this site', `${IMPORT}${MARK}\n\nconst a = new PrismaClient();\n`, ['rewrite']],
    ['in a string, not a comment', `${IMPORT}const a = new PrismaClient(); const s = 'prisma-singleton-codemod-ignore';\n`, ['rewrite']],
  ])('%s', (_name, text, expected) => {
    expect(decisions(text)).toEqual(expected);
  });
});
