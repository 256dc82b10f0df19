import type { ReactNode } from 'react';

import { errorMessage } from '../api/errors';
import { Dialog } from './Dialog';

/** The state of the delete mutation the dialog confirms. */
interface Deletion {
  isPending: boolean;
  isError: boolean;
  error: unknown;
}

/**
 * Asks before deleting something: Cancel has the focus, the danger button says what goes and
 * shows the deletion running, and a failed deletion says why under the explanation.
 */
export function ConfirmDeleteDialog(props: {
  title: string;
  /** The danger button's label, e.g. "Delete flow". */
  confirmLabel: string;
  deletion: Deletion;
  onConfirm: () => void;
  onClose: () => void;
  /** What will be deleted with it. */
  children: ReactNode;
}) {
  const { deletion, onClose } = props;

  return (
    <Dialog
      title={props.title}
      onDismiss={onClose}
      actions={
        <>
          <button type="button" className="button" autoFocus onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="button button--danger"
            disabled={deletion.isPending}
            onClick={props.onConfirm}
          >
            {deletion.isPending ? 'Deleting…' : props.confirmLabel}
          </button>
        </>
      }
    >
      {props.children}
      {deletion.isError && (
        <p className="field__error" role="alert">
          Could not delete: {errorMessage(deletion.error)}
        </p>
      )}
    </Dialog>
  );
}
