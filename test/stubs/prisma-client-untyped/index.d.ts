// As Prisma's own placeholder types read before `prisma generate` has run: the client is `any`.
export declare const PrismaClient: any;
export declare type PrismaClient = any;
