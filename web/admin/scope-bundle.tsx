/**
 * The connection screen's Self Client help: the exact Zoho scope bundle with a Copy button, and
 * the API Console of the chosen data center (a code generated in another DC's console is refused).
 */
import Button from '@atlaskit/button/new';
import { Box, Stack } from '@atlaskit/primitives';
import { useState } from 'react';
import { ZOHO_API_CONSOLES, zohoScopeLine } from '../../workflows/core/self-client';
import type { DataCenterId } from '../../server/contract/admin';

export function ScopeBundle({ dataCenter }: { dataCenter: DataCenterId | null }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const line = zohoScopeLine();
  const consoleUrl = ZOHO_API_CONSOLES[dataCenter ?? 'us'];

  async function copy() {
    try {
      await navigator.clipboard.writeText(line);
      setCopied('yes');
    } catch {
      // Clipboard access can be refused inside the Forge iframe: the text stays selectable.
      setCopied('failed');
    }
  }

  return (
    <Box testId="scope-bundle">
      <Stack space="space.100">
        <p>
          Open the{' '}
          <a href={consoleUrl} target="_blank" rel="noreferrer" data-testid="api-console-link">
            Zoho API Console ({new URL(consoleUrl).host})
          </a>
          {dataCenter ? '' : ' (select your data center to get its console)'}, create a Self Client, and in its Generate
          Code tab paste these scopes:
        </p>
        <label htmlFor="zoho-scopes">Required OAuth scopes</label>
        <textarea
          id="zoho-scopes"
          readOnly
          rows={4}
          value={line}
          style={{ width: '100%', fontFamily: 'monospace', fontSize: 12 }}
          onFocus={(e) => e.currentTarget.select()}
        />
        <Box>
          <Button spacing="compact" onClick={() => void copy()}>
            Copy scopes
          </Button>{' '}
          <span role="status" aria-live="polite">
            {copied === 'yes' ? 'Copied.' : copied === 'failed' ? 'Copy was blocked; select the text and copy it.' : ''}
          </span>
        </Box>
      </Stack>
    </Box>
  );
}
