// Seller catalogue: products, through the shopping service.
import type { IncomingMessage } from 'node:http';
import { PrismaClient } from '../generated/prisma/client.js';
import { PrismaPg } from '@prisma/adapter-pg';
import { shopping } from '../modules/shopping/shopping.service.js';

const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }) });

export async function handle(req: IncomingMessage, url: URL, _body: unknown): Promise<unknown> {
  if (req.method === 'GET' && url.pathname === '/seller/products') {
    const sellerId = Number(url.searchParams.get('sellerId') ?? 1);
    const products = await prisma.product.findMany({ where: { sellerId }, orderBy: { id: 'asc' } });
    return { sellerId, products };
  }
  if (req.method === 'GET' && url.pathname === '/seller/catalog') {
    return shopping.catalog();
  }
  return undefined;
}
