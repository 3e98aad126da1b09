/** The Jira admin page: Zoho Projects connection, then the Smart Connected Items grid and guided flow. */
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Box, Inline, Stack } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConnectionSummary, Item } from '../../server/contract/admin';
import { ApiError } from '../shared/transport';
import { useLoad } from '../shared/use-load';
import { adminApi } from './api';
import { BackfillDialog } from './backfill-dialog';
import { ConfirmDialog } from './confirm-dialog';
import { ConnectionForm } from './connection-form';
import { ConnectionSummaryView } from './connection-summary';
import { HealthPanel } from './health-panel';
import { healthApi } from './health-api';
import { ItemsGrid } from './items-grid';
import { PreviewDialog } from './preview-dialog';
import { UserMappingSection } from './user-mapping';
import { ItemWizard } from './wizard/item-wizard';
import { ZohoWebhookDialog } from './zoho-webhook-dialog';

const POLL_MS = 1500;
const POLL_DEADLINE_MS = 90_000;

export function AdminApp() {
  const connection = useLoad(adminApi.connection, []);
  const status = useLoad(adminApi.status, []);
  const [summary, setSummary] = useState<ConnectionSummary | undefined>(undefined);
  const [items, setItems] = useState<Item[]>([]);
  const [itemsLoading, setItemsLoading] = useState(true);
  const [editing, setEditing] = useState<Item | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Item | null>(null);
  const [previewing, setPreviewing] = useState<Item | null>(null);
  const [backfilling, setBackfilling] = useState<Item | null>(null);
  const [webhookOf, setWebhookOf] = useState<Item | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const awaiting = useRef<{ itemId: string; workflowId: string; deadline: number } | null>(null);

  useEffect(() => {
    if (connection.data) setSummary(connection.data);
  }, [connection.data]);

  const loadItems = useCallback(async () => {
    try {
      setItems(await adminApi.listItems());
    } catch (e) {
      setNotice({ kind: 'error', text: `Smart Connected Items could not be loaded: ${(e as Error).message}` });
    } finally {
      setItemsLoading(false);
    }
  }, []);
  useEffect(() => {
    void loadItems();
  }, [loadItems]);

  // After "Sync now", refresh the grid until that run has a finished summary (bounded by a deadline).
  useEffect(() => {
    const wait = awaiting.current;
    if (!wait) return undefined;
    const latest = items.find((i) => i.id === wait.itemId)?.latestSync;
    const finished = latest && latest.workflowId === wait.workflowId && latest.status !== 'running';
    if (finished || Date.now() > wait.deadline) {
      awaiting.current = null;
      return undefined;
    }
    const t = setTimeout(() => {
      void loadItems();
    }, POLL_MS);
    return () => clearTimeout(t);
  }, [items, loadItems]);

  const act = async (item: Item, what: string, fn: () => Promise<unknown>) => {
    setBusyId(item.id);
    setNotice(null);
    try {
      await fn();
      await loadItems();
    } catch (e) {
      setNotice({
        kind: 'error',
        text: `${what} failed for “${item.name}”: ${e instanceof ApiError ? e.message : String(e)}`,
      });
    } finally {
      setBusyId(null);
    }
  };

  const connected = summary?.connected === true;
  if (connection.loading && !summary) {
    return (
      <Box padding="space.400">
        <Spinner label="Loading the Zoho Projects connection" />
      </Box>
    );
  }

  return (
    <Box as="main" padding="space.300" testId="admin-page">
      <Stack space="space.300">
        <Heading size="large">Zoho Projects Connector for Jira</Heading>
        {connection.error && (
          <div role="alert">
            <SectionMessage appearance="error" title="The connector server could not be reached">
              <p>{connection.error}</p>
            </SectionMessage>
          </div>
        )}
        {status.data?.jiraTokenMessage && (
          <SectionMessage appearance="warning" title="Background Jira work is waiting">
            <p>{status.data.jiraTokenMessage}</p>
          </SectionMessage>
        )}
        {summary &&
          (summary.connected ? (
            <ConnectionSummaryView
              summary={summary}
              onRevoked={() => {
                setSummary({ connected: false });
                void loadItems();
              }}
            />
          ) : (
            <ConnectionForm
              onConnected={(s) => {
                setSummary(s);
                setNotice({
                  kind: 'success',
                  text: 'Zoho Projects is connected. You can now create Smart Connected Items.',
                });
              }}
            />
          ))}
        {notice && (
          <div role={notice.kind === 'error' ? 'alert' : 'status'}>
            <SectionMessage appearance={notice.kind}>
              <p>{notice.text}</p>
            </SectionMessage>
          </div>
        )}
        {editing ? (
          <ItemWizard
            initial={editing === 'new' ? undefined : editing}
            onCancel={() => setEditing(null)}
            onSaved={(saved) => {
              setEditing(null);
              setNotice({ kind: 'success', text: `Saved “${saved.name}”.` });
              void loadItems();
            }}
          />
        ) : (
          <Box as="section" aria-labelledby="items-heading">
            <Stack space="space.150">
              <Inline spread="space-between" alignBlock="center">
                <Heading size="medium" id="items-heading">
                  Smart Connected Items
                </Heading>
                <Button
                  appearance="primary"
                  isDisabled={!connected}
                  onClick={() => {
                    setNotice(null);
                    setEditing('new');
                  }}
                >
                  Create Smart Connected Item
                </Button>
              </Inline>
              <ItemsGrid
                items={items}
                loading={itemsLoading}
                canCreate={connected}
                onCreate={() => {
                  setNotice(null);
                  setEditing('new');
                }}
                actions={{
                  busyId,
                  onEdit: (item) => {
                    setNotice(null);
                    setEditing(item);
                  },
                  onDelete: (item) => setDeleting(item),
                  onPreview: (item) => setPreviewing(item),
                  onBackfill: (item) => setBackfilling(item),
                  onZohoWebhook: (item) => setWebhookOf(item),
                  onToggle: (item) =>
                    act(item, item.enabled ? 'Disabling' : 'Enabling', () =>
                      item.enabled ? adminApi.disableItem(item.id) : adminApi.enableItem(item.id),
                    ),
                  onReconcile: (item) =>
                    act(item, 'Reconcile now', async () => {
                      await healthApi.reconcileNow(item.id);
                      setNotice({
                        kind: 'success',
                        text: `Drift check started for “${item.name}”. The grid shows drift found / fixed when it finishes.`,
                      });
                    }),
                  onSyncNow: (item) =>
                    act(item, 'Sync now', async () => {
                      const run = await adminApi.syncNow(item.id);
                      awaiting.current = {
                        itemId: item.id,
                        workflowId: run.workflowId,
                        deadline: Date.now() + POLL_DEADLINE_MS,
                      };
                      setNotice({
                        kind: 'success',
                        text: `Sync started for “${item.name}”. The summary updates when the run finishes.`,
                      });
                    }),
                }}
              />
            </Stack>
          </Box>
        )}
        {connected && !editing && <HealthPanel refreshKey={items.length} />}
        {connected && !editing && <UserMappingSection />}
      </Stack>
      {previewing && <PreviewDialog item={previewing} onClose={() => setPreviewing(null)} />}
      {webhookOf && (
        <ZohoWebhookDialog
          item={webhookOf}
          onClose={(changed) => {
            setWebhookOf(null);
            if (changed) void loadItems();
          }}
        />
      )}
      {backfilling && (
        <BackfillDialog
          item={backfilling}
          onClose={() => {
            setBackfilling(null);
            void loadItems();
          }}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={`Delete “${deleting.name}”?`}
          confirmLabel="Delete"
          appearance="danger"
          onCancel={() => setDeleting(null)}
          onConfirm={async () => {
            const item = deleting;
            setDeleting(null);
            await act(item, 'Deleting', () => adminApi.deleteItem(item.id));
          }}
        >
          Its schedule stops and the links it created are removed from the issue panel. Jira issues and Zoho Projects
          records stay as they are.
        </ConfirmDialog>
      )}
    </Box>
  );
}
