// A toy "agent" that answers guide questions from the hotel table and logs the exchange.
import { PrismaClient } from '../../generated/prisma/client.js';
import { PrismaPg } from '@prisma/adapter-pg';

export class ChatAgent {
  private prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }) });

  async answer(question: string): Promise<{ question: string; answer: string }> {
    const city = /\b(Lisbon|Porto|Faro)\b/i.exec(question)?.[1] ?? 'Lisbon';
    const hotels = await this.prisma.hotel.findMany({ where: { city: { equals: city, mode: 'insensitive' } }, take: 3 });
    const answer = hotels.length ? `In ${city}, try ${hotels.map((h) => h.name).join(', ')}.` : `I know no hotel in ${city} yet.`;
    await this.prisma.message.create({ data: { channel: 'chat', body: `${question} -> ${answer}` } });
    return { question, answer };
  }
}

export const chatAgent = new ChatAgent();
