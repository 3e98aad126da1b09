/** Every reason a linked record needs attention, each with what to do (issue 12 §2). */
import type { PanelItem } from '../../server/contract/panel';

type Reason = NonNullable<PanelItem['link']>['attention'][number];

const KIND_LABEL: Record<Reason['kind'], string> = {
  status: 'status',
  refusedValue: 'value refused',
  unmappedUser: 'user not mapped',
};

export function AttentionList({ reasons }: { reasons: readonly Reason[] }) {
  if (!reasons.length) return null;
  return (
    <ul className="zjc-attention" data-testid="attention-reasons">
      {reasons.map((r, i) => (
        <li key={`${r.kind}:${r.field}:${i}`} data-testid={`attention-${r.kind}`}>
          {r.kind !== 'status' && (
            <span role="alert" className="zjc-error">
              Needs attention ({KIND_LABEL[r.kind]}, {r.field}): {r.reason}
            </span>
          )}
          <span className="zjc-muted" data-testid="attention-what-to-do">
            {' '}
            What to do: {r.whatToDo}
          </span>
        </li>
      ))}
    </ul>
  );
}
