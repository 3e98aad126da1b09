/**
 * The in-process control surface (`sim.control`): seed/reset, act as a Jira user (changes that the
 * connector then sees, with events), read the call log, inject faults, expire tokens, announce
 * expected spec violations, tune search lag, rate limits and event delivery.
 */
import { adfFromText } from './adf';
import type { CallLogEntry, CallLogFilter } from '../shared/control-call-log';
import type { ActiveFault, FaultRule } from '../shared/fault-injector';
import type { JiraSimContext } from './context';
import { demoSeed } from './demo-data';
import type { EventDelivery, EventDeliveryOptions, JiraSimEvent } from './events';
import { addAttachment, addComment, deleteComment, setIssueProperty, updateComment } from './issue-activity';
import {
  availableTransitions,
  createIssue,
  deleteIssue,
  editIssue,
  transitionIssue,
  type CreateIssueInput,
} from './issue-writes';
import type { RateLimitOptions, RateLimitStats } from './rate-limit';
import { addSeedIssue, loadSeed, moveToStatus } from './seed';
import { JiraError } from './store';
import type { JiraSeed, SeedIssue, SimWorkflow } from './types';
import type { OpenApiViolation } from './violations';

export interface JiraUserActions {
  createIssue(input: CreateIssueInput): { id: string; key: string };
  editIssue(idOrKey: string, fields: Record<string, unknown>): void;
  /** Applies one available transition, by transition id, transition name or target status name. */
  transition(idOrKey: string, transitionOrStatus: string): void;
  /** Walks the workflow to a status (several transitions when needed). */
  moveToStatus(idOrKey: string, statusName: string): void;
  comment(idOrKey: string, body: string | object): { id: string };
  editComment(idOrKey: string, commentId: string, body: string | object): void;
  deleteComment(idOrKey: string, commentId: string): void;
  attach(idOrKey: string, filename: string, content: Buffer | string, mimeType?: string): { id: string };
  setProperty(idOrKey: string, key: string, value: unknown): void;
  deleteIssue(idOrKey: string): void;
}

export interface JiraSimControl {
  reset(seed?: JiraSeed): void;
  seedIssue(seed: SeedIssue): { id: string; key: string };
  /** A Jira admin edits the project's workflow (statuses, transitions, transition screens). */
  setWorkflow(projectIdOrKey: string, workflow: SimWorkflow): void;
  as(accountId: string): JiraUserActions;
  calls(filter?: CallLogFilter): CallLogEntry[];
  clearCalls(): void;
  injectFault(rule: FaultRule): string;
  removeFault(id: string): void;
  clearFaults(): void;
  faults(): ActiveFault[];
  addToken(token: string, accountId: string): void;
  expireToken(token: string): void;
  expectViolation(count?: number): void;
  violations(): OpenApiViolation[];
  setSearchLag(ms: number): void;
  setRateLimit(options: RateLimitOptions): void;
  /** Burst pauses begun and the requests that arrived during one (reset by setRateLimit). */
  rateLimitStats(): RateLimitStats;
  setEvents(options: Partial<EventDeliveryOptions>): void;
  onEvent(listener: (event: JiraSimEvent) => void): () => void;
  eventDeliveries(): EventDelivery[];
  eventsSettled(): Promise<void>;
}

const toAdf = (body: string | object) => (typeof body === 'string' ? adfFromText(body) : body);

export function createJiraControl(ctx: JiraSimContext): JiraSimControl {
  const { store } = ctx;
  const as = (actor: string): JiraUserActions => {
    if (!store.users.has(actor)) throw new JiraError(404, [`No user with accountId ${actor}`]);
    return {
      createIssue: (input) => {
        const issue = createIssue(store, actor, input);
        return { id: issue.id, key: issue.key };
      },
      editIssue: (idOrKey, fields) => void editIssue(store, actor, idOrKey, { fields }),
      transition: (idOrKey, which) => {
        const issue = store.requireIssue(idOrKey);
        const lower = which.toLowerCase();
        const t = availableTransitions(store.projectOf(issue), issue).find(
          (c) =>
            c.id === which || c.name.toLowerCase() === lower || store.statuses.get(c.to)?.name.toLowerCase() === lower,
        );
        if (!t) throw new JiraError(400, [`Transition '${which}' is not valid for this issue.`]);
        transitionIssue(store, actor, idOrKey, t.id);
      },
      moveToStatus: (idOrKey, statusName) => moveToStatus(store, actor, store.requireIssue(idOrKey), statusName),
      comment: (idOrKey, body) => ({ id: addComment(store, actor, idOrKey, toAdf(body)).id }),
      editComment: (idOrKey, commentId, body) => void updateComment(store, actor, idOrKey, commentId, toAdf(body)),
      deleteComment: (idOrKey, commentId) => deleteComment(store, actor, idOrKey, commentId),
      attach: (idOrKey, filename, content, mimeType = 'application/octet-stream') => ({
        id: addAttachment(store, actor, idOrKey, {
          filename,
          mimeType,
          content: Buffer.isBuffer(content) ? content : Buffer.from(content),
        }).id,
      }),
      setProperty: (idOrKey, key, value) => void setIssueProperty(store, actor, idOrKey, key, value),
      deleteIssue: (idOrKey) => deleteIssue(store, actor, idOrKey),
    };
  };

  return {
    reset: (seed) => loadSeed(store, seed ?? demoSeed()),
    seedIssue: (seed) => {
      let created = { id: '', key: '' };
      store.silently(() => {
        const issue = addSeedIssue(
          store,
          seed,
          seed.reporterId ?? [...store.users.values()].find((u) => u.accountType === 'atlassian')!.accountId,
        );
        created = { id: issue.id, key: issue.key };
      });
      store.settleIndex();
      return created;
    },
    setWorkflow: (projectIdOrKey, workflow) => {
      const project = store.project(projectIdOrKey);
      if (!project) throw new JiraError(404, [`No project ${projectIdOrKey}`]);
      project.workflow = structuredClone(workflow);
    },
    as,
    calls: (filter) => ctx.calls.list(filter),
    clearCalls: () => ctx.calls.clear(),
    injectFault: (rule) => ctx.faults.add(rule),
    removeFault: (id) => ctx.faults.remove(id),
    clearFaults: () => ctx.faults.clear(),
    faults: () => ctx.faults.list(),
    addToken: (token, accountId) => ctx.auth.addToken(token, accountId),
    expireToken: (token) => ctx.auth.expireToken(token),
    expectViolation: (count = 1) => ctx.violations.expectNext(count),
    violations: () => ctx.violations.list(),
    setSearchLag: (ms) => {
      store.searchLagMs = ms;
    },
    setRateLimit: (options) => ctx.rateLimiter.configure(options),
    rateLimitStats: () => ctx.rateLimiter.stats(),
    setEvents: (options) => {
      ctx.events.options = { ...ctx.events.options, ...options };
    },
    onEvent: (listener) => ctx.events.on(listener),
    eventDeliveries: () => [...ctx.events.deliveries],
    eventsSettled: () => ctx.events.settled(),
  };
}
