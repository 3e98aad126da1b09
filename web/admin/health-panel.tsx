/** Health at a glance: Zoho budget window, Jira 429s, outbox backlog, last errors, each item's next runs. */
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack } from '@atlaskit/primitives';
import { formatTime } from '../shared/format';
import { useLoad } from '../shared/use-load';
import { healthApi } from './health-api';

const age = (s: number) =>
  s < 90 ? `${Math.round(s)} s` : s < 5400 ? `${Math.round(s / 60)} min` : `${Math.round(s / 3600)} h`;

export function HealthPanel({ refreshKey }: { refreshKey?: number }) {
  const health = useLoad(() => healthApi.health(), [refreshKey]);
  const h = health.data;
  return (
    <Box as="section" aria-labelledby="health-heading" testId="health-panel">
      <Stack space="space.100">
        <Inline spread="space-between" alignBlock="center">
          <Heading size="small" id="health-heading">
            Health
          </Heading>
          <Button spacing="compact" onClick={() => health.reload()}>
            Refresh health
          </Button>
        </Inline>
        {health.error && <p className="zjc-error">Health could not be read: {health.error}</p>}
        {h && (
          <div className="zjc-health" data-testid="health-figures">
            <dl>
              <dt>Zoho calls (this {h.zoho.windowSeconds / 60}-minute window)</dt>
              <dd data-testid="health-zoho-window">
                {h.zoho.callsInWindow} of {h.zoho.limit} ({h.zoho.backgroundCalls} background, limit{' '}
                {h.zoho.backgroundLimit}; {h.zoho.interactiveCalls} interactive)
                {h.zoho.pausedUntil ? (
                  <>
                    {' '}
                    <Lozenge appearance="removed">Throttled until {formatTime(h.zoho.pausedUntil)}</Lozenge>
                  </>
                ) : null}
              </dd>
              <dt>Zoho throttles avoided</dt>
              <dd>{h.zoho.throttlesAvoided}</dd>
              <dt>Jira 429 answers</dt>
              <dd>{h.jira.throttled429s}</dd>
              <dt>Jira event outbox</dt>
              <dd data-testid="health-outbox">
                {h.outbox.backlog === 0
                  ? 'empty'
                  : `${h.outbox.backlog} waiting, oldest ${age(h.outbox.oldestAgeSeconds)}`}
              </dd>
            </dl>
            {/* A list, not a table: the grid's rows stay the only table rows naming an item. */}
            <div className="zjc-health-items">
              <strong>Next runs</strong>
              <ul>
                {h.items.map((i) => (
                  <li key={i.id} data-testid={`health-item-${i.id}`}>
                    {i.name} · every {i.zohoCadenceMinutes} min · next sync{' '}
                    <span data-testid="next-sync">{i.nextSync ? formatTime(i.nextSync) : '—'}</span> · next drift check{' '}
                    <span data-testid="next-reconcile">{i.nextReconcile ? formatTime(i.nextReconcile) : '—'}</span>
                  </li>
                ))}
              </ul>
            </div>
            <div>
              <strong>Last errors</strong>
              {h.lastErrors.length === 0 ? (
                <p className="zjc-muted">None in the latest runs.</p>
              ) : (
                <ul data-testid="health-errors">
                  {h.lastErrors.map((e, n) => (
                    <li key={n}>
                      {formatTime(e.at)} · {e.item} ({e.kind}){e.record ? ` · ${e.record}` : ''}: {e.message}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </div>
        )}
      </Stack>
    </Box>
  );
}
