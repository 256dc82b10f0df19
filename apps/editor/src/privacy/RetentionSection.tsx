import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';

import { errorMessage } from '../api/errors';
import { useTRPC } from '../api/trpc';
import { ErrorNotice } from '../ui/ErrorNotice';
import {
  changesOf,
  draftOf,
  NUMERIC_FIELDS,
  type RetentionDraft,
  type RetentionSettings,
} from './retentionForm';

/** When each class of data goes, and the settings behind it (owners change them). */
export function RetentionSection() {
  const trpc = useTRPC();
  const retention = useQuery(trpc.privacy.retention.queryOptions());

  return (
    <section aria-labelledby="retention-title">
      <h2 id="retention-title">What is kept, and when it goes</h2>
      {retention.isError && (
        <ErrorNotice title="Could not load the retention settings">
          {errorMessage(retention.error)}
        </ErrorNotice>
      )}
      {retention.data && (
        <>
          <table className="retention-rules" data-testid="retention-rules">
            <thead>
              <tr>
                <th scope="col">Data</th>
                <th scope="col">Goes</th>
              </tr>
            </thead>
            <tbody>
              {retention.data.rules.map((rule) => (
                <tr key={rule.dataClass} data-testid={`retention-rule-${rule.dataClass}`}>
                  <td>{rule.holds}</td>
                  <td>{rule.goes}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <RetentionForm
            key={JSON.stringify(retention.data.settings)}
            settings={retention.data.settings}
          />
        </>
      )}
    </section>
  );
}

function RetentionForm({ settings }: { settings: RetentionSettings }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<RetentionDraft>(() => draftOf(settings));
  const [problems, setProblems] = useState<string[]>([]);
  const update = useMutation(
    trpc.privacy.updateRetention.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.privacy.retention.queryKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.privacy.audit.queryKey() });
      },
    }),
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const result = changesOf(settings, draft);
    setProblems(result.ok ? [] : result.problems);
    if (result.ok && Object.keys(result.changes).length > 0) {
      update.mutate(result.changes);
    }
  };

  return (
    <form className="retention-form" onSubmit={onSubmit} aria-label="Retention settings">
      <label>
        <input
          type="checkbox"
          checked={draft.deleteDeliveredSubmissions}
          onChange={(e) => setDraft({ ...draft, deleteDeliveredSubmissions: e.target.checked })}
        />{' '}
        Delete a response as soon as every destination has it
      </label>
      {NUMERIC_FIELDS.map((field) => (
        <label key={field.key}>
          {field.label} ({field.unit}){' '}
          <input
            name={field.key}
            inputMode="numeric"
            value={draft[field.key]}
            min={field.min}
            max={field.max}
            onChange={(e) => setDraft({ ...draft, [field.key]: e.target.value })}
          />
        </label>
      ))}
      {problems.length > 0 && (
        <ErrorNotice title="Check these settings">
          <ul>
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </ErrorNotice>
      )}
      {update.isError && (
        <ErrorNotice title="Could not save">{errorMessage(update.error)}</ErrorNotice>
      )}
      <button type="submit" className="button" disabled={update.isPending}>
        Save retention settings
      </button>
      {update.isSuccess && <span role="status"> Saved.</span>}
    </form>
  );
}
