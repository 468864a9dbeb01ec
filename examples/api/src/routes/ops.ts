// Operations probes: database round trip and table sizes.
import type { IncomingMessage } from 'node:http';
import { PrismaClient } from '../generated/prisma/client.js';
import { PrismaPg } from '@prisma/adapter-pg';

const adapter = new PrismaPg({ connectionString: process.env.DATABASE_URL });
const prisma = new PrismaClient({ adapter });

export async function handle(req: IncomingMessage, url: URL, _body: unknown): Promise<unknown> {
  if (req.method === 'GET' && url.pathname === '/ops/db') {
    const rows = await prisma.$queryRaw<{ now: Date }[]>`SELECT now() AS now`;
    const sessions = await prisma.session.count();
    return { now: rows[0]?.now ?? null, sessions };
  }
  return undefined;
}
