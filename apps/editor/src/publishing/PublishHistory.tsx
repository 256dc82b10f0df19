import { useQuery } from '@tanstack/react-query';

import { useTRPC } from '../api/trpc';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** What was published where and when; each entry opens the Flow JSON that was sent. */
export function PublishHistory({ flowId }: { flowId: string }) {
  const trpc = useTRPC();
  const history = useQuery(trpc.publishing.history.queryOptions({ flowId }));

  return (
    <section aria-label="Publish history">
      <h3>History</h3>
      {history.data?.length === 0 && <p>Nothing published yet.</p>}
      <ol className="publish-history">
        {history.data?.map((run) => (
          <li key={run.id}>
            {dateFormat.format(new Date(run.createdAt))} · {run.connectionName} · {run.status}
            {run.dryRun ? ' (dry run)' : ''}
            {run.metaFlowId !== null && <code> {run.metaFlowId}</code>}
            {run.uploaded ? ' · uploaded' : ''}
            <SentJson runId={run.id} />
          </li>
        ))}
      </ol>
    </section>
  );
}

function SentJson({ runId }: { runId: string }) {
  const trpc = useTRPC();
  const run = useQuery({ ...trpc.publishing.run.queryOptions({ runId }), enabled: false });

  return (
    <details onToggle={(event) => event.currentTarget.open && void run.refetch()}>
      <summary>Flow JSON sent</summary>
      <pre className="publish-history__json">{run.data?.flowJsonText ?? 'Loading…'}</pre>
    </details>
  );
}
