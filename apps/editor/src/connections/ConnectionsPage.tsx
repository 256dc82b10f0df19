import './connections.css';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

import { errorMessage } from '../api/errors';
import { useTRPC } from '../api/trpc';
import { Link } from '../app/router';
import { useCanEdit } from '../auth/workspaceRole';
import { ConfirmDeleteDialog } from '../ui/ConfirmDeleteDialog';
import { ErrorNotice } from '../ui/ErrorNotice';
import { ListTable } from '../ui/ListTable';
import { ConnectionDialog } from './ConnectionDialog';
import { type ConnectionView, keyStatusOf } from './connectionForm';
import { KeyPairPanel } from './KeyPairPanel';
import { MetaSetupNote } from './MetaSetupNote';

type Editing = { kind: 'create' } | { kind: 'edit'; connection: ConnectionView };

function KeyStatus({ connectionId }: { connectionId: string }) {
  const trpc = useTRPC();
  const keys = useQuery(trpc.connections.keys.list.queryOptions({ connectionId }));

  return <>{keys.data ? keyStatusOf(keys.data) : '…'}</>;
}

function DeleteConnectionDialog(props: { connection: ConnectionView; onClose: () => void }) {
  const { connection, onClose } = props;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.connections.delete.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.connections.pathKey() });
        onClose();
      },
    }),
  );

  return (
    <ConfirmDeleteDialog
      title="Delete connection?"
      confirmLabel="Delete connection"
      deletion={remove}
      onConfirm={() => remove.mutate({ id: connection.id })}
      onClose={onClose}
    >
      <p>
        “{connection.name}” will be deleted with its key pairs, its Flows&apos; links to Meta, its
        publish history and its sent messages; responses stay. Flows can no longer be published,
        sent or answered through phone number {connection.phoneNumberId}. Nothing changes at Meta.
      </p>
    </ConfirmDeleteDialog>
  );
}

function ConnectionRow(props: {
  connection: ConnectionView;
  canEdit: boolean;
  onKeys: () => void;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { connection, canEdit } = props;

  return (
    <tr data-testid={`connection-row-${connection.id}`}>
      <td>{connection.name}</td>
      <td>
        <code>{connection.wabaId}</code>
      </td>
      <td>
        <code>{connection.phoneNumberId}</code>
      </td>
      <td>
        <code>{connection.graphApiUrl}</code>
      </td>
      <td data-testid="key-status">
        <KeyStatus connectionId={connection.id} />
      </td>
      <td className="connections__actions">
        <button
          type="button"
          className="button"
          aria-label={`Key pair of ${connection.name}`}
          onClick={props.onKeys}
        >
          Key pair
        </button>
        {canEdit && (
          <>
            <button
              type="button"
              className="button"
              aria-label={`Edit ${connection.name}`}
              onClick={props.onEdit}
            >
              Edit
            </button>
            <button
              type="button"
              className="button button--danger"
              aria-label={`Delete ${connection.name}`}
              onClick={props.onDelete}
            >
              Delete
            </button>
          </>
        )}
      </td>
    </tr>
  );
}

/**
 * The workspace's WhatsApp connections (one business account, phone number and Meta app each),
 * their data-endpoint key pairs, and what to paste at Meta. Viewers see it read-only.
 */
export function ConnectionsPage() {
  const trpc = useTRPC();
  const canEdit = useCanEdit();
  const connections = useQuery(trpc.connections.list.queryOptions());
  const [editing, setEditing] = useState<Editing | null>(null);
  const [deleting, setDeleting] = useState<ConnectionView | null>(null);
  const [keysOf, setKeysOf] = useState<string | null>(null);
  const shownKeys = connections.data?.find((connection) => connection.id === keysOf);

  return (
    <main className="page connections-page">
      <header className="page__header">
        <p>
          <Link to="/">All flows</Link>
        </p>
        <h1>Connections</h1>
      </header>
      {canEdit && (
        <p>
          <button
            type="button"
            className="button button--primary"
            onClick={() => setEditing({ kind: 'create' })}
          >
            Add a connection
          </button>
        </p>
      )}
      {connections.isError && (
        <ErrorNotice title="Could not load the connections">
          {errorMessage(connections.error)}
        </ErrorNotice>
      )}
      {connections.data?.length === 0 && (
        <p className="empty">
          No connections yet. Add one with the ids, secrets and token of your Meta app.
        </p>
      )}
      {connections.data !== undefined && connections.data.length > 0 && (
        <ListTable
          caption="Connections"
          columns={['Name', 'WABA id', 'Phone number id', 'Graph API base', 'Key pair']}
        >
          {connections.data.map((connection) => (
            <ConnectionRow
              key={connection.id}
              connection={connection}
              canEdit={canEdit}
              onKeys={() => setKeysOf(connection.id)}
              onEdit={() => setEditing({ kind: 'edit', connection })}
              onDelete={() => setDeleting(connection)}
            />
          ))}
        </ListTable>
      )}
      {shownKeys !== undefined && <KeyPairPanel key={shownKeys.id} connection={shownKeys} />}
      <MetaSetupNote />
      {editing !== null && (
        <ConnectionDialog
          {...(editing.kind === 'edit' ? { connection: editing.connection } : {})}
          onClose={() => setEditing(null)}
        />
      )}
      {deleting !== null && (
        <DeleteConnectionDialog connection={deleting} onClose={() => setDeleting(null)} />
      )}
    </main>
  );
}
