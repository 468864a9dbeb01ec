// Prisma 7 reads the CLI's settings from here (the schema no longer holds the URL).
// `prisma generate` does not connect, so a placeholder URL is fine when DATABASE_URL is unset.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  datasource: {
    url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/placeholder',
  },
});
