import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';

import { errorMessage } from '../api/errors';
import { useTRPC } from '../api/trpc';
import type { RouterOutputs } from '../api/types';
import { useCanEdit } from '../auth/workspaceRole';
import { ConfirmDeleteDialog } from '../ui/ConfirmDeleteDialog';
import { ErrorNotice } from '../ui/ErrorNotice';

type Destination = RouterOutputs['destinations']['list'][number];

/**
 * Where this Flow's responses are delivered: destinations of this Flow and of every Flow. The
 * signing secret is shown once, when a destination is made. Viewers see the list only.
 */
export function DestinationsPanel({ flowId }: { flowId: string }) {
  const trpc = useTRPC();
  const canEdit = useCanEdit();
  const destinations = useQuery(trpc.destinations.list.queryOptions());
  const relevant = (destinations.data ?? []).filter(
    (d) => d.flowId === null || d.flowId === flowId,
  );

  return (
    <section className="destinations" aria-labelledby="destinations-title">
      <h2 id="destinations-title">Destinations</h2>
      <p className="muted">
        Each response is sent as a signed JSON POST (header <code>X-Sflow-Signature</code>), retried
        while the destination is down; once delivered, its answers are erased here.
      </p>
      {destinations.isError && (
        <ErrorNotice title="Could not load the destinations">
          {errorMessage(destinations.error)}
        </ErrorNotice>
      )}
      <ul className="destinations__list">
        {relevant.map((destination) => (
          <DestinationItem key={destination.id} destination={destination} canEdit={canEdit} />
        ))}
      </ul>
      {canEdit && <NewDestinationForm flowId={flowId} />}
    </section>
  );
}

function DestinationItem({ destination, canEdit }: { destination: Destination; canEdit: boolean }) {
  const trpc = useTRPC();
  const [confirming, setConfirming] = useState(false);
  const queryClient = useQueryClient();
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: trpc.destinations.list.queryKey() });
  const test = useMutation(trpc.destinations.test.mutationOptions());
  const update = useMutation(trpc.destinations.update.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(
    trpc.destinations.delete.mutationOptions({
      onSuccess: async () => {
        setConfirming(false);
        await refresh();
      },
    }),
  );

  return (
    <li data-testid={`destination-${destination.id}`}>
      <strong>{destination.name}</strong> <code>{destination.url}</code>{' '}
      <span className="muted">{destination.flowId === null ? '(every Flow)' : '(this Flow)'}</span>{' '}
      {canEdit ? (
        <>
          <label>
            <input
              type="checkbox"
              checked={destination.enabled}
              onChange={(e) =>
                update.mutate({ id: destination.id, changes: { enabled: e.target.checked } })
              }
            />{' '}
            Enabled
          </label>{' '}
          <button
            type="button"
            className="button"
            disabled={test.isPending}
            onClick={() => test.mutate({ id: destination.id })}
          >
            Send a test
          </button>{' '}
          <button
            type="button"
            className="button button--danger"
            aria-label={`Delete destination ${destination.name}`}
            onClick={() => setConfirming(true)}
          >
            Delete
          </button>
        </>
      ) : (
        <span className="muted">{destination.enabled ? 'enabled' : 'disabled'}</span>
      )}
      {confirming && (
        <ConfirmDeleteDialog
          title={`Delete destination ${destination.name}?`}
          confirmLabel="Delete destination"
          deletion={remove}
          onConfirm={() => remove.mutate({ id: destination.id })}
          onClose={() => {
            setConfirming(false);
            remove.reset();
          }}
        >
          <p>
            Responses are no longer sent to <code>{destination.url}</code>. Those it has not
            received yet stay here, marked as not delivered.
          </p>
        </ConfirmDeleteDialog>
      )}
      {test.data && (
        <p role="status">
          {test.data.ok
            ? `Test delivered (HTTP ${test.data.httpStatus})`
            : `Test failed: ${test.data.error}`}
        </p>
      )}
      {(test.isError || update.isError) && (
        <p className="field__error">{errorMessage(test.error ?? update.error)}</p>
      )}
    </li>
  );
}

function NewDestinationForm({ flowId }: { flowId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [everyFlow, setEveryFlow] = useState(false);
  const create = useMutation(
    trpc.destinations.create.mutationOptions({
      onSuccess: async () => {
        setName('');
        setUrl('');
        await queryClient.invalidateQueries({ queryKey: trpc.destinations.list.queryKey() });
      },
    }),
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name, url, flowId: everyFlow ? null : flowId, enabled: true });
  };

  return (
    <form className="toolbar" aria-label="New destination" onSubmit={onSubmit}>
      <label>
        Name{' '}
        <input
          className="input"
          value={name}
          required
          maxLength={100}
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <label>
        URL{' '}
        <input
          className="input"
          type="url"
          value={url}
          required
          placeholder="https://example.com/hooks/flows"
          onChange={(e) => setUrl(e.target.value)}
        />
      </label>
      <label>
        <input
          type="checkbox"
          checked={everyFlow}
          onChange={(e) => setEveryFlow(e.target.checked)}
        />{' '}
        Every Flow
      </label>
      <button type="submit" className="button button--primary" disabled={create.isPending}>
        Add destination
      </button>
      {create.isError && (
        <p className="field__error" role="alert">
          {errorMessage(create.error)}
        </p>
      )}
      {create.data && (
        <div role="status" className="secret-once">
          <p>
            Signing secret of {create.data.destination.name} (copy it now; it is not shown again):
          </p>
          <code data-testid="destination-secret">{create.data.secret}</code>
        </div>
      )}
    </form>
  );
}
