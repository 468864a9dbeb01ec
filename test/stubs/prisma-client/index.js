'use strict';
// Runtime stand-in for @prisma/client. It counts constructions and $disconnect calls on globalThis so that
// tests can load a whole migrated tree and assert that exactly one client was built.
globalThis.__prismaStub ??= { constructed: 0, disconnected: 0 };
const stats = globalThis.__prismaStub;

class PrismaClient {
  constructor(options) {
    stats.constructed += 1;
    this.options = options;
  }
  async $connect() {}
  async $disconnect() {
    stats.disconnected += 1;
    if (process.env.PRISMA_STUB_REPORT) process.stdout.write('disconnect\n');
  }
  $on() {}
  $use() {}
  $extends() {
    return this;
  }
}

class PrismaClientKnownRequestError extends Error {}

module.exports = { PrismaClient, Prisma: { PrismaClientKnownRequestError }, __stats: stats };
