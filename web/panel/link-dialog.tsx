/**
 * The Link dialog: search the item's Zoho portal/project/module (2 characters minimum), choose a record.
 * It opens inline in the card (a non-modal dialog): a modal would be clipped by the panel's small iframe.
 */
import Button from '@atlaskit/button/new';
import { HelperMessage, Label } from '@atlaskit/form';
import Spinner from '@atlaskit/spinner';
import Textfield from '@atlaskit/textfield';
import { useEffect, useState, type KeyboardEvent } from 'react';
import {
  MIN_SEARCH_LENGTH,
  type LinkPreviewResult,
  type PanelItem,
  type RecordSummary,
} from '../../server/contract/panel';
import { ApiError } from '../shared/transport';
import { panelApi } from './api';
import LinkConfirm from './link-confirm';

const DEBOUNCE_MS = 300;

export default function LinkDialog({
  item,
  onLinked,
  onClose,
}: {
  item: PanelItem;
  onLinked: () => void;
  onClose: () => void;
}) {
  const [q, setQ] = useState('');
  const [records, setRecords] = useState<RecordSummary[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [linking, setLinking] = useState<string | null>(null);
  const [preview, setPreview] = useState<LinkPreviewResult | null>(null);
  const tooShort = q.trim().length < MIN_SEARCH_LENGTH;

  useEffect(() => {
    setError(null);
    if (tooShort) {
      setRecords(null);
      setSearching(false);
      return undefined;
    }
    let live = true;
    setSearching(true);
    const t = setTimeout(() => {
      panelApi.search(item.sci.id, q.trim()).then(
        (r) => {
          if (live) {
            setRecords(r.records);
            setSearching(false);
          }
        },
        (e: unknown) => {
          if (live) {
            setError(e instanceof Error ? e.message : String(e));
            setSearching(false);
          }
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [q, tooShort, item.sci.id]);

  // Choosing a record first shows what the link will change; only "Link" writes.
  async function choose(record: RecordSummary) {
    setLinking(record.id);
    setError(null);
    try {
      setPreview(await panelApi.linkPreview(item.sci.id, record.id));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
    setLinking(null);
  }

  async function confirm(recordId: string) {
    setLinking(recordId);
    setError(null);
    try {
      await panelApi.link(item.sci.id, recordId);
      onLinked();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
      setLinking(null);
    }
  }

  const status = tooShort
    ? `Type at least ${MIN_SEARCH_LENGTH} characters to search Zoho Projects.`
    : searching
      ? 'Searching…'
      : records
        ? records.length
          ? `${records.length} record(s) found.`
          : 'No matching Zoho Projects records. Try another name or title.'
        : '';

  const titleId = `link-title-${item.sci.id}`;
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') onClose();
  };
  return (
    <div
      role="dialog"
      aria-labelledby={titleId}
      className="zjc-inline-dialog"
      data-testid="link-dialog"
      onKeyDown={onKey}
    >
      <h4 id={titleId} className="zjc-subheading">
        Link a Zoho Projects record
      </h4>
      <p className="zjc-muted">
        Searches {item.sci.zohoProjectName ?? 'the configured project'} ({item.sci.zohoModule}).
      </p>
      {error && (
        <p role="alert" className="zjc-error">
          {error}
        </p>
      )}
      {preview && (
        <LinkConfirm
          preview={preview}
          linking={linking !== null}
          onConfirm={() => void confirm(preview.record.id)}
          onBack={() => setPreview(null)}
        />
      )}
      <div hidden={preview !== null}>
        <Label htmlFor={`zoho-search-${item.sci.id}`}>Search by name or title</Label>
        <Textfield
          id={`zoho-search-${item.sci.id}`}
          autoFocus
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          aria-describedby={`zoho-search-status-${item.sci.id}`}
          placeholder="e.g. homepage"
        />
        <div id={`zoho-search-status-${item.sci.id}`} role="status" aria-live="polite" data-testid="search-status">
          <HelperMessage>{status}</HelperMessage>
        </div>
        {searching && <Spinner size="small" label="Searching Zoho Projects" />}
        {records && records.length > 0 && !tooShort && (
          <ul className="zjc-results" aria-label="Search results" data-testid="search-results">
            {records.map((r) => (
              <li key={r.id}>
                <button type="button" className="zjc-result" disabled={linking !== null} onClick={() => choose(r)}>
                  <strong>
                    {r.key ? `${r.key} ` : ''}
                    {r.name}
                  </strong>
                  {r.status && <span className="zjc-muted"> · {r.status}</span>}
                  <span className="zjc-sr-only"> — review and link this record</span>
                  {linking === r.id && <Spinner size="small" label="Reading what the link will change" />}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div>
        <Button appearance="subtle" spacing="compact" onClick={onClose}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
