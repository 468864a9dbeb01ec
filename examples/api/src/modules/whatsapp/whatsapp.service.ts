// Stores incoming WhatsApp messages.
import { PrismaClient } from '../../generated/prisma/client.js';
import { PrismaPg } from '@prisma/adapter-pg';

export class WhatsAppService {
  private prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }) });

  async receive(from: string, text: string): Promise<{ id: number }> {
    const user = await this.prisma.user.findFirst({ where: { email: from } });
    const message = await this.prisma.message.create({
      data: { channel: 'whatsapp', body: text, userId: user?.id ?? null },
    });
    return { id: message.id };
  }
}

export const whatsapp = new WhatsAppService();
