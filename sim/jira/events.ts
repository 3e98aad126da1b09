/**
 * Turns store changes into what Jira sends out: Forge product events (`avi:jira:*`, delivered to a
 * remote as `{ payload, context }`) and classic admin-webhook payloads. In-process listeners get
 * every event; `eventsUrl` gets them over HTTP, skipping the app's own changes (ignoreSelf) by default.
 */
import type { JiraRenderer } from './render';
import type { JiraStore, StoreChange } from './store';

export interface JiraSimEvent {
  /** Forge event type, e.g. `avi:jira:updated:issue`. */
  eventType: string;
  /** Classic webhook event, e.g. `jira:issue_updated`. */
  webhookEvent: string;
  actorAccountId: string;
  /** True when the change was made by an app account (what Forge's ignoreSelf filters). */
  byApp: boolean;
  issue: { id: string; key: string };
  at: number;
  /** The Forge event payload (the remote receives `{ payload: forge, context }`). */
  forge: Record<string, unknown>;
  /** The classic webhook body. */
  webhook: Record<string, unknown>;
}

export interface EventDeliveryOptions {
  eventsUrl?: string;
  /** 'forge' (default) posts `{ payload, context }`; 'webhook' posts the classic webhook body. */
  eventsFormat?: 'forge' | 'webhook';
  /** Deliver the app's own changes too (default false, as Forge's `ignoreSelf: true`). */
  deliverOwnChanges?: boolean;
  /** Extra headers per delivery (e.g. a Forge Invocation Token signed by the test harness). */
  eventHeaders?: (event: JiraSimEvent) => Promise<Record<string, string>> | Record<string, string>;
  /** Attempts for non-2xx / network errors (Forge: 4) and the delay between them (Forge: 60 s). */
  eventAttempts?: number;
  eventRetryDelayMs?: number;
  cloudId?: string;
}

export interface EventDelivery {
  eventType: string;
  issueKey: string;
  attempt: number;
  status: number;
  error?: string;
}

const TYPES: Partial<Record<StoreChange['type'], [string, string]>> = {
  issue_created: ['avi:jira:created:issue', 'jira:issue_created'],
  issue_updated: ['avi:jira:updated:issue', 'jira:issue_updated'],
  attachment_created: ['avi:jira:updated:issue', 'jira:issue_updated'],
  issue_deleted: ['avi:jira:deleted:issue', 'jira:issue_deleted'],
  comment_created: ['avi:jira:commented:issue', 'comment_created'],
  comment_updated: ['avi:jira:commented:issue', 'comment_updated'],
  comment_deleted: ['avi:jira:deleted:comment', 'comment_deleted'],
};

export class JiraEvents {
  readonly deliveries: EventDelivery[] = [];
  private listeners = new Set<(event: JiraSimEvent) => void>();
  private pending = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly store: JiraStore,
    private readonly render: JiraRenderer,
    public options: EventDeliveryOptions,
  ) {
    store.onChange((change) => this.onChange(change));
  }

  on(listener: (event: JiraSimEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves when every in-flight HTTP delivery has finished. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  close(): void {
    this.closed = true;
  }

  private build(change: StoreChange): JiraSimEvent | undefined {
    const types = TYPES[change.type];
    if (!types) return undefined;
    const actor = this.store.users.get(change.actorId);
    const { comment: _comments, ...fields } = this.render.issueFields(change.issue);
    const issue = {
      id: change.issue.id,
      key: change.issue.key,
      self: `${this.render.baseUrl()}/rest/api/3/issue/${change.issue.id}`,
      fields,
    };
    const changelog = change.history ? { id: change.history.id, items: change.history.items } : undefined;
    const comment = change.comment ? this.render.comment(change.comment) : undefined;
    const forge: Record<string, unknown> = {
      eventType: types[0],
      atlassianId: change.actorId,
      issue,
      ...(changelog ? { changelog } : {}),
      ...(comment ? { comment } : {}),
      associatedUsers: actor ? [{ accountId: actor.accountId }] : [],
    };
    const webhook: Record<string, unknown> = {
      timestamp: change.at,
      webhookEvent: types[1],
      ...(types[1].startsWith('jira:issue')
        ? {
            issue_event_type_name:
              change.type === 'issue_created'
                ? 'issue_created'
                : change.type === 'issue_deleted'
                  ? 'issue_deleted'
                  : 'issue_updated',
          }
        : {}),
      user: actor ? this.render.user(actor) : undefined,
      issue,
      ...(changelog ? { changelog } : {}),
      ...(comment ? { comment } : {}),
    };
    return {
      eventType: types[0],
      webhookEvent: types[1],
      actorAccountId: change.actorId,
      byApp: actor?.accountType === 'app',
      issue: { id: change.issue.id, key: change.issue.key },
      at: change.at,
      forge,
      webhook,
    };
  }

  private onChange(change: StoreChange): void {
    const event = this.build(change);
    if (!event) return;
    for (const listener of this.listeners) listener(event);
    if (this.options.eventsUrl && (!event.byApp || this.options.deliverOwnChanges)) {
      const delivery = this.deliver(event).finally(() => this.pending.delete(delivery));
      this.pending.add(delivery);
    }
  }

  private async deliver(event: JiraSimEvent): Promise<void> {
    const attempts = this.options.eventAttempts ?? 4;
    const delayMs = this.options.eventRetryDelayMs ?? 60_000;
    for (let attempt = 1; attempt <= attempts && !this.closed; attempt += 1) {
      const forgeBody = {
        payload: {
          ...event.forge,
          ...(attempt > 1 ? { retryContext: { retryCount: attempt - 1, retryReason: 'FUNCTION_UPSTREAM_ERROR' } } : {}),
        },
        context: { cloudId: this.options.cloudId, moduleKey: 'jira-events' },
      };
      const body = this.options.eventsFormat === 'webhook' ? event.webhook : forgeBody;
      const record: EventDelivery = { eventType: event.eventType, issueKey: event.issue.key, attempt, status: 0 };
      try {
        const extra = (await this.options.eventHeaders?.(event)) ?? {};
        const res = await fetch(this.options.eventsUrl!, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...extra },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(5000),
        });
        await res.arrayBuffer();
        record.status = res.status;
      } catch (err) {
        record.error = (err as Error).message;
      }
      this.deliveries.push(record);
      if (record.status >= 200 && record.status < 300) return;
      if (attempt < attempts) await new Promise((r) => setTimeout(r, delayMs).unref());
    }
  }
}
