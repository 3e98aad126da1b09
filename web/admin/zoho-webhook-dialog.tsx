/**
 * "Zoho webhook" on a grid row: turn on (or rotate) the item's Zoho webhook and show, once, the path
 * with its token to paste into Zoho Projects; turn it off. The token is never shown again: the
 * server keeps only its digest (README "Sync cadence and Zoho webhooks").
 */
import Button from '@atlaskit/button/new';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';
import { Stack } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import { useState } from 'react';
import type { Item } from '../../server/contract/admin';
import { healthApi } from './health-api';

export function ZohoWebhookDialog({ item, onClose }: { item: Item; onClose: (changed: boolean) => void }) {
  const [enabled, setEnabled] = useState(!!item.zohoWebhook);
  const [path, setPath] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [changed, setChanged] = useState(false);
  const act = async (on: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const r = on ? await healthApi.zohoWebhookOn(item.id) : await healthApi.zohoWebhookOff(item.id);
      setEnabled(r.enabled);
      setPath(r.path);
      setChanged(true);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <ModalTransition>
      <Modal onClose={() => onClose(changed)} width="large" shouldReturnFocus>
        <ModalHeader>
          <ModalTitle>{`Zoho webhook of “${item.name}”`}</ModalTitle>
        </ModalHeader>
        <ModalBody>
          <Stack space="space.150" testId="zoho-webhook">
            <p data-testid="zoho-webhook-state">
              {enabled
                ? 'On: a delivery from Zoho Projects starts this item’s sync at once (polling stays on).'
                : 'Off: changes in Zoho arrive with the next scheduled sync.'}
            </p>
            {path && (
              <SectionMessage appearance="success" title="Give Zoho Projects this URL now — it is shown only once">
                <p>
                  Your server’s public URL (the Forge remote’s baseUrl) followed by:{' '}
                  <code data-testid="zoho-webhook-path">{path}</code>
                </p>
                <p>
                  In Zoho Projects: Settings → Issue Tracker → Webhooks → Add Webhook, method POST, this as the URL to
                  notify; then call it from a business rule (Call Webhooks). A new token replaces the old one at once.
                </p>
              </SectionMessage>
            )}
            {error && <SectionMessage appearance="error">{error}</SectionMessage>}
          </Stack>
        </ModalBody>
        <ModalFooter>
          {enabled && (
            <Button appearance="subtle" isDisabled={busy} onClick={() => act(false)}>
              Turn off
            </Button>
          )}
          <Button appearance="primary" isLoading={busy} onClick={() => act(true)}>
            {enabled ? 'New token' : 'Turn on'}
          </Button>
          <Button appearance="subtle" onClick={() => onClose(changed)}>
            Close
          </Button>
        </ModalFooter>
      </Modal>
    </ModalTransition>
  );
}
