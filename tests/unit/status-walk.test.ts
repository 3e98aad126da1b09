import {
  MAX_WALK_STEPS,
  emptyKnowledge,
  nextWalkStep,
  type JiraStatus,
  type JiraStatusTarget,
  type JiraTransition,
  type WorkflowKnowledge,
} from '../../workflows/core';

const S = {
  todo: { id: '1', name: 'To Do', category: 'new' },
  progress: { id: '3', name: 'In Progress', category: 'indeterminate' },
  review: { id: '4', name: 'In Review', category: 'indeterminate' },
  done: { id: '5', name: 'Done', category: 'done' },
  reopened: { id: '6', name: 'Reopened', category: 'new' },
  onHold: { id: '7', name: 'On Hold', category: 'new' },
} satisfies Record<string, JiraStatus>;

interface Edge {
  id: string;
  name: string;
  from: JiraStatus;
  to: JiraStatus;
  required?: string;
}
/** A company-managed style workflow: To Do → In Progress → In Review → Done, no shortcut. */
const ENG: Edge[] = [
  { id: '11', name: 'Start Progress', from: S.todo, to: S.progress },
  { id: '12', name: 'Start Progress', from: S.reopened, to: S.progress },
  { id: '61', name: 'Stop Progress', from: S.progress, to: S.todo },
  { id: '21', name: 'Submit for Review', from: S.progress, to: S.review },
  { id: '31', name: 'Request Changes', from: S.review, to: S.progress },
  { id: '41', name: 'Done', from: S.review, to: S.done },
  { id: '51', name: 'Reopen', from: S.done, to: S.reopened },
];
const withResolve = [...ENG, { id: '71', name: 'Resolve', from: S.progress, to: S.done }];
const doneNeedsEstimate = ENG.map((e) => (e.id === '41' ? { ...e, required: 'Estimate Hours' } : e));
const noWayToDone = ENG.filter((e) => e.to !== S.done);
const withOnHold = [
  { id: '81', name: 'Hold', from: S.todo, to: S.onHold },
  ...ENG,
  { id: '82', name: 'Resume', from: S.onHold, to: S.todo },
];
const ALL = Object.values(S);

/** What GET transitions answers from a status (only transitions from the current status). */
const offeredFrom = (wf: Edge[], s: JiraStatus): JiraTransition[] =>
  wf
    .filter((e) => e.from.id === s.id)
    .map((e) => ({ id: e.id, name: e.name, to: e.to, ...(e.required ? { requiredFields: [e.required] } : {}) }));

/** The activity's loop, with Jira played by `wf`: re-read offered transitions after every step. */
function walk(wf: Edge[], start: JiraStatus, target: JiraStatusTarget, k: WorkflowKnowledge = emptyKnowledge()) {
  let at = start;
  const path: string[] = [];
  for (let i = 0; i <= MAX_WALK_STEPS; i++) {
    k.offered[at.id] = offeredFrom(wf, at);
    const step = nextWalkStep(target, at, k, ALL);
    if (step.kind === 'arrived') return { path, at: at.name, end: step.match };
    if (step.kind === 'stuck') return { path, at: at.name, end: 'stuck', reason: step.reason };
    const edge = wf.find((e) => e.id === step.transition.id)!;
    if (edge.required) {
      k.refused[edge.id] = `${edge.required} is required.`;
      continue;
    }
    path.push(edge.to.name);
    at = edge.to;
  }
  return { path, at: at.name, end: 'bounded' };
}

const closed: JiraStatusTarget = { name: 'Closed', category: 'done' };
const inReview: JiraStatusTarget = { name: 'In Review', category: 'indeterminate' };

