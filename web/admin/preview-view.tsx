/** What the next cycle would do: counts per action and the first rows (field by field for updates). */
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import type { CyclePreviewView, PreviewRowView } from '../../server/contract/preview';

const ACTIONS: Array<
  [keyof CyclePreviewView['counts'], string, 'success' | 'new' | 'inprogress' | 'moved' | 'default']
> = [
  ['create', 'Create', 'success'],
  ['link', 'Link', 'new'],
  ['update', 'Update', 'inprogress'],
  ['transition', 'Transition', 'moved'],
  ['skip', 'Skip', 'default'],
];
const ARROW = { zoho_to_jira: 'Zoho → Jira', jira_to_zoho: 'Jira → Zoho' } as const;

function what(row: PreviewRowView): string {
  switch (row.action) {
    case 'update':
      return (row.changes ?? [])
        .map((c) => `${c.label}: ${c.from ?? '(empty)'} → ${c.to ?? '(empty)'} (${ARROW[c.direction]})`)
        .join('; ');
    case 'transition':
      return `Status: ${row.from ?? '?'} → ${row.to ?? '?'}`;
    case 'skip':
      return `${row.rule ?? 'Skipped'}: ${row.reason ?? ''}`;
    case 'create':
      return row.to ? `New Jira issue, status ${row.to}` : 'New Jira issue';
    default:
      return row.reason ?? '';
  }
}

export function PreviewView({ preview }: { preview: CyclePreviewView }) {
  return (
    <Stack space="space.150" testId="cycle-preview">
      <Inline space="space.100" shouldWrap>
        {ACTIONS.map(([k, label, appearance]) => (
          <Lozenge key={k} appearance={appearance} testId={`preview-count-${k}`}>
            {`${label} ${preview.counts[k]}`}
          </Lozenge>
        ))}
      </Inline>
      <p>
        {preview.fullPass ? 'A full pass over' : 'Changes among'} {preview.scanned} Zoho record(s) read;{' '}
        {preview.unchanged} changed record(s) need no write. Nothing was written. ({preview.zohoCalls} Zoho and{' '}
        {preview.jiraCalls} Jira read calls.)
      </p>
      {preview.notices.map((n) => (
        <SectionMessage key={n} appearance="information">
          {n}
        </SectionMessage>
      ))}
      {preview.rows.length > 0 && (
        <table className="zjc-preview-table" data-testid="preview-rows">
          <caption className="zjc-sr-only">First rows per action (up to {preview.rowLimit} each)</caption>
          <thead>
            <tr>
              <th scope="col">Action</th>
              <th scope="col">Zoho record</th>
              <th scope="col">Jira issue</th>
              <th scope="col">What</th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((r) => (
              <tr key={`${r.action}:${r.zohoRecordId}`}>
                <td>{r.action}</td>
                <td>{r.zohoRecordKey ? `${r.zohoRecordKey} ${r.name}` : r.name}</td>
                <td>{r.jiraIssueKey ?? '—'}</td>
                <td>{what(r)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Stack>
  );
}
