/** The Review step's dry run: what the first cycle of this draft would do, computed by the server's planner. */
import Button from '@atlaskit/button/new';
import { Stack } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { useState } from 'react';
import type { CyclePreviewView } from '../../../server/contract/preview';
import type { SmartConnectedItemInput } from '../../../workflows/core/model';
import { previewApi } from '../preview-api';
import { PreviewView } from '../preview-view';

export function ReviewPreview({ input, itemId }: { input: SmartConnectedItemInput; itemId?: string }) {
  const [preview, setPreview] = useState<CyclePreviewView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const run = async () => {
    setError(null);
    setLoading(true);
    try {
      setPreview(await previewApi.previewDraft(input, itemId));
    } catch (err) {
      setPreview(null);
      setError((err as Error).message);
    } finally {
      setLoading(false);
    }
  };
  return (
    <Stack space="space.150" testId="review-preview">
      <div>
        <Button onClick={run} isLoading={loading}>
          {preview ? 'Preview again' : 'Preview the first sync (dry run)'}
        </Button>
      </div>
      {loading && !preview && <Spinner label="Computing the preview" />}
      {error && <SectionMessage appearance="error">{error}</SectionMessage>}
      {preview && <PreviewView preview={preview} />}
    </Stack>
  );
}
