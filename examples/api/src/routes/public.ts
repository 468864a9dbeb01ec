// Public catalogue: hotels and hotel search (through the Booking.com service).
import type { IncomingMessage } from 'node:http';
import { PrismaClient } from '../generated/prisma/client.js';
import { PrismaPg } from '@prisma/adapter-pg';
import { bookingCom } from '../modules/hotels/bookingcom.service.js';

const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }) });

export async function handle(req: IncomingMessage, url: URL, _body: unknown): Promise<unknown> {
  if (req.method === 'GET' && url.pathname === '/public/hotels') {
    return prisma.hotel.findMany({ orderBy: { id: 'asc' }, take: 20 });
  }
  if (req.method === 'GET' && url.pathname === '/public/hotels/search') {
    return bookingCom.search(url.searchParams.get('city') ?? 'Lisbon');
  }
  return undefined;
}
