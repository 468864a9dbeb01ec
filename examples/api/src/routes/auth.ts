// Login: issues a session token for an existing user.
import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { PrismaClient } from '../generated/prisma/client.js';
import { PrismaPg } from '@prisma/adapter-pg';

const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }) });

export async function handle(req: IncomingMessage, url: URL, body: unknown): Promise<unknown> {
  if (req.method === 'POST' && url.pathname === '/auth/login') {
    const email = typeof (body as { email?: unknown })?.email === 'string' ? (body as { email: string }).email : '';
    const user = await prisma.user.findUnique({ where: { email } });
    if (!user) return { ok: false, error: 'unknown user' };
    const session = await prisma.session.create({
      data: { token: randomUUID(), userId: user.id, expiresAt: new Date(Date.now() + 3600_000) },
    });
    return { ok: true, token: session.token };
  }
  return undefined;
}
