import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FLOW_CATEGORIES, type FlowCategory } from '@sanjay-flow/whatsapp/flow-categories';
import { useState, type FormEvent } from 'react';

import { errorMessage } from '../api/errors';
import { useTRPC } from '../api/trpc';
import { CONNECTIONS_PATH, Link } from '../app/router';
import { Dialog } from '../ui/Dialog';
import { RunProgress } from './RunProgress';

const categoryLabel = (category: string) =>
  category.charAt(0) + category.slice(1).toLowerCase().replace(/_/g, ' ');

interface PublishDialogProps {
  flowId: string;
  /** Saves pending edits first: what is published is what is saved. */
  flushChanges: () => Promise<unknown>;
  onClose: () => void;
}

/** Pick connections, categories and the endpoint; then follow each connection's steps. */
export function PublishDialog({ flowId, flushChanges, onClose }: PublishDialogProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const connections = useQuery(trpc.connections.list.queryOptions());
  const [chosen, setChosen] = useState<string[]>([]);
  const [categories, setCategories] = useState<FlowCategory[]>(['OTHER']);
  const [endpoint, setEndpoint] = useState(false);
  const [endpointUri, setEndpointUri] = useState(
    `${window.location.origin}/endpoint/${encodeURIComponent(flowId)}`,
  );
  const publish = useMutation(
    trpc.publishing.publish.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.publishing.pathKey() }),
    }),
  );
  const toggle = <T,>(list: T[], value: T) =>
    list.includes(value) ? list.filter((item) => item !== value) : [...list, value];

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void flushChanges().then(() =>
      publish.mutate({
        flowId,
        connectionIds: chosen,
        categories,
        endpoint,
        ...(endpoint ? { endpointUri } : {}),
      }),
    );
  };
  const runs = publish.data?.runs ?? [];

  return (
    <Dialog
      title="Publish to Meta"
      onDismiss={onClose}
      actions={
        <>
          {runs.length === 0 && (
            <button
              type="submit"
              form="publish-form"
              className="button button--primary"
              disabled={chosen.length === 0 || categories.length === 0 || publish.isPending}
            >
              Publish
            </button>
          )}
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
        </>
      }
    >
      {runs.length === 0 ? (
        <form id="publish-form" className="publish-form" onSubmit={onSubmit}>
          <fieldset>
            <legend>Connections</legend>
            {connections.data?.length === 0 && (
              <p>
                No connections yet: <Link to={CONNECTIONS_PATH}>add one first</Link>.
              </p>
            )}
            {connections.data?.map((connection) => (
              <label key={connection.id} className="publish-form__choice">
                <input
                  type="checkbox"
                  checked={chosen.includes(connection.id)}
                  onChange={() => setChosen((list) => toggle(list, connection.id))}
                />{' '}
                {connection.name}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Categories</legend>
            {FLOW_CATEGORIES.map((category) => (
              <label key={category} className="publish-form__choice">
                <input
                  type="checkbox"
                  checked={categories.includes(category)}
                  onChange={() => setCategories((list) => toggle(list, category))}
                />{' '}
                {categoryLabel(category)}
              </label>
            ))}
          </fieldset>
          <label className="publish-form__choice">
            <input
              type="checkbox"
              checked={endpoint}
              onChange={(event) => setEndpoint(event.target.checked)}
            />{' '}
            Data endpoint on
          </label>
          {endpoint && (
            <label className="field">
              Endpoint URI
              <input
                className="input"
                type="url"
                required
                value={endpointUri}
                onChange={(event) => setEndpointUri(event.target.value)}
              />
            </label>
          )}
          {publish.isError && (
            <p className="field__error" role="alert">
              Could not publish: {errorMessage(publish.error)}
            </p>
          )}
        </form>
      ) : (
        <div className="publish-progress">
          {runs.map((run) => (
            <RunProgress
              key={run.runId}
              flowId={flowId}
              runId={run.runId}
              title={run.connectionName}
            />
          ))}
        </div>
      )}
    </Dialog>
  );
}
