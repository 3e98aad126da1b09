/** The Smart Connected Items grid: one row per item with every column of the spec, and its actions. */
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import EmptyState from '@atlaskit/empty-state';
import Lozenge from '@atlaskit/lozenge';
import { Inline } from '@atlaskit/primitives';
import type { Item } from '../../server/contract/admin';
import { MODE_APPEARANCE, MODE_SHORT } from '../shared/format';
import { SyncSummary } from './sync-summary';
import { DriftSummary } from './health-drift';

export interface GridActions {
  onEdit: (item: Item) => void;
  onToggle: (item: Item) => void;
  onDelete: (item: Item) => void;
  onSyncNow: (item: Item) => void;
  onReconcile?: (item: Item) => void;
  onPreview?: (item: Item) => void;
  onBackfill?: (item: Item) => void;
  onZohoWebhook?: (item: Item) => void;
  busyId: string | null;
}

const MODULE_NAMES: Record<Item['zohoModule'], string> = {
  tasks: 'Tasks',
  issues: 'Issues',
  milestones: 'Milestones',
  timesheets: 'Timesheets',
};
const onOff = (b: boolean, label: string) => (
  <Lozenge appearance={b ? 'success' : 'default'}>{`${label} ${b ? 'on' : 'off'}`}</Lozenge>
);

function fieldsCell(item: Item): string {
  if (item.mappings.length) {
    const arrow = (o: string) => (o === 'zoho' ? '←' : o === 'jira' ? '→' : '⇄');
    return item.mappings
      .map((m) => `${m.jiraFieldName ?? m.jiraFieldId} ${arrow(m.owner)} ${m.zohoFieldName ?? m.zohoFieldId}`)
      .join(', ');
  }
  return item.displayFields.length ? `Shows ${item.displayFields.join(', ')}` : '—';
}

const HEAD = [
  'Name',
  'Sync mode',
  'Jira scope',
  'Issue type',
  'Zoho source',
  'Fields or mappings',
  'Associations',
  'Auto-create',
  'Comments sync',
  'Attachment sync',
  'Status sync',
  'Latest sync',
  'Actions',
].map((content) => ({ key: content, content }));

export function ItemsGrid({
  items,
  loading,
  canCreate,
  onCreate,
  actions,
}: {
  items: Item[];
  loading: boolean;
  canCreate: boolean;
  onCreate: () => void;
  actions: GridActions;
}) {
  const rows = items.map((item) => {
    const sync = item.mode !== 'display_only';
    const cells = [
      <span key="n">
        <strong>{item.name}</strong>
        {!item.enabled && (
          <>
            {' '}
            <Lozenge appearance="removed">Disabled</Lozenge>
          </>
        )}
        {item.linksNeedingAttention > 0 && (
          <>
            {' '}
            <span data-testid="links-needing-attention">
              <Lozenge appearance="moved">{item.linksNeedingAttention} need attention</Lozenge>
            </span>
          </>
        )}
      </span>,
      <Lozenge key="m" appearance={MODE_APPEARANCE[item.mode]}>
        {MODE_SHORT[item.mode]}
      </Lozenge>,
      item.jiraProjectKeys.join(', ') || item.jiraProjectIds.join(', '),
      item.jiraIssueTypeName ?? (sync ? '—' : 'All'),
      `${item.zohoPortalName ?? item.zohoPortalId} / ${item.zohoProjectName ?? item.zohoProjectId} / ${MODULE_NAMES[item.zohoModule]}`,
      fieldsCell(item),
      onOff(item.showAssociations, 'Associations'),
      onOff(item.autoCreate, 'Auto-create'),
      onOff(item.syncComments, 'Comments'),
      onOff(item.syncAttachments, 'Attachments'),
      onOff(item.syncStatus || !!item.rule?.enabled, item.rule?.enabled ? 'Rule' : 'Status'),
      <div key="s">
        <SyncSummary sync={item.latestSync} enabled={item.enabled} synchronized={sync} />
        <DriftSummary item={item} />
      </div>,
      <Inline key="a" space="space.050" shouldWrap>
        {sync && (
          <Button
            spacing="compact"
            isDisabled={!item.enabled}
            isLoading={actions.busyId === item.id}
            onClick={() => actions.onSyncNow(item)}
          >
            Sync now<span className="zjc-sr-only"> {item.name}</span>
          </Button>
        )}
        {sync && actions.onReconcile && (
          <Button spacing="compact" isDisabled={!item.enabled} onClick={() => actions.onReconcile?.(item)}>
            Reconcile now<span className="zjc-sr-only"> {item.name}</span>
          </Button>
        )}
        {sync && actions.onPreview && (
          <Button spacing="compact" onClick={() => actions.onPreview?.(item)}>
            Preview next sync<span className="zjc-sr-only"> {item.name}</span>
          </Button>
        )}
        {sync && actions.onZohoWebhook && (item.zohoModule === 'issues' || item.zohoModule === 'tasks') && (
          <Button spacing="compact" onClick={() => actions.onZohoWebhook?.(item)}>
            {item.zohoWebhook ? 'Zoho webhook: on' : 'Zoho webhook'}
            <span className="zjc-sr-only"> {item.name}</span>
          </Button>
        )}
        {actions.onBackfill && (
          <Button spacing="compact" isDisabled={!item.enabled} onClick={() => actions.onBackfill?.(item)}>
            Backfill<span className="zjc-sr-only"> {item.name}</span>
          </Button>
        )}
        <Button spacing="compact" onClick={() => actions.onEdit(item)}>
          Edit<span className="zjc-sr-only"> {item.name}</span>
        </Button>
        <Button spacing="compact" onClick={() => actions.onToggle(item)}>
          {item.enabled ? 'Disable' : 'Enable'}
          <span className="zjc-sr-only"> {item.name}</span>
        </Button>
        <Button spacing="compact" appearance="subtle" onClick={() => actions.onDelete(item)}>
          Delete<span className="zjc-sr-only"> {item.name}</span>
        </Button>
      </Inline>,
    ];
    return {
      key: item.id,
      testId: `sci-row-${item.id}`,
      cells: cells.map((content, i) => ({ key: `${item.id}-${i}`, content })),
    };
  });

  return (
    <div className="zjc-grid" data-testid="sci-grid">
      <DynamicTable
        label="Smart Connected Items"
        head={{ cells: HEAD }}
        rows={rows}
        isLoading={loading}
        loadingLabel="Loading Smart Connected Items"
        emptyView={
          <EmptyState
            header="No Smart Connected Items yet"
            description={
              canCreate
                ? 'Create a Smart Connected Item to bind a Zoho Projects portal, project and module to Jira. Start with display-only if Jira users only need to link and view records.'
                : 'Connect Zoho Projects above first; then you can create Smart Connected Items.'
            }
            primaryAction={
              canCreate ? (
                <Button appearance="primary" onClick={onCreate}>
                  Create Smart Connected Item
                </Button>
              ) : undefined
            }
          />
        }
      />
    </div>
  );
}
