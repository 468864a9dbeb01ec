// Shopping catalogue, cached by ./cache.ts.
import { PrismaClient } from '../../generated/prisma/client.js';
import { PrismaPg } from '@prisma/adapter-pg';
import { cached } from './cache.js';

export class ShoppingService {
  private prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }) });

  async catalog(): Promise<{ products: { id: number; name: string; priceCts: number }[]; cacheHit: boolean }> {
    const { value, hit } = await cached('catalog', () =>
      this.prisma.product.findMany({ select: { id: true, name: true, priceCts: true }, orderBy: { id: 'asc' } }),
    );
    return { products: value, cacheHit: hit };
  }
}

export const shopping = new ShoppingService();
