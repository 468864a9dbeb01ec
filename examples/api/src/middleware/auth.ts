// Bearer-token check used by the admin and user routes.
// As in the incident, the client is loaded through a dynamic import and a new
// PrismaClient (with a new pool) is built on every call.
import type { IncomingMessage } from 'node:http';
import { PrismaPg } from '@prisma/adapter-pg';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface AuthUser {
  id: number;
  email: string;
  role: string;
}

export async function requireAuth(req: IncomingMessage, role?: string): Promise<AuthUser> {
  const header = req.headers.authorization ?? '';
  const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
  if (!token) throw new HttpError(401, 'missing bearer token');

  const { PrismaClient } = await import('../generated/prisma/client.js');
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }) });

  const session = await prisma.session.findUnique({ where: { token }, include: { user: true } });
  if (!session || session.expiresAt.getTime() < Date.now()) throw new HttpError(401, 'invalid or expired token');
  if (role && session.user.role !== role) throw new HttpError(403, `requires role ${role}`);
  return { id: session.user.id, email: session.user.email, role: session.user.role };
}
