// City guide: hotels per city, and questions answered by the chat agent.
import type { IncomingMessage } from 'node:http';
import { PrismaClient } from '../generated/prisma/client.js';
import { PrismaPg } from '@prisma/adapter-pg';
import { chatAgent } from '../modules/chat/chat.agent.js';

const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }) });

export async function handle(req: IncomingMessage, url: URL, _body: unknown): Promise<unknown> {
  if (req.method === 'GET' && url.pathname === '/guide/cities') {
    const groups = await prisma.hotel.groupBy({ by: ['city'], _count: { _all: true }, orderBy: { city: 'asc' } });
    return groups.map((g) => ({ city: g.city, hotels: g._count._all }));
  }
  if (req.method === 'GET' && url.pathname === '/guide/ask') {
    return chatAgent.answer(url.searchParams.get('q') ?? 'where to stay?');
  }
  return undefined;
}
