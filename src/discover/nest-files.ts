import { isComponentPath } from '../core/paths.js';
import type { SourceText } from '../core/types.js';
import type { Discovery } from './discover.js';
import { SourceReader } from './read-sources.js';

/** What a file that declares a Nest module or starts an application has in its bytes. */
const NEEDLES = [Buffer.from('@Module'), Buffer.from('NestFactory')];

/**
 * Nest mode's second read: the source files, candidates or not, that declare a `@Module()` class or bootstrap an
 * application (`NestFactory`). The planner needs them to find where the provider is registered and which module is
 * the root; most of them never mention PrismaClient. Only a Nest project pays for this read.
 */
export function readNestFiles(discovery: Discovery): SourceText[] {
  const known = new Set(discovery.candidates.map((c) => c.path));
  const reader = new SourceReader(discovery.root, { needles: NEEDLES, interest: () => undefined });
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const found: SourceText[] = [];
  for (const entry of discovery.entries) {
    if (known.has(entry.path) || isComponentPath(entry.path)) continue;
    const outcome = reader.read(entry);
    if ('text' in outcome) found.push({ path: entry.path, text: outcome.text });
    else if ('bytes' in outcome && NEEDLES.some((needle) => outcome.bytes.includes(needle)) && !outcome.bytes.includes(0)) {
      try {
        found.push({ path: entry.path, text: decoder.decode(outcome.bytes) });
      } catch {
        // Not UTF-8: the first read named it if it could construct a client; a module file like that is not read.
      }
    }
  }
  return found;
}
