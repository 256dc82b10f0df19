import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

import { errorMessage } from '../api/errors';
import { useTRPC } from '../api/trpc';
import { flowPath, Link } from '../app/router';
import { StatusBadge } from './StatusBadge';

/** The Flows that exist at Meta on a connection, and importing them (JSON and status). */
export function PullPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const connections = useQuery(trpc.connections.list.queryOptions());
  const [connectionId, setConnectionId] = useState('');
  const listed = useQuery({
    ...trpc.publishing.pull.list.queryOptions({ connectionId }),
    enabled: connectionId !== '',
  });
  const importFlows = useMutation(
    trpc.publishing.pull.import.mutationOptions({
      onSettled: () => queryClient.invalidateQueries(),
    }),
  );

  return (
    <main className="page">
      <Link to="/">← All flows</Link>
      <h1>Flows at Meta</h1>
      <label className="field">
        Connection
        <select
          className="input"
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
      {listed.isError && (
        <p className="field__error" role="alert">
          {errorMessage(listed.error)}
        </p>
      )}
      {listed.data !== undefined && (
        <table className="flows-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Status</th>
              <th scope="col">Meta Flow id</th>
              <th scope="col">In the product</th>
            </tr>
          </thead>
          <tbody>
            {listed.data.map((flow) => (
              <tr key={flow.metaFlowId}>
                <th scope="row">{flow.name}</th>
                <td>
                  <StatusBadge status={flow.status} />
                </td>
                <td>
                  <code>{flow.metaFlowId}</code>
                </td>
                <td>
                  {flow.flowId === null ? (
                    <button
                      type="button"
                      className="button"
                      aria-label={`Import ${flow.name}`}
                      disabled={importFlows.isPending}
                      onClick={() =>
                        importFlows.mutate({ connectionId, metaFlowIds: [flow.metaFlowId] })
                      }
                    >
                      Import
                    </button>
                  ) : (
                    <Link to={flowPath(flow.flowId)}>Open</Link>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {importFlows.data?.map((result) =>
        result.outcome === 'failed' ? (
          <p key={result.metaFlowId} className="field__error" role="alert">
            {result.metaFlowId}: {result.reason}
          </p>
        ) : null,
      )}
    </main>
  );
}
