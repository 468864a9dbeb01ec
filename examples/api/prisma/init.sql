-- Tables for prisma/schema.prisma, written by hand because `prisma db push` needs the
-- schema engine binary, which cannot be downloaded here (the e2e runs offline).
-- Keep in step with schema.prisma: the e2e type-checks and queries every model.

CREATE TABLE "User" (
  "id"        SERIAL PRIMARY KEY,
  "email"     TEXT NOT NULL,
  "name"      TEXT NOT NULL,
  "role"      TEXT NOT NULL DEFAULT 'user',
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "User_email_key" ON "User" ("email");

CREATE TABLE "Session" (
  "id"        SERIAL PRIMARY KEY,
  "token"     TEXT NOT NULL,
  "userId"    INTEGER NOT NULL REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
  "expiresAt" TIMESTAMP(3) NOT NULL
);
CREATE UNIQUE INDEX "Session_token_key" ON "Session" ("token");

CREATE TABLE "Hotel" (
  "id"   SERIAL PRIMARY KEY,
  "name" TEXT NOT NULL,
  "city" TEXT NOT NULL
);

CREATE TABLE "Booking" (
  "id"        SERIAL PRIMARY KEY,
  "userId"    INTEGER NOT NULL REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
  "hotelId"   INTEGER NOT NULL REFERENCES "Hotel" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
  "nights"    INTEGER NOT NULL DEFAULT 1,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE "Product" (
  "id"       SERIAL PRIMARY KEY,
  "name"     TEXT NOT NULL,
  "priceCts" INTEGER NOT NULL,
  "sellerId" INTEGER
);

CREATE TABLE "Message" (
  "id"        SERIAL PRIMARY KEY,
  "userId"    INTEGER REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
  "channel"   TEXT NOT NULL,
  "body"      TEXT NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
