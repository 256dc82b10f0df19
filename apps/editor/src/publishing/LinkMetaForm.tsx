import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';

import { errorMessage, importProblems } from '../api/errors';
import { useTRPC } from '../api/trpc';

/**
 * Links the Flow to a Flow already at Meta (made in Meta's builder or another tool) on one
 * connection, so the product can send it; publishing from here links by itself.
 */
export function LinkMetaForm({ flowId }: { flowId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const connections = useQuery(trpc.connections.list.queryOptions());
  const [connectionId, setConnectionId] = useState('');
  const [metaFlowId, setMetaFlowId] = useState('');
  const link = useMutation(
    trpc.messaging.linkMeta.mutationOptions({
      onSuccess: async () => {
        setMetaFlowId('');
        await queryClient.invalidateQueries({ queryKey: trpc.publishing.pathKey() });
      },
    }),
  );
  const idProblem =
    importProblems(link.error).find((problem) => problem.pointer === '/metaFlowId')?.message ??
    null;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    link.mutate({ flowId, connectionId, metaFlowId });
  };

  return (
    <details className="link-meta">
      <summary>Link a Flow already at Meta</summary>
      <form className="toolbar" onSubmit={onSubmit} aria-label="Link a Flow already at Meta">
        <label className="field">
          <span className="field__label">Connection</span>
          <select
            className="input"
            required
            value={connectionId}
            onChange={(event) => setConnectionId(event.target.value)}
          >
            <option value="">Choose a connection</option>
            {connections.data?.map((connection) => (
              <option key={connection.id} value={connection.id}>
                {connection.name}
              </option>
            ))}
          </select>
        </label>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-meta-flow-id`}>
            Meta Flow id
          </label>
          <input
            id={`${id}-meta-flow-id`}
            className="input"
            inputMode="numeric"
            required
            value={metaFlowId}
            aria-invalid={idProblem !== null}
            onChange={(event) => setMetaFlowId(event.target.value)}
          />
          {idProblem !== null && <p className="field__error">{idProblem}</p>}
        </div>
        <button type="submit" className="button" disabled={link.isPending}>
          Link
        </button>
      </form>
      {link.isError && idProblem === null && (
        <p className="field__error" role="alert">
          Could not link: {errorMessage(link.error)}
        </p>
      )}
      {link.data !== undefined && (
        <p role="status">
          Linked to Meta Flow <code>{link.data.metaFlowId}</code> ({link.data.status})
          {link.data.statusProblem === null ? '.' : `: ${link.data.statusProblem}`}
        </p>
      )}
    </details>
  );
}
