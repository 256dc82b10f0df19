import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';

import { errorMessage } from '../api/errors';
import { useTRPC, useTRPCClient } from '../api/trpc';
import { useCanEdit } from '../auth/workspaceRole';
import { ErrorNotice } from '../ui/ErrorNotice';
import { VersionDiff, versionTitle, type VersionSummary } from './VersionDiff';

export interface VersionsPanelProps {
  flowId: string;
  /** Sends the editor's unsaved edits; resolves once they are saved (or refused). */
  flushChanges: () => Promise<void>;
  /** Opens the Flow's saved draft again in the editor. */
  reload: () => Promise<void>;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function SaveVersionForm({ flowId, flushChanges }: Omit<VersionsPanelProps, 'reload'>) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [label, setLabel] = useState('');
  const save = useMutation(
    trpc.versions.save.mutationOptions({
      onSuccess: async () => {
        setLabel('');
        await queryClient.invalidateQueries({ queryKey: trpc.versions.pathKey() });
      },
    }),
  );
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    await flushChanges();
    save.mutate({ flowId, label });
  };

  return (
    <form className="versions__save" onSubmit={(event) => void onSubmit(event)}>
      <label className="field">
        <span className="field__label">Version name</span>
        <input
          className="input"
          value={label}
          maxLength={100}
          required
          onChange={(event) => setLabel(event.target.value)}
        />
      </label>
      <button type="submit" className="button button--primary" disabled={save.isPending}>
        Save version
      </button>
      {save.isError && (
        <p className="field__error" role="alert">
          Could not save the version: {errorMessage(save.error)}
        </p>
      )}
    </form>
  );
}

function VersionItem(props: {
  version: VersionSummary;
  busy: boolean;
  /** Absent for a viewer, who cannot restore. */
  onRestore?: (version: VersionSummary) => void;
}) {
  const { onRestore } = props;
  const { version } = props;

  return (
    <li className="versions__item" data-testid={`version-${version.number}`}>
      <span className="versions__name">{versionTitle(version)}</span>
      <time className="versions__date" dateTime={new Date(version.createdAt).toISOString()}>
        {dateFormat.format(new Date(version.createdAt))}
      </time>
      {onRestore && (
        <button
          type="button"
          className="button button--quiet"
          aria-label={`Restore version ${version.number}`}
          disabled={props.busy}
          onClick={() => onRestore(version)}
        >
          Restore
        </button>
      )}
    </li>
  );
}

/**
 * Named versions of the open Flow: save one, list them, restore one, compare two. Viewers list
 * and compare.
 */
export function VersionsPanel({ flowId, flushChanges, reload }: VersionsPanelProps) {
  const canEdit = useCanEdit();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.versions.list.queryOptions({ flowId }));
  const restore = useMutation({
    mutationFn: async (version: VersionSummary) => {
      await flushChanges();
      // The draft as saved now; a newer one saved elsewhere makes the restore refuse.
      const { revision } = await client.flows.get.query({ id: flowId });
      await client.versions.restore.mutate({
        flowId,
        versionId: version.id,
        expectedRevision: revision,
      });
      await reload();
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.versions.pathKey() }),
  });

  return (
    <section className="versions" aria-labelledby="versions-title">
      <h2 id="versions-title" className="versions__title">
        Versions
      </h2>
      {canEdit && <SaveVersionForm flowId={flowId} flushChanges={flushChanges} />}
      {list.isError && (
        <ErrorNotice title="Could not load the versions">
          <p>{errorMessage(list.error)}</p>
        </ErrorNotice>
      )}
      {restore.isError && (
        <ErrorNotice title="Could not restore" onDismiss={() => restore.reset()}>
          <p>{errorMessage(restore.error)}</p>
        </ErrorNotice>
      )}
      {restore.isSuccess && (
        <p className="versions__notice" aria-live="polite">
          Restored version {restore.variables.number}.
        </p>
      )}
      {list.isSuccess && (
        <>
          <p className="versions__draft">
            {list.data.draftChanged
              ? 'The current draft has changes not kept in any version.'
              : 'The current draft is kept in a version.'}
          </p>
          <ol className="versions__list" aria-label="Version history">
            {list.data.versions.map((version) => (
              <VersionItem
                key={version.id}
                version={version}
                busy={restore.isPending}
                {...(canEdit ? { onRestore: (chosen) => restore.mutate(chosen) } : {})}
              />
            ))}
          </ol>
          <VersionDiff flowId={flowId} versions={list.data.versions} />
        </>
      )}
    </section>
  );
}
