// Example API for the prisma-singleton-codemod end-to-end proof.
// Deliberately reproduces the incident: this file, every route module and every service
// module build their own PrismaClient (and so their own pg pool of up to 10 connections).
import http from 'node:http';
import { PrismaClient } from './generated/prisma/client.js';
import { PrismaPg } from '@prisma/adapter-pg';
import * as publicRoutes from './routes/public.js';
import * as adminRoutes from './routes/admin.js';
import * as authRoutes from './routes/auth.js';
import * as sellerRoutes from './routes/seller.js';
import * as userRoutes from './routes/user.js';
import * as opsRoutes from './routes/ops.js';
import * as guideRoutes from './routes/guide.js';
import * as whatsappRoutes from './modules/whatsapp/whatsapp.routes.js';

const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }) });

type Handler = (req: http.IncomingMessage, url: URL, body: unknown) => Promise<unknown>;

const mounts: Record<string, Handler> = {
  '/public': publicRoutes.handle,
  '/admin': adminRoutes.handle,
  '/auth': authRoutes.handle,
  '/seller': sellerRoutes.handle,
  '/user': userRoutes.handle,
  '/ops': opsRoutes.handle,
  '/guide': guideRoutes.handle,
  '/whatsapp': whatsappRoutes.handle,
};

const NOT_FOUND = Symbol('not found');

async function route(req: http.IncomingMessage, url: URL, body: unknown): Promise<unknown> {
  if (url.pathname === '/health') {
    const users = await prisma.user.count();
    return { ok: true, users };
  }
  const prefix = `/${url.pathname.split('/')[1] ?? ''}`;
  const handler = mounts[prefix];
  if (!handler) return NOT_FOUND;
  const result = await handler(req, url, body);
  return result === undefined ? NOT_FOUND : result;
}

// Finds the PostgreSQL SQLSTATE behind an error, however deep Prisma / the adapter wrapped it.
function sqlState(err: unknown): string | undefined {
  const seen = new Set<unknown>();
  let current: unknown = err;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const e = current as { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown; meta?: unknown };
    if (typeof e.message === 'string' && e.message.includes('too many clients already')) return '53300';
    if (e.kind === 'TooManyConnections') return '53300';
    // A SQLSTATE is 5 digits/capitals; Prisma's own codes (P1000-P6999) are not SQLSTATEs.
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && !/^P[1-9]\d{3}$/.test(e.code)) return e.code;
    current = e.cause ?? e.meta;
  }
  return undefined;
}

function readBody(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', reject);
    req.on('end', () => {
      if (chunks.length === 0) return resolve(undefined);
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        resolve(undefined);
      }
    });
  });
}

function send(res: http.ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  try {
    const body = await readBody(req);
    const result = await route(req, url, body);
    if (result === NOT_FOUND) return send(res, 404, { error: 'not found' });
    send(res, 200, result);
  } catch (err) {
    const status = (err as { status?: unknown }).status;
    if (typeof status === 'number') return send(res, status, { error: (err as Error).message });
    const message = err instanceof Error ? err.message : String(err);
    send(res, 500, {
      error: message.slice(0, 500),
      prismaCode: (err as { code?: unknown }).code ?? null,
      sqlstate: sqlState(err) ?? null,
    });
  }
});

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
server.listen(port, host, () => {
  console.log(`example api listening on http://${host}:${port}`);
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    server.close();
    process.exit(0);
  });
}