describe('status walk: shortest path through the transitions Jira offers, learnt one status at a time', () => {
  it.each<[string, Edge[], JiraStatus, JiraStatusTarget, object]>([
    [
      'Zoho Closed from To Do: three steps where there is no direct move',
      ENG,
      S.todo,
      closed,
      { path: ['In Progress', 'In Review', 'Done'], end: 'category' },
    ],
    [
      'Zoho In Review from To Do: on through In Progress, not stopping at the same category',
      ENG,
      S.todo,
      inReview,
      { path: ['In Progress', 'In Review'], end: 'exact' },
    ],
    [
      'a shortcut Jira offers is taken (In Progress → Done by Resolve)',
      withResolve,
      S.progress,
      closed,
      { path: ['Done'], end: 'category' },
    ],
    ['already there by name: nothing to do', ENG, S.review, inReview, { path: [], end: 'exact' }],
    ['already in the category when no status has the name', ENG, S.done, closed, { path: [], end: 'category' }],
    [
      'a rule target by status id',
      ENG,
      S.todo,
      { statusId: S.review.id },
      { path: ['In Progress', 'In Review'], end: 'exact' },
    ],
    [
      'back from Done through Reopen',
      ENG,
      S.done,
      { name: 'In Progress', category: 'indeterminate' },
      { path: ['Reopened', 'In Progress'], end: 'exact' },
    ],
    [
      'explores toward the target category first (an On Hold side branch is left alone)',
      withOnHold,
      S.todo,
      closed,
      { path: ['In Progress', 'In Review', 'Done'], end: 'category' },
    ],
    [
      'a name missing from the workflow falls back to its category',
      ENG,
      S.todo,
      { name: 'To be tested', category: 'indeterminate' },
      { path: ['In Progress'], end: 'category' },
    ],
  ])('%s', (_name, wf, start, target, expected) => {
    expect(walk(wf, start, target)).toMatchObject(expected);
  });

  it('a transition whose screen requires a field is refused: stuck as far as Jira lets us, reason names the field', () => {
    const r = walk(doneNeedsEstimate, S.todo, closed);
    expect(r).toMatchObject({ path: ['In Progress', 'In Review'], at: 'In Review', end: 'stuck' });
    expect(r.reason).toMatch(/Jira refused the transition toward "Closed" \(or another done status\) from "In Review"/);
    expect(r.reason).toMatch(/"Done" \(In Review → Done\): Estimate Hours is required/);
  });

  it('no transition leads into the target: stuck with the statuses that are reachable', () => {
    const r = walk(noWayToDone, S.todo, closed);
    expect(r.end).toBe('stuck');
    expect(r.reason).toMatch(/^No transition from "In Review" leads to "Closed" \(or another done status\)/);
    expect(r.reason).toMatch(/Jira's workflow needs a transition into "Closed"/);
  });

  it('a later attempt with what the first one learnt stays put instead of wandering back', () => {
    const k = emptyKnowledge();
    walk(doneNeedsEstimate, S.todo, closed, k);
    const again = walk(doneNeedsEstimate, S.review, closed, { offered: k.offered, refused: {} });
    expect(again).toMatchObject({ path: [], at: 'In Review', end: 'stuck' });
    // …and once the admin drops the requirement, the same knowledge walks straight on.
    expect(walk(ENG, S.review, closed, { offered: k.offered, refused: {} })).toMatchObject({ path: ['Done'] });
  });

  it('transitions marked unavailable, looping or refused are never chosen', () => {
    const k = emptyKnowledge();
    k.offered[S.todo.id] = [
      { id: 'x', name: 'Loop', to: S.todo },
      { id: 'y', name: 'Hidden', to: S.done, isAvailable: false },
    ];
    expect(nextWalkStep(closed, S.todo, k, ALL)).toMatchObject({ kind: 'stuck' });
  });

  it('a screen without required fields is preferred over one that requires fields', () => {
    const k = emptyKnowledge();
    k.offered[S.review.id] = [
      { id: 'a', name: 'Done (estimate)', to: S.done, requiredFields: ['Estimate Hours'] },
      { id: 'b', name: 'Done', to: S.done, hasScreen: true },
    ];
    expect(nextWalkStep(closed, S.review, k, ALL)).toMatchObject({ kind: 'step', transition: { id: 'b' } });
  });
});
