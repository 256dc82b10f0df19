import { useState } from 'react';

import { errorMessage } from '../api/errors';
import { Dialog } from '../ui/Dialog';

interface ConflictDialogProps {
  onReload: () => Promise<void>;
  onOverwrite: () => Promise<void>;
}

/** Shown when a save was refused because the flow changed elsewhere; nothing is chosen for the user. */
export function ConflictDialog({ onReload, onOverwrite }: ConflictDialogProps) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const choose = (action: () => Promise<void>) => {
    setBusy(true);
    setFailure(null);
    action().then(
      () => setBusy(false),
      (error: unknown) => {
        setBusy(false);
        setFailure(errorMessage(error));
      },
    );
  };

  return (
    <Dialog
      title="This flow was changed elsewhere"
      onDismiss={() => undefined}
      actions={
        <>
          <button type="button" className="button" disabled={busy} onClick={() => choose(onReload)}>
            Reload their version
          </button>
          <button
            type="button"
            className="button button--danger"
            disabled={busy}
            onClick={() => choose(onOverwrite)}
          >
            Overwrite with mine
          </button>
        </>
      }
    >
      <p>
        Someone saved this flow after you opened it. Reload to see their version (your unsaved
        changes are dropped), or overwrite it with yours.
      </p>
      {failure !== null && (
        <p className="field__error" role="alert">
          {failure}
        </p>
      )}
    </Dialog>
  );
}
