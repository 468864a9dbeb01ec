// Stand-in for a Booking.com integration: serves search results from the local hotel table.
import { PrismaClient } from '../../generated/prisma/client.js';
import { PrismaPg } from '@prisma/adapter-pg';

export class BookingComService {
  private prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }) });

  async search(city: string): Promise<{ city: string; results: { id: number; name: string; bookings: number }[] }> {
    const hotels = await this.prisma.hotel.findMany({
      where: { city },
      include: { _count: { select: { bookings: true } } },
      orderBy: { id: 'asc' },
    });
    return { city, results: hotels.map((h) => ({ id: h.id, name: h.name, bookings: h._count.bookings })) };
  }
}

export const bookingCom = new BookingComService();
