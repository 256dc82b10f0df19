import { useMutation, useQueryClient } from '@tanstack/react-query';

import { errorMessage } from '../api/errors';
import { useTRPC } from '../api/trpc';
import type { FlowSummary } from '../api/types';

/** Makes a copy of the Flow's draft, listed as “<name> (copy)”. */
export function DuplicateFlowButton({ flow }: { flow: FlowSummary }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const duplicate = useMutation(
    trpc.flows.duplicate.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() }),
    }),
  );

  return (
    <>
      <button
        type="button"
        className="button"
        aria-label={`Duplicate ${flow.name}`}
        disabled={duplicate.isPending}
        onClick={() => duplicate.mutate({ id: flow.id })}
      >
        Duplicate
      </button>
      {duplicate.isError && (
        <p className="field__error" role="alert">
          Could not duplicate: {errorMessage(duplicate.error)}
        </p>
      )}
    </>
  );
}
