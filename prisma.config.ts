/**
 * Prisma 7 configuration: schema, migrations and the database URL (Prisma 7 keeps no URL in
 * schema.prisma). `?? ""` instead of `env()`: `prisma generate` must work without a database.
 * Run the CLI through `node scripts/prisma.mjs` (npm run prisma): see prisma/README.md.
 */
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: {
    url: process.env.DATABASE_URL ?? '',
    ...(process.env.SHADOW_DATABASE_URL ? { shadowDatabaseUrl: process.env.SHADOW_DATABASE_URL } : {}),
  },
});
