import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';

import { errorCode, errorMessage, importProblems } from '../api/errors';
import { useTRPC } from '../api/trpc';
import { Dialog } from '../ui/Dialog';
import { ErrorNotice } from '../ui/ErrorNotice';
import {
  CONNECTION_FIELD_NAMES,
  CONNECTION_FIELDS,
  type ConnectionDraft,
  type ConnectionField,
  connectionChanges,
  type ConnectionView,
  draftOf,
  EMPTY_DRAFT,
  isSecretField,
  newConnectionInput,
  placeProblems,
  type PlacedProblems,
} from './connectionForm';

function ConnectionInput(props: {
  field: ConnectionField;
  value: string;
  editing: boolean;
  problems: readonly string[];
  onChange: (value: string) => void;
}) {
  const { field, value, editing, problems } = props;
  const id = `${useId()}-${field}`;
  const spec = CONNECTION_FIELDS[field];
  const secret = isSecretField(field);
  const hint = secret && editing ? 'Leave empty to keep the one on record' : spec.hint;

  return (
    <div className="field connection-form__field">
      <label className="field__label" htmlFor={id}>
        {spec.label}
      </label>
      <input
        id={id}
        className="input"
        name={field}
        type={secret ? 'password' : 'text'}
        autoComplete={secret ? 'new-password' : 'off'}
        inputMode={field.endsWith('Id') ? 'numeric' : undefined}
        value={value}
        aria-invalid={problems.length > 0}
        aria-describedby={`${id}-hint ${id}-problems`}
        onChange={(event) => props.onChange(event.target.value)}
      />
      <span id={`${id}-hint`} className="field__label">
        {hint}
      </span>
      <div id={`${id}-problems`} aria-live="polite">
        {problems.map((problem) => (
          <p key={problem} className="field__error">
            {problem}
          </p>
        ))}
      </div>
    </div>
  );
}

/** A refused save: zod problems under their field, a taken name under the name. */
function problemsOf(error: unknown, editing: boolean): PlacedProblems {
  const placed = placeProblems(importProblems(error), editing ? '/changes' : '');
  const noneListed = Object.keys(placed.byField).length === 0 && placed.other.length === 0;
  if (noneListed && errorCode(error) === 'CONFLICT') {
    return { byField: { name: [errorMessage(error)] }, other: [] };
  }

  return noneListed ? { byField: {}, other: [errorMessage(error)] } : placed;
}

/**
 * Adds a connection, or edits one. Secrets are write-only: editing shows them empty and keeps
 * the ones on record unless new ones are typed.
 */
export function ConnectionDialog(props: { connection?: ConnectionView; onClose: () => void }) {
  const { connection, onClose } = props;
  const editing = connection !== undefined;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formId = useId();
  const [draft, setDraft] = useState<ConnectionDraft>(() =>
    connection ? draftOf(connection) : EMPTY_DRAFT,
  );
  const onSuccess = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.connections.pathKey() });
    onClose();
  };
  const create = useMutation(trpc.connections.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.connections.update.mutationOptions({ onSuccess }));
  const failure = create.error ?? update.error;
  const problems = failure ? problemsOf(failure, editing) : { byField: {}, other: [] };
  const pending = create.isPending || update.isPending;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (connection) {
      update.mutate({ id: connection.id, changes: connectionChanges(connection, draft) });
    } else {
      create.mutate(newConnectionInput(draft));
    }
  };

  return (
    <Dialog
      title={editing ? `Edit ${connection.name}` : 'Add a connection'}
      onDismiss={onClose}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={formId} className="button button--primary" disabled={pending}>
            {editing ? 'Save connection' : 'Add connection'}
          </button>
        </>
      }
    >
      <form id={formId} className="connection-form" onSubmit={onSubmit} noValidate>
        {problems.other.length > 0 && (
          <ErrorNotice title="The connection was not saved">
            {problems.other.map((problem) => (
              <p key={problem}>{problem}</p>
            ))}
          </ErrorNotice>
        )}
        {CONNECTION_FIELD_NAMES.map((field) => (
          <ConnectionInput
            key={field}
            field={field}
            value={draft[field]}
            editing={editing}
            problems={problems.byField[field] ?? []}
            onChange={(value) => setDraft((current) => ({ ...current, [field]: value }))}
          />
        ))}
      </form>
    </Dialog>
  );
}
