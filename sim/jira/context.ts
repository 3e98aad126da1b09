/** Everything one simulator instance is made of, shared by its routes, hooks and control API. */
import type { FastifyRequest } from 'fastify';
import type { CallLog } from '../shared/control-call-log';
import type { FaultInjector } from '../shared/fault-injector';
import type { JiraAuth } from './auth';
import type { JiraEvents } from './events';
import type { PropertyIndex } from './property-index';
import type { JiraRateLimiter } from './rate-limit';
import type { JiraRenderer } from './render';
import type { JiraStore } from './store';
import type { JiraSpecValidator } from './validator';
import type { ViolationRecorder } from './violations';

export interface JiraSimContext {
  store: JiraStore;
  render: JiraRenderer;
  auth: JiraAuth;
  rateLimiter: JiraRateLimiter;
  faults: FaultInjector;
  calls: CallLog;
  violations: ViolationRecorder;
  validator: JiraSpecValidator;
  events: JiraEvents;
  cloudId: string;
  maxAttachmentBytes: number;
  /** Issue properties JQL can search (the installed apps' jira:entityProperty modules). */
  propertyIndex: PropertyIndex;
  /** Set once the server listens (self links use it). */
  baseUrl: string;
}

const ACTOR = Symbol('jiraSim.actor');
type WithActor = FastifyRequest & { [ACTOR]?: string };

export function setActor(request: FastifyRequest, accountId: string): void {
  (request as WithActor)[ACTOR] = accountId;
}

/** The account the request authenticated as (set by the auth hook). */
export function actorOf(request: FastifyRequest): string {
  const actor = (request as WithActor)[ACTOR];
  if (!actor) throw new Error('request has no authenticated actor');
  return actor;
}
