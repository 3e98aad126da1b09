/** The "latest sync summary" cell: time, counts, status lozenge, link to the run in the Temporal Web UI. */
import Lozenge from '@atlaskit/lozenge';
import type { LatestSync } from '../../server/contract/admin';
import { formatTime, type LozengeAppearance } from '../shared/format';
import { externalClick } from '../shared/navigation';

const STATUS: Record<LatestSync['status'], { label: string; appearance: LozengeAppearance }> = {
  running: { label: 'Running', appearance: 'inprogress' },
  succeeded: { label: 'Succeeded', appearance: 'success' },
  partial: { label: 'Partial', appearance: 'moved' },
  failed: { label: 'Failed', appearance: 'removed' },
};

export function SyncSummary({
  sync,
  enabled,
  synchronized,
}: {
  sync: LatestSync | null;
  enabled: boolean;
  synchronized: boolean;
}) {
  if (!synchronized) return <span className="zjc-muted">No sync (display only)</span>;
  if (!sync)
    return (
      <span className="zjc-muted">
        {enabled ? 'Not run yet — use Sync now or wait for the next 5-minute cycle' : 'Disabled'}
      </span>
    );
  const s = STATUS[sync.status];
  const counts = `${sync.created} created · ${sync.updated} updated · ${sync.skipped} skipped · ${sync.failed} failed`;
  return (
    <div className="zjc-sync-summary" data-testid="sync-summary" data-status={sync.status}>
      <Lozenge appearance={s.appearance}>{s.label}</Lozenge>{' '}
      <time dateTime={sync.finishedAt ?? sync.startedAt}>{formatTime(sync.finishedAt ?? sync.startedAt)}</time>
      <div>
        {counts}
        {sync.conflicts > 0 ? ` · ${sync.conflicts} conflict(s)` : ''}
        {sync.needsAttention > 0 ? (
          <span data-testid="needs-attention"> · {sync.needsAttention} need(s) attention</span>
        ) : null}
      </div>
      {sync.errors.length > 0 && (
        <div className="zjc-error" title={sync.errors.map((e) => e.message).join('\n')}>
          {sync.errors[0].message}
        </div>
      )}
      <a href={sync.temporalUrl} target="_blank" rel="noreferrer" onClick={(e) => externalClick(e, sync.temporalUrl)}>
        View run in Temporal
      </a>
    </div>
  );
}
