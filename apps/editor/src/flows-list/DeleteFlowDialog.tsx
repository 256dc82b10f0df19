import { useMutation, useQueryClient } from '@tanstack/react-query';

import { useTRPC } from '../api/trpc';
import type { FlowSummary } from '../api/types';
import { ConfirmDeleteDialog } from '../ui/ConfirmDeleteDialog';

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
    <ConfirmDeleteDialog
      title="Delete flow?"
      confirmLabel="Delete flow"
      deletion={remove}
      onConfirm={() => remove.mutate({ id: flow.id })}
      onClose={onClose}
    >
      <p>“{flow.name}” and all its saved revisions will be deleted. This cannot be undone.</p>
    </ConfirmDeleteDialog>
  );
}
