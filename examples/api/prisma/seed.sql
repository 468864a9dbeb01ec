-- Small fixed data set for the e2e load. The tokens are the ones examples/e2e/load.mjs sends.
INSERT INTO "User" ("email", "name", "role") VALUES
  ('admin@example.test', 'Ada Admin', 'admin'),
  ('user@example.test', 'Uma User', 'user'),
  ('seller@example.test', 'Sam Seller', 'seller');

INSERT INTO "Session" ("token", "userId", "expiresAt") VALUES
  ('e2e-admin-token', 1, now() + interval '1 day'),
  ('e2e-user-token', 2, now() + interval '1 day');

INSERT INTO "Hotel" ("name", "city") VALUES
  ('Casa Azul', 'Lisbon'), ('Hotel Tejo', 'Lisbon'), ('Ribeira Inn', 'Porto'),
  ('Douro View', 'Porto'), ('Praia Sol', 'Faro');

INSERT INTO "Booking" ("userId", "hotelId", "nights") VALUES
  (2, 1, 2), (2, 3, 1), (3, 5, 4);

INSERT INTO "Product" ("name", "priceCts", "sellerId") VALUES
  ('Cork wallet', 2500, 1), ('Azulejo tile', 1200, 1), ('Port wine', 3500, 3), ('Sardine tin', 450, 3);
