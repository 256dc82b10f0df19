import { useMutation, useQueryClient } from '@tanstack/react-query';

import { errorMessage } from '../api/errors';
import { useTRPC } from '../api/trpc';
import type { FlowSummary } from '../api/types';
import { Dialog } from '../ui/Dialog';

export function DeleteFlowDialog({ flow, onClose }: { flow: FlowSummary; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.flows.delete.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() });
        onClose();
      },
    }),
  );

  return (
    <Dialog
      title="Delete flow?"
      onDismiss={onClose}
      actions={
        <>
          <button type="button" className="button" autoFocus onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="button button--danger"
            disabled={remove.isPending}
            onClick={() => remove.mutate({ id: flow.id })}
          >
            {remove.isPending ? 'Deleting…' : 'Delete flow'}
          </button>
        </>
      }
    >
      <p>“{flow.name}” and all its saved revisions will be deleted. This cannot be undone.</p>
      {remove.isError && (
        <p className="field__error" role="alert">
          Could not delete: {errorMessage(remove.error)}
        </p>
      )}
    </Dialog>
  );
}
