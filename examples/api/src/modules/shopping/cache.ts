// A tiny catalogue cache that revalidates against the product count on every read.
import { PrismaClient } from '../../generated/prisma/client.js';
import { PrismaPg } from '@prisma/adapter-pg';

const adapter = new PrismaPg({ connectionString: process.env.DATABASE_URL });
const prisma = new PrismaClient({ adapter });

interface Entry<T> {
  version: number;
  value: T;
}

const entries = new Map<string, Entry<unknown>>();

export async function cached<T>(key: string, load: () => Promise<T>): Promise<{ value: T; hit: boolean }> {
  const version = await prisma.product.count();
  const entry = entries.get(key) as Entry<T> | undefined;
  if (entry && entry.version === version) return { value: entry.value, hit: true };
  const value = await load();
  entries.set(key, { version, value });
  return { value, hit: false };
}
