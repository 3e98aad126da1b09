/**
 * Forge lifecycle: installed/upgraded upsert the Installation (and resume its schedules after a
 * reinstall); preUninstall marks it uninstalled and pauses its schedules but keeps its data
 * (scripts/purge-installation.ts deletes it on request); the fiveMinute keepalive records
 * "last heard from Jira" (the auth hook already stored its fresh system token).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { scheduledItemOf, upsertSchedule } from '../temporal/schedules';
import type { ServerContext } from '../plugins/services';
import { invocationOf } from '../plugins/forge-auth';
import { unwrapForgeEvent } from '../events/forge-event';

const lifecycleEventSchema = z.object({ eventType: z.string().optional() }).passthrough();
const ackSchema = z.object({ ok: z.literal(true), status: z.string() });

/** Re-applies every SCI schedule of an installation: paused unless installed and enabled. */
export async function syncInstallationSchedules(
  ctx: ServerContext,
  installationId: string,
  installed: boolean,
): Promise<void> {
  const items = await ctx.prisma.smartConnectedItem.findMany({
    where: { installationId },
    select: {
      id: true,
      installationId: true,
      enabled: true,
      name: true,
      mode: true,
      zohoPortalId: true,
      zohoProjectId: true,
      zohoModule: true,
    },
  });
  const installationStatus = installed ? 'active' : 'uninstalled';
  for (const sci of items) {
    await upsertSchedule(ctx.temporal, scheduledItemOf(sci, installationStatus), { taskQueue: ctx.taskQueue });
  }
}

export const lifecycleRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/lifecycle',
    {
      config: { auth: 'forge-event' },
      schema: { hide: true, body: z.unknown(), response: { 200: ackSchema } },
    },
    async (request) => {
      const inv = invocationOf(request);
      const event = lifecycleEventSchema.parse(unwrapForgeEvent(request.body) ?? {});
      const before = await app.prisma.installation.findUnique({
        where: { id: inv.installationId },
        select: { status: true },
      });
      await app.installations.upsertFromInvocation(inv, { status: 'active', heard: true });
      if (before?.status === 'uninstalled') await syncInstallationSchedules(app, inv.installationId, true);
      request.log.info({ installationId: inv.installationId, eventType: event.eventType }, 'installation active');
      return { ok: true as const, status: 'active' };
    },
  );

  app.post(
    '/pre-uninstall',
    {
      config: { auth: 'forge-event' },
      schema: { hide: true, body: z.unknown(), response: { 200: ackSchema } },
    },
    async (request) => {
      const inv = invocationOf(request);
      await app.installations.upsertFromInvocation(inv, { status: 'uninstalled', heard: true });
      await syncInstallationSchedules(app, inv.installationId, false);
      request.log.info({ installationId: inv.installationId }, 'installation uninstalled: schedules paused, data kept');
      return { ok: true as const, status: 'uninstalled' };
    },
  );

  app.post(
    '/keepalive',
    {
      config: { auth: 'forge-event' },
      schema: { hide: true, body: z.unknown(), response: { 200: ackSchema } },
    },
    async (request) => {
      const inv = invocationOf(request);
      await app.installations.upsertFromInvocation(inv, { heard: true });
      return { ok: true as const, status: 'heard' };
    },
  );
};
