/** One Smart Connected Item in the panel: mode, linked record preview, and its actions. */
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack } from '@atlaskit/primitives';
import { lazy, Suspense, useState } from 'react';
import type { PanelItem } from '../../server/contract/panel';
import { formatTime, MODE_APPEARANCE, MODE_SHORT } from '../shared/format';
import { externalClick } from '../shared/navigation';
import { ApiError } from '../shared/transport';
import { panelApi } from './api';
import { Associations } from './associations';
import { AttentionList } from './attention-list';
import { LinkHistory } from './history';

// The dialog (and the modal package) loads only when someone links: keeps the first render light.
const LinkDialog = lazy(() => import('./link-dialog'));

export function ItemCard({ item, onChanged }: { item: PanelItem; onChanged: () => Promise<void> }) {
  const [busy, setBusy] = useState<'refresh' | 'unlink' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [linking, setLinking] = useState(false);
  const [version, setVersion] = useState(0);
  const { sci, link, actions } = item;
  const headingId = `sci-${sci.id}`;

  const run = async (what: 'refresh' | 'unlink') => {
    setBusy(what);
    setError(null);
    try {
      await (what === 'refresh' ? panelApi.refresh(sci.id) : panelApi.unlink(sci.id));
      await onChanged();
      setVersion((v) => v + 1);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="zjc-card" aria-labelledby={headingId} data-testid={`panel-item-${sci.id}`}>
      <Stack space="space.100">
        <Inline space="space.100" alignBlock="center" shouldWrap>
          <h3 id={headingId} className="zjc-subheading">
            {sci.name}
          </h3>
          <Lozenge appearance={MODE_APPEARANCE[sci.mode]}>{MODE_SHORT[sci.mode]}</Lozenge>
          {link && (
            <Lozenge appearance={link.origin === 'auto' ? 'new' : 'default'}>
              {link.origin === 'auto' ? 'Auto-managed' : 'Manual link'}
            </Lozenge>
          )}
        </Inline>
        {!link && <p className="zjc-muted">No Zoho Projects record is linked to this issue for this item.</p>}
        {link && (
          <div data-testid="linked-record">
            <p>
              <strong>
                {link.record.key ? `${link.record.key} ` : ''}
                {link.record.name}
              </strong>
              {link.record.status && (
                <>
                  {' '}
                  <Lozenge>{link.record.status}</Lozenge>
                </>
              )}
            </p>
            {link.needsAttention && (
              <p role="alert" className="zjc-error" data-testid="needs-attention">
                Needs attention: {link.needsAttention}
              </p>
            )}
            <AttentionList reasons={link.attention ?? []} />
            {link.previewError && (
              <p role="alert" className="zjc-error">
                Preview unavailable: {link.previewError}
              </p>
            )}
            {link.preview.length > 0 && (
              <dl className="zjc-summary">
                {link.preview.map((f) => (
                  <div key={f.field} style={{ display: 'contents' }}>
                    <dt>{f.label}</dt>
                    <dd>{f.value || '—'}</dd>
                  </div>
                ))}
              </dl>
            )}
            <p className="zjc-muted">Read from Zoho Projects {formatTime(link.fetchedAt)}</p>
          </div>
        )}
        {error && (
          <p role="alert" className="zjc-error">
            {error}
          </p>
        )}
        <Inline space="space.100" shouldWrap>
          {link && actions.open && link.record.url && (
            <a
              href={link.record.url}
              target="_blank"
              rel="noreferrer"
              onClick={(e) => externalClick(e, link.record.url!)}
            >
              Open in Zoho Projects
            </a>
          )}
          {link && actions.refresh && (
            <Button spacing="compact" isLoading={busy === 'refresh'} onClick={() => run('refresh')}>
              Refresh
            </Button>
          )}
          {link && actions.unlink && (
            <Button spacing="compact" appearance="subtle" isLoading={busy === 'unlink'} onClick={() => run('unlink')}>
              Unlink
            </Button>
          )}
          {!link && actions.link && !linking && (
            <Button spacing="compact" appearance="primary" onClick={() => setLinking(true)}>
              Link
            </Button>
          )}
        </Inline>
        {link && !actions.unlink && item.unlinkBlockedReason && (
          <p className="zjc-muted" data-testid="unlink-blocked">
            {item.unlinkBlockedReason}
          </p>
        )}
        {link && sci.showAssociations && <Associations sciId={sci.id} version={version} />}
        {link && <LinkHistory linkId={link.id} version={version} />}
      </Stack>
      {linking && (
        <Suspense fallback={null}>
          <LinkDialog
            item={item}
            onClose={() => setLinking(false)}
            onLinked={async () => {
              setLinking(false);
              await onChanged();
              setVersion((v) => v + 1);
            }}
          />
        </Suspense>
      )}
    </section>
  );
}
