/** One backfill run (or dry run) at a glance: a progress bar, the counts, and the first rows. */
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import type { BackfillProgress } from '../../server/contract/backfill';

const PHASES: Record<BackfillProgress['phase'], string> = {
  zoho: 'Reading Zoho records',
  jira: 'Reading Jira issues to match',
  apply: 'Linking and creating',
  done: 'Finished',
};
const STATES: Record<BackfillProgress['status'], string> = {
  running: 'Running',
  done: 'Done',
  cancelled: 'Cancelled',
  failed: 'Failed',
};

export function BackfillProgressView({ run }: { run: BackfillProgress }) {
  const label = run.dryRun ? 'Dry run' : 'Backfill';
  const counts: Array<[string, number]> = run.dryRun
    ? [
        ['Would link', run.wouldLink],
        ['Would create', run.wouldCreate],
        ['Ambiguous', run.ambiguous],
        ['Skipped', run.skipped],
      ]
    : [
        ['Linked', run.linked],
        ['Created', run.created],
        ['Ambiguous', run.ambiguous],
        ['Skipped', run.skipped],
        ['Failed', run.failed],
      ];
  const max = Math.max(1, run.total);
  return (
    <Stack space="space.100" testId={run.dryRun ? 'backfill-dry-run' : 'backfill-run'}>
      <Inline space="space.100" alignBlock="center">
        <strong>{label}</strong>
        <Lozenge appearance={run.status === 'failed' ? 'removed' : run.status === 'done' ? 'success' : 'inprogress'}>
          {STATES[run.status]}
        </Lozenge>
        <span>{PHASES[run.phase]}</span>
      </Inline>
      <label className="zjc-progress">
        <progress value={run.processed} max={max} data-testid="backfill-progress-bar" />
        <span>
          {run.processed} of {run.total} Zoho record(s)
          {run.jiraScanned > 0 ? `, ${run.jiraScanned} Jira issue(s) read` : ''}
        </span>
      </label>
      <Inline space="space.100" shouldWrap>
        {counts.map(([k, n]) => (
          <Lozenge key={k}>{`${k} ${n}`}</Lozenge>
        ))}
      </Inline>
      {run.error && <SectionMessage appearance="error">{run.error}</SectionMessage>}
      {run.rows.length > 0 && (
        <table className="zjc-preview-table" data-testid="backfill-rows">
          <caption className="zjc-sr-only">{label}: first records</caption>
          <thead>
            <tr>
              <th scope="col">Zoho record</th>
              <th scope="col">Outcome</th>
              <th scope="col">Jira issue</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {run.rows.map((r) => (
              <tr key={r.zohoRecordId}>
                <td>{r.zohoRecordKey ? `${r.zohoRecordKey} ${r.name}` : r.name}</td>
                <td>{r.state}</td>
                <td>{r.jiraIssueKey ?? '—'}</td>
                <td>{r.detail ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Stack>
  );
}
