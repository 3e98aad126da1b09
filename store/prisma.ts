/**
 * The one door to the database: `createPrisma(url)` builds a Prisma 7 client on
 * @prisma/adapter-pg, and every Prisma type (PrismaClient, Prisma namespace, models, enums)
 * is re-exported from here; nothing else imports prisma/generated directly.
 * The generated client lives in prisma/generated (gitignored, built by `npm install` /
 * `node scripts/prisma.mjs generate`).
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../prisma/generated/client';

export * from '../prisma/generated/client';

/** Builds a client for `databaseUrl` (PostgreSQL; honours Prisma's `?schema=` parameter). */
export function createPrisma(databaseUrl: string): PrismaClient {
  if (!databaseUrl) throw new Error('createPrisma: the database URL is empty (set DATABASE_URL)');
  const schema = new URL(databaseUrl).searchParams.get('schema') ?? undefined;
  const adapter = new PrismaPg({ connectionString: databaseUrl }, schema ? { schema } : undefined);
  return new PrismaClient({ adapter });
}
