'use strict';
// Prisma's placeholder throws until `prisma generate` has run; type-checking never loads it.
class PrismaClient {
  constructor() {
    throw new Error('@prisma/client did not initialize yet. Please run "prisma generate".');
  }
}
module.exports = { PrismaClient };
