// The signed-in user's own data; requires a token.
import type { IncomingMessage } from 'node:http';
import { PrismaClient } from '../generated/prisma/client.js';
import { PrismaPg } from '@prisma/adapter-pg';
import { requireAuth } from '../middleware/auth.js';

const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }) });

export async function handle(req: IncomingMessage, url: URL, _body: unknown): Promise<unknown> {
  if (req.method === 'GET' && url.pathname === '/user/me') {
    const auth = await requireAuth(req);
    const user = await prisma.user.findUnique({
      where: { id: auth.id },
      include: { bookings: { take: 5, orderBy: { id: 'desc' } } },
    });
    return user;
  }
  return undefined;
}
