/**
 * The admin page's guided flow, without a browser: the body it sends for each mode passes the
 * core's Smart Connected Item validation, options the mode/module cannot do are never sent, and
 * server field errors ("mappings.2.owner") are routed to the step that shows that field.
 */
import {
  allowedOptions,
  emptyDraft,
  localErrors,
  newMapping,
  stepOfPath,
  stepsFor,
  toInput,
  type ItemDraft,
} from '../../web/admin/wizard/draft';
import type { ZohoModuleInfo } from '../../web/admin/api';
import { routeMethod, routePath } from '../../web/shared/transport';
import { validateSmartConnectedItem } from '../../workflows/core/sci-validation';
import { ADMIN_ROUTES } from '../../server/contract/admin';

const TASKS: ZohoModuleInfo = {
  id: 'tasks',
  name: 'Tasks',
  synchronizable: true,
  autoCreate: true,
  statusSync: true,
  commentSync: true,
  attachmentSync: true,
};
const MILESTONES: ZohoModuleInfo = {
  id: 'milestones',
  name: 'Milestones',
  synchronizable: false,
  autoCreate: false,
  statusSync: false,
  commentSync: false,
  attachmentSync: false,
};

function draft(patch: Partial<ItemDraft>): ItemDraft {
  return {
    ...emptyDraft(),
    name: 'Website tasks',
    zohoPortal: { id: '60012345678', name: 'acme' },
    zohoProject: { id: '2447529000000057070', name: 'Website Relaunch' },
    zohoModule: 'tasks',
    jiraProjects: [
      { id: '10000', key: 'OPS', name: 'Operations' },
      { id: '10001', key: 'ENG', name: 'Engineering' },
    ],
    jiraIssueType: { id: '10001', name: 'Task' },
    displayFields: ['priority'],
    autoCreate: true,
    syncStatus: true,
    syncComments: true,
    syncAttachments: true,
    showAssociations: true,
    ...patch,
  };
}

const mapping = (jira: string, zoho: string, owner: 'zoho' | 'jira' | 'both' = 'zoho') => ({
  ...newMapping(),
  jiraFieldId: jira,
  zohoFieldId: zoho,
  owner,
});

describe('guided flow → API body', () => {
  it('display-only sends no issue type, no mappings, no sync options and no rule, and passes validation', () => {
    const body = toInput(
      draft({
        mode: 'display_only',
        mappings: [mapping('summary', 'name')],
        rule: {
          ...emptyDraft().rule,
          enabled: true,
          zohoFieldId: 'billing_type',
          value: 'billable',
          metJiraStatusId: '3',
        },
      }),
      TASKS,
    );
    expect(body).toMatchObject({
      mode: 'display_only',
      jiraProjectIds: ['10000', '10001'],
      mappings: [],
      autoCreate: false,
      syncStatus: false,
      syncComments: false,
      syncAttachments: false,
      showAssociations: true,
      rule: null,
    });
    expect(body.jiraIssueTypeId).toBeUndefined();
    expect(validateSmartConnectedItem(body)).toMatchObject({ ok: true });
  });

  it('one-way and two-way target exactly one Jira project and send no per-mapping owner', () => {
    for (const mode of ['one_way', 'two_way'] as const) {
      const body = toInput(draft({ mode, mappings: [mapping('summary', 'name', 'jira')] }), TASKS);
      expect(body.jiraProjectIds).toEqual(['10000']);
      expect(body.mappings[0]).not.toHaveProperty('owner');
      expect(validateSmartConnectedItem(body)).toMatchObject({ ok: true });
    }
  });

  it('custom mode keeps the owner chosen on each mapping row', () => {
    const body = toInput(
      draft({
        mode: 'custom',
        mappings: [mapping('summary', 'name', 'zoho'), mapping('description', 'description', 'jira')],
      }),
      TASKS,
    );
    expect(body.mappings.map((m) => m.owner)).toEqual(['zoho', 'jira']);
    expect(validateSmartConnectedItem(body)).toMatchObject({ ok: true });
  });

  it('a module without synchronized features never sends the options it cannot do', () => {
    expect(allowedOptions('one_way', MILESTONES)).toEqual({
      autoCreate: false,
      syncStatus: false,
      syncComments: false,
      syncAttachments: false,
      showAssociations: true,
      rule: false,
    });
    const body = toInput(draft({ mode: 'display_only', zohoModule: 'milestones' }), MILESTONES);
    expect(body).toMatchObject({ autoCreate: false, syncStatus: false, syncComments: false, syncAttachments: false });
  });

  it('Conditional Sync Rule: value omitted for empty checks; "create when not met" only with auto-create', () => {
    const rule = {
      ...emptyDraft().rule,
      enabled: true,
      zohoFieldId: 'billing_type',
      operator: 'is_empty' as const,
      value: 'ignored',
      metJiraStatusId: '10002',
      notMetJiraStatusId: '10000',
      createIssueWhenNotMet: true,
    };
    const withAuto = toInput(draft({ mode: 'one_way', rule }), TASKS);
    expect(withAuto.rule).toMatchObject({ operator: 'is_empty', value: undefined, createIssueWhenNotMet: true });
    expect(validateSmartConnectedItem(withAuto)).toMatchObject({ ok: true });
    const withoutAuto = toInput(draft({ mode: 'one_way', autoCreate: false, rule }), TASKS);
    expect(withoutAuto.rule?.createIssueWhenNotMet).toBe(false);
  });

  it('the rule step is only offered to synchronized modes', () => {
    expect(stepsFor('display_only')).not.toContain('rule');
    expect(stepsFor('custom')).toContain('rule');
  });
});

describe('field errors find their step', () => {
  it.each([
    ['name', 'mode'],
    ['zohoModule', 'source'],
    ['jiraIssueTypeId', 'jira'],
    ['jiraProjectIds', 'jira'],
    ['mappings.2.owner', 'fields'],
    ['displayFields', 'fields'],
    ['syncAttachments', 'options'],
    ['rule.value', 'rule'],
    ['something_else', 'review'],
  ])('%s → %s', (path, step) => {
    expect(stepOfPath(path)).toBe(step);
  });

  it('local checks stop an incomplete step with the API path of each missing field', () => {
    const d = draft({
      mode: 'custom',
      mappings: [{ ...newMapping(), jiraFieldId: 'summary' }],
      rule: { ...emptyDraft().rule, enabled: true, operator: 'equals' },
    });
    expect(localErrors('fields', d).map((e) => e.field)).toEqual(['mappings.0.zohoFieldId']);
    expect(localErrors('rule', d).map((e) => e.field)).toEqual([
      'rule.zohoFieldId',
      'rule.value',
      'rule.metJiraStatusId',
    ]);
    expect(localErrors('jira', draft({ mode: 'one_way', jiraIssueType: null })).map((e) => e.field)).toEqual([
      'jiraIssueTypeId',
    ]);
  });
});

describe('transport route helpers', () => {
  it('fills contract route paths from the route table, encoding parameters', () => {
    expect(routeMethod(ADMIN_ROUTES.syncNow)).toBe('POST');
    expect(routePath(ADMIN_ROUTES.zohoFields, { portalId: '1', projectId: '2', module: 'tasks' })).toBe(
      '/api/admin/zoho/portals/1/projects/2/modules/tasks/fields',
    );
    expect(routePath('GET /api/panel/items/:sciId/search', { sciId: 'a b' }, { q: 'de sign' })).toBe(
      '/api/panel/items/a%20b/search?q=de+sign',
    );
    expect(() => routePath(ADMIN_ROUTES.getItem)).toThrow(/Missing route parameter id/);
  });
});
