/** The connected state: data center, client id, Zoho user, and Revoke Connection (with confirmation). */
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack } from '@atlaskit/primitives';
import { useState } from 'react';
import type { ConnectionSummary } from '../../server/contract/admin';
import { formatTime } from '../shared/format';
import { ApiError } from '../shared/transport';
import { adminApi } from './api';
import { ConfirmDialog } from './confirm-dialog';

type Connected = Extract<ConnectionSummary, { connected: true }>;

export function ConnectionSummaryView({ summary, onRevoked }: { summary: Connected; onRevoked: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const user = [summary.zohoUserName, summary.zohoUserEmail].filter(Boolean).join(' · ') || 'Unknown user';

  async function revoke() {
    try {
      await adminApi.revokeConnection();
      setConfirming(false);
      onRevoked();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
      setConfirming(false);
    }
  }

  return (
    <Box as="section" aria-labelledby="connected-heading" paddingBlock="space.200">
      <Stack space="space.150">
        <Inline space="space.100" alignBlock="center">
          <Heading size="medium" id="connected-heading">
            Zoho Projects connection
          </Heading>
          <Lozenge appearance="success">Connected</Lozenge>
        </Inline>
        <dl className="zjc-summary" data-testid="connection-summary">
          <dt>Data center</dt>
          <dd>{summary.dataCenterName}</dd>
          <dt>Client ID</dt>
          <dd>{summary.clientId}</dd>
          <dt>Zoho user</dt>
          <dd>{user}</dd>
          <dt>Connected</dt>
          <dd>{formatTime(summary.connectedAt)}</dd>
        </dl>
        {error && (
          <p role="alert" className="zjc-error">
            Revoking failed: {error}
          </p>
        )}
        <Box>
          <Button appearance="danger" onClick={() => setConfirming(true)}>
            Revoke Connection
          </Button>
        </Box>
      </Stack>
      {confirming && (
        <ConfirmDialog
          title="Revoke the Zoho Projects connection?"
          confirmLabel="Revoke Connection"
          appearance="danger"
          onConfirm={revoke}
          onCancel={() => setConfirming(false)}
        >
          Synchronization stops for every Smart Connected Item until you connect again. Smart Connected Items and links
          are kept.
        </ConfirmDialog>
      )}
    </Box>
  );
}
