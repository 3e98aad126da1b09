/** The Jira issue panel: the Smart Connected Items that apply to this issue, each with its link. */
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { Box, Stack } from '@atlaskit/primitives';
import { useCallback, useEffect, useState } from 'react';
import { panelApi, type PanelItems } from './api';
import { ItemCard } from './item-card';

/** Set on window for the browser tests' first-render measurement. */
declare global {
  interface Window {
    __zjcPanelRenderedAt?: number;
  }
}

export function PanelApp() {
  const [data, setData] = useState<PanelItems | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setData(await panelApi.items());
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (data && window.__zjcPanelRenderedAt === undefined) window.__zjcPanelRenderedAt = performance.now();
  }, [data]);

  if (error && !data) {
    return (
      <Box padding="space.100" testId="panel-error">
        <div role="alert">
          <SectionMessage appearance="error" title="Zoho Projects data could not be loaded">
            <p>{error}</p>
            <p>
              <button
                type="button"
                className="zjc-step-link"
                onClick={() => {
                  setError(null);
                  void load();
                }}
              >
                Try again
              </button>
            </p>
          </SectionMessage>
        </div>
      </Box>
    );
  }
  if (!data)
    return (
      <Box padding="space.100">
        <Spinner size="medium" label="Loading Zoho Projects records" />
      </Box>
    );

  return (
    <Box as="main" padding="space.100" testId="panel">
      <Stack space="space.150">
        {!data.zohoConnected && (
          <SectionMessage appearance="warning" title="Zoho Projects is not connected">
            <p>Ask a Jira administrator to connect Zoho Projects on the connector’s admin page.</p>
          </SectionMessage>
        )}
        {data.zohoConnected && data.items.length === 0 && (
          <div data-testid="panel-empty">
            <p>
              <strong>No Smart Connected Items apply to {data.issue.key}.</strong>
            </p>
            <p className="zjc-muted">
              A Jira administrator can create one for this project (and, for synchronized items, this issue type) on the
              connector’s admin page.
            </p>
          </div>
        )}
        {error && (
          <p role="alert" className="zjc-error">
            {error}
          </p>
        )}
        {data.items.map((item) => (
          <ItemCard key={item.sci.id} item={item} onChanged={load} />
        ))}
      </Stack>
    </Box>
  );
}
