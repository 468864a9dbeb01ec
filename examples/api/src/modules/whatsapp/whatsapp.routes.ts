// WhatsApp webhook and message log.
import type { IncomingMessage } from 'node:http';
import { PrismaClient } from '../../generated/prisma/client.js';
import { PrismaPg } from '@prisma/adapter-pg';
import { whatsapp } from './whatsapp.service.js';

const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }) });

export async function handle(req: IncomingMessage, url: URL, body: unknown): Promise<unknown> {
  if (req.method === 'POST' && url.pathname === '/whatsapp/webhook') {
    const { from, text } = (body ?? {}) as { from?: unknown; text?: unknown };
    return whatsapp.receive(typeof from === 'string' ? from : 'unknown', typeof text === 'string' ? text : '');
  }
  if (req.method === 'GET' && url.pathname === '/whatsapp/messages') {
    return prisma.message.findMany({ where: { channel: 'whatsapp' }, orderBy: { id: 'desc' }, take: 10 });
  }
  return undefined;
}
