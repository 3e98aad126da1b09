/** The grid's line for the latest drift check: "drift found N / fixed M", with its Temporal run. */
import type { Item } from '../../server/contract/admin';
import { formatTime } from '../shared/format';
import { externalClick } from '../shared/navigation';

export function DriftSummary({ item }: { item: Item }) {
  const r = item.latestReconcile;
  if (item.mode === 'display_only') return null;
  if (!r)
    return (
      <div className="zjc-muted" data-testid="drift-summary">
        Drift check: not run yet (every {item.reconcileEveryHours ?? 24} h)
      </div>
    );
  const unfixed = r.driftFound - r.driftFixed;
  return (
    <div data-testid="drift-summary" data-found={r.driftFound} data-fixed={r.driftFixed}>
      Drift check {formatTime(r.finishedAt ?? r.startedAt)}:{' '}
      <strong>
        drift found {r.driftFound} / fixed {r.driftFixed}
      </strong>
      {unfixed > 0 ? <span className="zjc-error"> · {unfixed} left (see the run)</span> : null}{' '}
      <a href={r.temporalUrl} target="_blank" rel="noreferrer" onClick={(e) => externalClick(e, r.temporalUrl)}>
        run
      </a>
    </div>
  );
}
