/**
 * The confirm step of the Link dialog: which fields the first sync changes, in which direction,
 * and which it keeps, as the sync planner computed them. Nothing is written before "Link".
 */
import Button from '@atlaskit/button/new';
import Spinner from '@atlaskit/spinner';
import type { LinkPreviewResult } from '../../server/contract/panel';

const ARROW = { zoho_to_jira: 'Zoho Projects → Jira', jira_to_zoho: 'Jira → Zoho Projects' } as const;
const shown = (v: string | null) => (v === null ? '(empty)' : `“${v}”`);

export default function LinkConfirm({
  preview,
  linking,
  onConfirm,
  onBack,
}: {
  preview: LinkPreviewResult;
  linking: boolean;
  onConfirm: () => void;
  onBack: () => void;
}) {
  const { record } = preview;
  return (
    <div data-testid="link-confirm">
      <p>
        Link <strong>{record.key ? `${record.key} ${record.name}` : record.name}</strong>?
      </p>
      {!preview.writes ? (
        <p className="zjc-muted">This item only displays Zoho Projects data: linking changes no field.</p>
      ) : preview.changes.length === 0 ? (
        <p className="zjc-muted" data-testid="link-no-changes">
          The first sync changes no field: both sides already agree.
        </p>
      ) : (
        <>
          <p>The first sync will change:</p>
          <ul aria-label="Changes on link" data-testid="link-changes">
            {preview.changes.map((c) => (
              <li key={`${c.field}:${c.direction}`} data-direction={c.direction}>
                <strong>{c.label}</strong> ({ARROW[c.direction]}): {shown(c.from)} → {shown(c.to)}
              </li>
            ))}
          </ul>
        </>
      )}
      {preview.kept.length > 0 && (
        <ul aria-label="Kept as they are" data-testid="link-kept" className="zjc-muted">
          {preview.kept.map((k) => (
            <li key={k.field}>
              <strong>{k.label}</strong> is kept: {k.reason}
            </li>
          ))}
        </ul>
      )}
      <div>
        <Button appearance="primary" spacing="compact" isDisabled={linking} onClick={onConfirm}>
          Link
        </Button>{' '}
        <Button appearance="subtle" spacing="compact" isDisabled={linking} onClick={onBack}>
          Back
        </Button>
        {linking && <Spinner size="small" label="Linking" />}
      </div>
    </div>
  );
}
