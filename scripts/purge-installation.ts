/**
 * Deletes all data of one installation: its Zoho connection and secrets, Smart Connected Items,
 * links, mirrors, sync runs, event receipts, and the items' Temporal Schedules.
 *
 *   npm run db:purge-installation -- <installationId> [--force]
 *
 * Uninstalling the Forge app keeps the data (a reinstall resumes); run this when the site is gone
 * for good. --force also purges an installation that is still marked installed.
 * Reads DATABASE_URL and TEMPORAL_* like the server.
 */
import { createPrisma } from '../store/prisma';
import { loadTemporalConnection } from '../temporal.config';
import { connectTemporalClient } from '../server/temporal/client';
import { purgeInstallation } from '../server/services/purge-installation';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const installationId = args.find((a) => !a.startsWith('--'));
  if (!installationId) {
    process.stderr.write('usage: npm run db:purge-installation -- <installationId> [--force]\n');
    process.exit(64);
  }
  if (!process.env.DATABASE_URL) {
    process.stderr.write('Invalid setting DATABASE_URL: missing (required)\n');
    process.exit(78);
  }
  const prisma = createPrisma(process.env.DATABASE_URL);
  let temporal: Awaited<ReturnType<typeof connectTemporalClient>> | undefined;
  try {
    temporal = await connectTemporalClient(loadTemporalConnection());
  } catch (err) {
    process.stderr.write(`Temporal unreachable (${(err as Error).message}); schedules are not deleted.\n`);
  }
  try {
    const result = await purgeInstallation({ prisma, temporal: temporal?.client }, installationId, { force });
    process.stdout.write(
      `Purged ${result.installationId}: ${result.items} items, ${result.links} links, ${result.schedulesDeleted} schedules.\n`,
    );
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exitCode = 1;
  } finally {
    await Promise.allSettled([prisma.$disconnect(), temporal?.close()]);
  }
}

void main();
