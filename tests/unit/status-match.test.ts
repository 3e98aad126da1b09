import {
  chooseJiraTransition,
  chooseZohoStatus,
  jiraTargetForZohoStatus,
  type JiraStatus,
  type JiraStatusTarget,
  type JiraTransition,
} from '../../workflows/core';
import { jiraStatus as J, transition, zohoStatus as Z } from './fixtures';

describe('status matching Zoho → Jira: closest safe alternative, only through offered transitions', () => {
  const offered = [transition(J.inProgress), transition(J.done)];
  it.each<[string, JiraStatusTarget, JiraStatus, JiraTransition[], object]>([
    [
      'exact name (case-insensitive) wins',
      { name: 'in progress', category: 'indeterminate' },
      J.todo,
      offered,
      { kind: 'transition', transitionId: 't3', match: 'name' },
    ],
    [
      'a configured status id is matched exactly',
      { statusId: '5' },
      J.todo,
      offered,
      { kind: 'transition', transitionId: 't5', match: 'id' },
    ],
    [
      'same category when no status has the name',
      { name: 'To be Tested', category: 'indeterminate' },
      J.todo,
      offered,
      { kind: 'transition', transitionId: 't3', match: 'category' },
    ],
    ['already in the target status by name', { name: 'to do', category: 'new' }, J.todo, offered, { kind: 'already' }],
    ['already in the target status by id', { statusId: '1' }, J.todo, offered, { kind: 'already' }],
    [
      'already in a status of the same category',
      { name: 'To be Tested', category: 'indeterminate' },
      J.review,
      offered,
      { kind: 'already' },
    ],
    [
      'prefers a transition without a screen',
      { statusId: '5' },
      J.todo,
      [transition(J.done, { id: 'tA', hasScreen: true }), transition(J.done, { id: 'tB' })],
      { kind: 'transition', transitionId: 'tB' },
    ],
  ])('%s', (_name, target, current, transitions, expected) => {
    expect(chooseJiraTransition(target, current, transitions)).toMatchObject(expected);
  });

  it.each<[string, JiraStatusTarget, JiraTransition[]]>([
    ['never a transition that is not offered', { statusId: '5' }, [transition(J.inProgress)]],
    ['never an unavailable transition', { statusId: '5' }, [transition(J.done, { isAvailable: false })]],
    ['no status of the name or category offered', { name: 'Closed', category: 'done' }, [transition(J.inProgress)]],
    ['no transitions at all', { name: 'Done', category: 'done' }, []],
  ])('reports no safe transition: %s', (_name, target, transitions) => {
    const choice = chooseJiraTransition(target, J.todo, transitions);
    expect(choice.kind).toBe('no_safe_transition');
    expect(choice.kind === 'no_safe_transition' && choice.reason).toMatch(/Jira offers no transition from "To Do"/);
  });

  it("a Zoho status becomes a name target with its type's category as fallback", () => {
    expect(jiraTargetForZohoStatus(Z.closed)).toEqual({ name: 'Closed', category: 'done' });
  });
});

describe("status matching Jira → Zoho: among the module's Zoho statuses", () => {
  const statuses = [Z.open, Z.inProgress, Z.testing, Z.closed];
  it.each([
    ['exact name', J.inProgress, Z.open, { kind: 'set', status: Z.inProgress, match: 'name' }],
    ['same type when no name matches', J.done, Z.open, { kind: 'set', status: Z.closed, match: 'type' }],
    ['already there by name', { ...J.inProgress, name: 'IN PROGRESS' }, Z.inProgress, { kind: 'already' }],
    ['already in a status of the same type', J.review, Z.testing, { kind: 'already' }],
  ] as const)('%s', (_name, jira, current, expected) => {
    expect(chooseZohoStatus(jira, statuses, current)).toEqual(expected);
  });
  it('reports when no Zoho status fits', () => {
    expect(chooseZohoStatus(J.done, [Z.open], Z.open)).toMatchObject({ kind: 'no_safe_status' });
  });
});
