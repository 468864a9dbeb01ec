import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { basename } from 'node:path';

/** A registry on 127.0.0.1 that serves one package from a tarball and sends every other request upstream. */
export interface LocalRegistry {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves `name@version` from `tarball` (packument and tarball), so that `npm install name@version` installs the
 * packed package as if it were published; any other request is redirected to `upstream`, which npm follows, so the
 * package's dependencies come from the real registry (or npm's cache).
 */
export async function startRegistry(
  name: string,
  version: string,
  tarball: string,
  dependencies: Record<string, string>,
  upstream: string,
): Promise<LocalRegistry> {
  const bytes = readFileSync(tarball);
  const file = basename(tarball);
  let base = '';
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent((request.url ?? '/').split('?')[0] ?? '/');
    if (path === `/${name}`) {
      const manifest = {
        name,
        version,
        dependencies,
        bin: { [name]: 'bin/prisma-singleton-codemod.js' },
        dist: {
          tarball: `${base}/-/${file}`,
          shasum: createHash('sha1').update(bytes).digest('hex'),
          integrity: `sha512-${createHash('sha512').update(bytes).digest('base64')}`,
        },
      };
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ name, 'dist-tags': { latest: version }, versions: { [version]: manifest } }));
    } else if (path === `/-/${file}`) {
      response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length });
      response.end(bytes);
    } else {
      response.writeHead(302, { location: `${upstream.replace(/\/$/, '')}${request.url ?? '/'}` });
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return { url: `${base}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
