/**
 * Deletes everything an installation left behind (uninstall keeps data on purpose, so a reinstall
 * picks up where it stopped). Temporal schedules first, then the rows (the schema cascades from
 * Installation; auto-create intents are keyed by SCI only).
 */
import type { Client } from '@temporalio/client';
import { deleteSchedule } from '../temporal/schedules';
import type { PrismaClient } from '../../store/prisma';

export interface PurgeResult {
  installationId: string;
  items: number;
  links: number;
  schedulesDeleted: number;
}

export async function purgeInstallation(
  deps: { prisma: PrismaClient; temporal?: Client },
  installationId: string,
  opts: { force?: boolean } = {},
): Promise<PurgeResult> {
  const inst = await deps.prisma.installation.findUnique({ where: { id: installationId } });
  if (!inst) throw new Error(`No installation ${installationId}.`);
  if (inst.status === 'active' && !opts.force) {
    throw new Error(`Installation ${installationId} is still installed; uninstall the app first or pass --force.`);
  }
  const items = await deps.prisma.smartConnectedItem.findMany({ where: { installationId }, select: { id: true } });
  const links = await deps.prisma.link.count({ where: { installationId } });
  let schedulesDeleted = 0;
  if (deps.temporal) {
    for (const { id } of items) {
      await deleteSchedule(deps.temporal, id);
      schedulesDeleted += 1;
    }
  }
  await deps.prisma.$transaction([
    deps.prisma.autoCreateIntent.deleteMany({ where: { sciId: { in: items.map((i) => i.id) } } }),
    deps.prisma.installation.delete({ where: { id: installationId } }),
  ]);
  return { installationId, items: items.length, links, schedulesDeleted };
}
