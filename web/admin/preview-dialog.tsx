/** "Preview next sync" on a grid row: runs the dry-run preview of the saved item and shows it. */
import Button from '@atlaskit/button/new';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { useEffect, useState } from 'react';
import type { Item } from '../../server/contract/admin';
import type { CyclePreviewView } from '../../server/contract/preview';
import { previewApi } from './preview-api';
import { PreviewView } from './preview-view';

export function PreviewDialog({ item, onClose }: { item: Item; onClose: () => void }) {
  const [preview, setPreview] = useState<CyclePreviewView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    previewApi.previewItem(item.id).then(setPreview, (err: Error) => setError(err.message));
  }, [item.id]);
  return (
    <ModalTransition>
      <Modal onClose={onClose} width="x-large" shouldReturnFocus>
        <ModalHeader>
          <ModalTitle>{`Next sync of “${item.name}” (dry run)`}</ModalTitle>
        </ModalHeader>
        <ModalBody>
          {error && <SectionMessage appearance="error">{error}</SectionMessage>}
          {!preview && !error && <Spinner label="Computing the preview" />}
          {preview && <PreviewView preview={preview} />}
        </ModalBody>
        <ModalFooter>
          <Button appearance="primary" onClick={onClose}>
            Close
          </Button>
        </ModalFooter>
      </Modal>
    </ModalTransition>
  );
}
