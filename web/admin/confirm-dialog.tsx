/** A small confirmation modal (revoke, delete). */
import Button from '@atlaskit/button/new';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';
import { useState, type ReactNode } from 'react';

interface Props {
  title: string;
  confirmLabel: string;
  appearance?: 'danger' | 'warning' | 'primary';
  children: ReactNode;
  onConfirm: () => Promise<void> | void;
  onCancel: () => void;
}

export function ConfirmDialog({ title, confirmLabel, appearance = 'danger', children, onConfirm, onCancel }: Props) {
  const [busy, setBusy] = useState(false);
  return (
    <ModalTransition>
      <Modal onClose={onCancel} width="small" shouldReturnFocus>
        <ModalHeader>
          <ModalTitle appearance={appearance === 'primary' ? undefined : appearance}>{title}</ModalTitle>
        </ModalHeader>
        <ModalBody>{children}</ModalBody>
        <ModalFooter>
          <Button appearance="subtle" onClick={onCancel}>
            Cancel
          </Button>
          <Button
            appearance={appearance}
            isLoading={busy}
            autoFocus
            onClick={async () => {
              setBusy(true);
              try {
                await onConfirm();
              } finally {
                setBusy(false);
              }
            }}
          >
            {confirmLabel}
          </Button>
        </ModalFooter>
      </Modal>
    </ModalTransition>
  );
}
