import { useState } from 'react';

import { errorMessage } from '../api/errors';
import { useTRPCClient } from '../api/trpc';
import { downloadText } from '../ui/download';
import { SaveConflictError } from './autosaver';

interface ExportButtonProps {
  flowId: string;
  flushChanges: () => Promise<void>;
}

function exportFailureMessage(error: unknown): string {
  if (error instanceof SaveConflictError) {
    return 'Resolve the save conflict first: the export reflects the last saved version.';
  }

  return `Export failed: ${errorMessage(error)}`;
}

/** Exports what the server stores, so unsaved edits are saved first. */
export function ExportButton({ flowId, flushChanges }: ExportButtonProps) {
  const client = useTRPCClient();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const exportFlow = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await flushChanges();
      const exported = await client.flows.export.query({ id: flowId });
      downloadText(exported.fileName, exported.text);
    } catch (error) {
      setFailure(exportFailureMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="export-flow">
      <button type="button" className="button" disabled={busy} onClick={() => void exportFlow()}>
        {busy ? 'Exporting…' : 'Export Flow JSON'}
      </button>
      {failure !== null && (
        <p className="field__error" role="alert">
          {failure}
        </p>
      )}
    </div>
  );
}
