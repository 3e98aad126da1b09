/**
 * "History" under a linked record: what the connector did on this link and why, newest first,
 * with Load more; a failed sync reads in words and offers Retry now; Jira admins also get a link to
 * the run in the Temporal Web UI (the server sends it only to them).
 */
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import Spinner from '@atlaskit/spinner';
import { useCallback, useEffect, useState } from 'react';
import type { HISTORY_ROUTES, HistoryEntry, HistoryPage, HistoryRetry } from '../../server/contract/history';
import { formatTime } from '../shared/format';
import { externalClick } from '../shared/navigation';
import { ApiError, callApi, routeMethod, routePath } from '../shared/transport';

// The route table as server/contract/history.ts has it (checked by the type), without bundling zod.
const ROUTES: typeof HISTORY_ROUTES = {
  list: 'GET /api/panel/links/:linkId/history',
  retry: 'POST /api/panel/links/:linkId/history/:entryId/retry',
};
const FIRST_PAGE = 5;
const MORE = 10;

const historyApi = {
  page: (linkId: string, limit: number, cursor?: string) =>
    callApi<HistoryPage>(
      'panel',
      routeMethod(ROUTES.list),
      routePath(ROUTES.list, { linkId }, { limit: String(limit), ...(cursor ? { cursor } : {}) }),
    ),
  retry: (linkId: string, entryId: string) =>
    callApi<HistoryRetry>('panel', routeMethod(ROUTES.retry), routePath(ROUTES.retry, { linkId, entryId })),
};

const DIRECTION: Record<NonNullable<HistoryEntry['direction']>, string> = {
  zoho_to_jira: 'Zoho → Jira',
  jira_to_zoho: 'Jira → Zoho',
};
const KIND: Record<HistoryEntry['kind'], string> = {
  field_update: 'Updated',
  status_transition: 'Status',
  comment: 'Comment copied',
  attachment: 'Attachment copied',
  link: 'Linked',
  unlink: 'Unlinked',
  create: 'Created',
  failure: 'Failed',
  skipped: 'Skipped',
};

function Row({ entry, onRetry }: { entry: HistoryEntry; onRetry: (e: HistoryEntry) => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const failed = entry.kind === 'failure';
  return (
    <li className="zjc-history-row" data-testid="history-entry" data-kind={entry.kind}>
      <div>
        <Lozenge appearance={failed ? 'removed' : entry.kind === 'skipped' ? 'default' : 'success'}>
          {KIND[entry.kind]}
        </Lozenge>{' '}
        {entry.field && <strong>{entry.field}</strong>}
        {entry.direction && <span className="zjc-muted"> · {DIRECTION[entry.direction]}</span>}
        <span className="zjc-muted"> · {formatTime(entry.at)}</span>
      </div>
      {(entry.from !== null || entry.to !== null) && (
        <div data-testid="history-values">
          {entry.from !== null && <span className="zjc-history-old">{entry.from}</span>}
          {entry.from !== null && entry.to !== null && ' → '}
          {entry.to !== null && <span>{entry.to}</span>}
        </div>
      )}
      {failed ? (
        <p role="alert" className="zjc-error" data-testid="history-reason">
          {entry.detail ?? entry.whyText}
        </p>
      ) : (
        (entry.whyText || entry.detail) && (
          <div className="zjc-muted" data-testid="history-why">
            Why: {entry.whyText}
            {entry.detail && entry.detail !== entry.whyText ? ` (${entry.detail})` : ''}
          </div>
        )
      )}
      <div className="zjc-history-actions">
        {failed && entry.retryable && (
          <Button
            spacing="compact"
            isLoading={busy}
            onClick={async () => {
              setBusy(true);
              await onRetry(entry).finally(() => setBusy(false));
            }}
          >
            Retry now
          </Button>
        )}
        {entry.temporalUrl && (
          <a
            href={entry.temporalUrl}
            target="_blank"
            rel="noreferrer"
            onClick={(e) => externalClick(e, entry.temporalUrl!)}
          >
            Open in Temporal
          </a>
        )}
      </div>
    </li>
  );
}

export function LinkHistory({ linkId, version }: { linkId: string; version: number }) {
  const [entries, setEntries] = useState<HistoryEntry[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(
    async (cursor?: string) => {
      setLoading(true);
      setError(null);
      try {
        const page = await historyApi.page(linkId, cursor ? MORE : FIRST_PAGE, cursor);
        setEntries((old) => (cursor ? [...old, ...page.entries] : page.entries));
        setNext(page.nextCursor);
      } catch (e) {
        setError(e instanceof ApiError ? e.message : String(e));
      } finally {
        setLoading(false);
      }
    },
    [linkId],
  );
  useEffect(() => {
    void load();
  }, [load, version]);

  const retry = async (entry: HistoryEntry) => {
    setNotice(null);
    try {
      await historyApi.retry(linkId, entry.id);
      setNotice('Retry started: the record is synced again now.');
      // The refresh runs in the background; show its outcome once it has had a moment.
      setTimeout(() => void load(), 1_500);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };

  return (
    <section aria-labelledby={`history-h-${linkId}`} className="zjc-history" data-testid="link-history">
      <h4 id={`history-h-${linkId}`} className="zjc-subheading">
        History
      </h4>
      {notice && (
        <p role="status" className="zjc-muted">
          {notice}
        </p>
      )}
      {error && (
        <p role="alert" className="zjc-error">
          History could not be loaded: {error}
        </p>
      )}
      {!loading && !error && entries.length === 0 && <p className="zjc-muted">Nothing synced on this link yet.</p>}
      {entries.length > 0 && (
        <ul className="zjc-results">
          {entries.map((e) => (
            <Row key={e.id} entry={e} onRetry={retry} />
          ))}
        </ul>
      )}
      {loading && <Spinner size="small" label="Loading history" />}
      {!loading && next && (
        <Button spacing="compact" appearance="subtle" onClick={() => void load(next)}>
          Load more
        </Button>
      )}
    </section>
  );
}
