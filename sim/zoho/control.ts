import type { ZohoSimContext } from './context';
import { loadDemoData } from './demo-data';
import { addProject, seedItems, type SeedItemsOptions } from './demo-projects';
import { seedTenant } from './demo-tenant';
import { V3Error } from './errors';
import type { ZohoFaultSpec } from './faults';
import { associate } from './associations';
import {
  addComment,
  associateAttachments,
  deleteComment,
  editComment,
  findComment,
  setFollowers,
  storeUpload,
} from './item-actions';
import type { Json, ZohoAttachmentShape, ZohoItem, ZohoModule, ZohoUser } from './model';
import { writeItem } from './record-fields';
import { createItem } from './records';
import type { ZohoSimSwitches } from './config';

/** A record addressed by id (module optional), as the control API accepts it. */
export type ZohoRecordRef = string | { id: string; module?: ZohoModule };

/**
 * Control of the simulator, in-process (`sim.control`) and over HTTP (/_sim/…).
 * "Act as a Zoho user" methods change data the way someone in the Zoho UI would; they bump
 * last_modified_time and are not rate limited or logged.
 */
export function createZohoControl(ctx: ZohoSimContext) {
  const { state, oauth, limiter, faults, log } = ctx;

  const item = (ref: ZohoRecordRef): ZohoItem => {
    const id = typeof ref === 'string' ? ref : ref.id;
    const it = state.items.get(id);
    if (!it || (typeof ref !== 'string' && ref.module && ref.module !== it.module))
      throw new Error(`no Zoho record ${id}`);
    return it;
  };
  // Default actor: the second user (not the token's owner), so changes read as someone else's.
  const actor = (ref?: string): ZohoUser => {
    const u = ref ? state.findUser(ref) : ([...state.users.values()][1] ?? [...state.users.values()][0]);
    if (!u) throw new Error(`no Zoho user ${ref ?? ''}`);
    return u;
  };
  const check = (err: V3Error | undefined): void => {
    if (err) throw new Error(`${err.title}: ${err.details.map((d) => d.message).join('; ')}`);
  };

  return {
    /** Wipe data and load the demo dataset again (or only the tenant). OAuth grants survive unless `auth` is true. */
    reset(opts: { demo?: boolean; auth?: boolean } = {}): void {
      state.clear();
      if (opts.auth) oauth.clear();
      limiter.reset();
      faults.clear();
      log.clear();
      if (opts.demo === false) seedTenant(state);
      else loadDemoData(state);
    },
    addClient(c: { clientId: string; clientSecret: string; userZuid?: string }): void {
      state.clients.set(c.clientId, {
        clientId: c.clientId,
        clientSecret: c.clientSecret,
        userZuid: c.userZuid ?? [...state.users.values()][0].zuid,
      });
    },
    addProject: (p: { id?: string; name: string; prefix: string; portalId?: string }): string => addProject(state, p),
    seedItems: (o: SeedItemsOptions): string[] => seedItems(state, o),

    // OAuth
    generateCode: (i: { clientId: string; scopes?: readonly string[]; expiresInMs?: number }): string =>
      oauth.generateCode(i),
    issueTokens: (i: { clientId: string; scopes?: readonly string[] }) => oauth.issueTokens(i),
    /** Expire access tokens now (all, or one); refresh tokens stay valid. */
    expireAccessTokens: (token?: string): number => oauth.expireAccessTokens(token),
    revokeToken: (token: string): boolean => oauth.revoke(token),
    oauthCounts: () => oauth.counts(),

    // Time
    now: (): number => state.clock.now(),
    advanceTime: (ms: number): void => state.clock.advance(ms),

    // Act as a Zoho user
    createRecord(projectId: string, module: ZohoModule, fields: Json, asUser?: string): Json {
      const project = state.projects.get(projectId);
      if (!project) throw new Error(`no Zoho project ${projectId}`);
      const it = createItem(state, project, module, fields, { creator: actor(asUser) });
      if (it instanceof V3Error) return check(it) as never;
      return it.json;
    },
    editRecord(ref: ZohoRecordRef, fields: Json): Json {
      const it = item(ref);
      check(writeItem(state, it, fields));
      return it.json;
    },
    changeStatus(ref: ZohoRecordRef, statusIdOrName: string): Json {
      const it = item(ref);
      const s = state.status(it.module, statusIdOrName);
      if (!s) throw new Error(`no ${it.module} status ${statusIdOrName}`);
      check(writeItem(state, it, { status: { id: s.id } }));
      return it.json;
    },
    addComment(ref: ZohoRecordRef, html: string, asUser?: string): Json {
      return addComment(state, item(ref), html, actor(asUser)).json;
    },
    /** Edit a comment's HTML (as its author would in the Zoho UI). */
    editComment(ref: ZohoRecordRef, commentId: string, html: string): Json {
      const it = item(ref);
      const c = findComment(it, commentId);
      editComment(state, it, c, html);
      return c.json;
    },
    deleteComment(ref: ZohoRecordRef, commentId: string): void {
      deleteComment(state, item(ref), commentId);
    },
    /** Associate a task with an issue (either order). */
    associate(a: ZohoRecordRef, b: ZohoRecordRef): void {
      check(associate(state, item(a), item(b)));
    },
    attach(
      ref: ZohoRecordRef,
      file: { name: string; content: Buffer | string; contentType?: string },
      asUser?: string,
      shape?: Partial<ZohoAttachmentShape>,
    ): string {
      const it = item(ref);
      const att = storeUpload(state, {
        name: file.name,
        contentType: file.contentType ?? 'application/octet-stream',
        content: Buffer.from(file.content),
        uploader: actor(asUser),
        shape,
      });
      check(associateAttachments(state, it, [att.id]));
      return att.id;
    },
    addFollower(ref: ZohoRecordRef, user: string): void {
      check(setFollowers(state, item(ref), [user], true));
    },
    deleteRecord(ref: ZohoRecordRef): void {
      state.deleteItem(item(ref));
    },
    getRecord: (ref: ZohoRecordRef): Json => item(ref).json,
    /** Calls `listener(recordId, json)` after every change of a record; returns the unsubscribe. */
    onRecordChange(listener: (recordId: string, json: Json) => void): () => void {
      const l = (it: { id: string; json: Json }) => listener(it.id, it.json);
      state.changeListeners.add(l);
      return () => state.changeListeners.delete(l);
    },
    /** Comments of a record (newest last). */
    comments: (ref: ZohoRecordRef): Json[] => item(ref).comments.map((c) => c.json),

    // Observation and faults
    callLog: () => log.list(),
    clearCallLog: (): void => log.clear(),
    callCounts: (): Record<string, number> => log.countsByEndpoint(),
    countCalls: (f?: { method?: string; endpoint?: string; pathIncludes?: string }): number => log.count(f),
    injectFault: (f: ZohoFaultSpec): string => faults.add(f),
    removeFault: (id: string): void => faults.remove(id),
    clearFaults: (): void => faults.clear(),
    faults: () => faults.list(),
    rateLimitBlocks: () => limiter.blocks(),
    resetRateLimits: (): void => limiter.reset(),
    setSwitches(s: Partial<ZohoSimSwitches>): ZohoSimSwitches {
      Object.assign(state.config.switches, s);
      return { ...state.config.switches };
    },
    setRateLimit(r: Partial<{ limit: number; windowMs: number; blockMs: number }>): void {
      Object.assign(state.config.rateLimit, r);
    },
  };
}

export type ZohoSimControl = ReturnType<typeof createZohoControl>;
