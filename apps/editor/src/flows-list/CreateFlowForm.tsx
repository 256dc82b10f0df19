import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';

import { errorMessage } from '../api/errors';
import { useTRPC } from '../api/trpc';
import { flowPath, navigate } from '../app/router';

export function CreateFlowForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const create = useMutation(
    trpc.flows.create.mutationOptions({
      onSuccess: async ({ id }) => {
        await queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() });
        navigate(flowPath(id));
      },
    }),
  );

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed !== '') {
      create.mutate({ name: trimmed });
    }
  };

  return (
    <form className="create-flow" onSubmit={onSubmit}>
      <label className="field">
        <span className="field__label">New flow name</span>
        <input
          className="input"
          value={name}
          maxLength={200}
          required
          onChange={(event) => setName(event.target.value)}
        />
      </label>
      <button type="submit" className="button button--primary" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create flow'}
      </button>
      {create.isError && (
        <p className="field__error" role="alert">
          Could not create the flow: {errorMessage(create.error)}
        </p>
      )}
    </form>
  );
}
