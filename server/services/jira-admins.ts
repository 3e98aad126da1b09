/**
 * Is the panel's user a Jira administrator? A FIT names the user (principal) but not their
 * permissions, so we ask Jira (Get bulk permissions, global ADMINISTER) as the app, and remember
 * the answer briefly per installation and user. Any failure answers "no": admin-only details stay hidden.
 */
import type { ServerContext } from '../plugins/services';

const TTL_MS = 5 * 60_000;
const MAX_ENTRIES = 5_000;

export function createJiraAdminCheck(ctx: Pick<ServerContext, 'jiraFor'>, now: () => number = Date.now) {
  const known = new Map<string, { admin: boolean; until: number }>();
  return async function isJiraAdmin(installationId: string, accountId: string | null): Promise<boolean> {
    if (!accountId) return false;
    const key = `${installationId}\u0000${accountId}`;
    const hit = known.get(key);
    if (hit && hit.until > now()) return hit.admin;
    let admin = false;
    try {
      const jira = await ctx.jiraFor(installationId);
      admin = (await jira.globalPermissions(accountId, ['ADMINISTER'])).includes('ADMINISTER');
    } catch {
      return false; // not remembered: the next call asks again
    }
    if (known.size >= MAX_ENTRIES) known.clear();
    known.set(key, { admin, until: now() + TTL_MS });
    return admin;
  };
}
