import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';

import { errorMessage } from '../api/errors';
import { useTRPC } from '../api/trpc';
import { ErrorNotice } from '../ui/ErrorNotice';
import { ListTable } from '../ui/ListTable';

type Role = 'owner' | 'editor' | 'viewer';

/** API tokens for the CLI and CI: made here (shown once), listed by prefix, revoked. */
export function TokensSection() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tokens = useQuery(trpc.tokens.list.queryOptions());
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('editor');
  const [shown, setShown] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.tokens.list.queryKey() });
  const create = useMutation(
    trpc.tokens.create.mutationOptions({
      onSuccess: async (answer) => {
        setShown(answer.token);
        setName('');
        await refresh();
      },
    }),
  );
  const revoke = useMutation(trpc.tokens.revoke.mutationOptions({ onSettled: refresh }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name, role });
  };

  return (
    <section aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">API tokens</h2>
      <form className="toolbar" onSubmit={submit} aria-label="Create an API token">
        <label>
          Token name
          <input required value={name} onChange={(event) => setName(event.target.value)} />
        </label>
        <select
          aria-label="Role of the new token"
          value={role}
          onChange={(event) => setRole(event.target.value as Role)}
        >
          <option value="viewer">viewer</option>
          <option value="editor">editor</option>
          <option value="owner">owner</option>
        </select>
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          Create token
        </button>
      </form>
      {shown !== null && (
        <p className="notice" role="status">
          Copy this token now, it is not shown again:{' '}
          <code aria-label="New API token">{shown}</code> Send it as{' '}
          <code>Authorization: Bearer …</code>.
        </p>
      )}
      {(create.error ?? revoke.error) && (
        <ErrorNotice title="The token change was refused">
          {errorMessage(create.error ?? revoke.error)}
        </ErrorNotice>
      )}
      <ListTable caption="API tokens" columns={['Name', 'Starts with', 'Role', 'Last used']}>
        {(tokens.data ?? []).map((token) => (
          <tr key={token.id}>
            <td>{token.name}</td>
            <td>
              <code>{token.prefix}…</code>
            </td>
            <td>{token.role}</td>
            <td>{token.lastUsedAt ?? 'never'}</td>
            <td>
              {token.revokedAt ? (
                'revoked'
              ) : (
                <button
                  type="button"
                  className="button button--danger"
                  aria-label={`Revoke ${token.name}`}
                  onClick={() => revoke.mutate({ id: token.id })}
                >
                  Revoke
                </button>
              )}
            </td>
          </tr>
        ))}
      </ListTable>
    </section>
  );
}
