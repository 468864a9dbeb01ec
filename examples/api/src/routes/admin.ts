// Admin dashboard numbers; requires an admin token.
import type { IncomingMessage } from 'node:http';
import { PrismaClient } from '../generated/prisma/client.js';
import { PrismaPg } from '@prisma/adapter-pg';
import { requireAuth } from '../middleware/auth.js';

const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }) });

export async function handle(req: IncomingMessage, url: URL, _body: unknown): Promise<unknown> {
  if (req.method === 'GET' && url.pathname === '/admin/stats') {
    await requireAuth(req, 'admin');
    const [users, bookings, messages] = await Promise.all([prisma.user.count(), prisma.booking.count(), prisma.message.count()]);
    return { users, bookings, messages };
  }
  return undefined;
}
