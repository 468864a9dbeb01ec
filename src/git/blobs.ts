import { createHash } from 'node:crypto';
import { gitRaw } from './git-command.js';

/**
 * The contents of git objects named the way `git cat-file --batch` takes them (`:path` for a staged file, a blob id,
 * `<commit>:<path>`), read in one process. A name git cannot resolve is absent from the map. Names that hold a line
 * break cannot travel on the batch protocol and are absent too.
 */
export async function readObjects(workTree: string, names: readonly string[]): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const asked = names.filter((name) => !/[\r\n]/.test(name));
  if (asked.length === 0) return out;
  const result = await gitRaw(workTree, ['cat-file', '--batch'], `${asked.join('\n')}\n`);
  if (result.code !== 0) throw new Error(`git cat-file --batch failed: ${result.stderr.trim()}`);
  const bytes = result.stdout;
  let offset = 0;
  for (const name of asked) {
    const headerEnd = bytes.indexOf(10, offset);
    if (headerEnd < 0) break;
    const header = bytes.subarray(offset, headerEnd).toString('utf8');
    offset = headerEnd + 1;
    // `<oid> <type> <size>`, or `<name> missing` / `<name> ambiguous` with no body.
    const match = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!match) continue;
    const size = Number(match[2]);
    if (match[1] === 'blob') out.set(name, bytes.subarray(offset, offset + size));
    offset += size + 1;
  }
  return out;
}

/** The id git gives a blob with these bytes (`git hash-object`, without writing anything). */
export function blobId(bytes: Buffer, algorithm: 'sha1' | 'sha256' = 'sha1'): string {
  return createHash(algorithm).update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}
