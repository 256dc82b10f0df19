import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

import { useTRPC } from '../api/trpc';
import { usePublishProblems, type PublishProblem } from './publishProblems';

const STEP_NAMES: Record<string, string> = {
  validate: 'Check the Flow',
  create: 'Create the Flow at Meta',
  upload: 'Upload the Flow JSON',
  validation_errors: "Read Meta's validation errors",
  endpoint: 'Endpoint and public key',
  publish: 'Publish',
};

const RUN_WORDS: Record<string, string> = {
  running: 'Publishing…',
  published: 'Published',
  unchanged: 'Nothing to do: already published with this content',
  dry_run: 'Checked (dry run)',
  refused: 'Refused',
  failed: 'Failed',
};

/** One connection's publish, step by step, polled until it ends. */
export function RunProgress({
  flowId,
  runId,
  title,
}: {
  flowId: string;
  runId: string;
  title: string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const run = useQuery(
    trpc.publishing.run.queryOptions(
      { runId },
      { refetchInterval: (query) => (query.state.data?.status === 'running' ? 500 : false) },
    ),
  );
  const status = run.data?.status;
  const problems = run.data?.problems;

  useEffect(() => {
    if (status === undefined || status === 'running') {
      return;
    }
    void queryClient.invalidateQueries({ queryKey: trpc.publishing.status.queryKey({ flowId }) });
    void queryClient.invalidateQueries({ queryKey: trpc.publishing.history.queryKey({ flowId }) });
    const found = Array.isArray(problems) ? (problems as unknown as PublishProblem[]) : [];
    if (found.length > 0) {
      usePublishProblems.getState().show(flowId, found);
    }
  }, [status, problems, flowId, queryClient, trpc]);

  return (
    <section className="publish-run" aria-label={`Publishing to ${title}`}>
      <h3>
        {title}: <span role="status">{RUN_WORDS[status ?? 'running'] ?? status}</span>
      </h3>
      <ol className="publish-run__steps">
        {run.data?.steps.map((step) => (
          <li key={step.name} className={`publish-step publish-step--${step.status}`}>
            <span className="publish-step__name">{STEP_NAMES[step.name] ?? step.name}</span>{' '}
            <span className="publish-step__status">{step.status}</span>
            {step.attempts > 1 && <span> ({step.attempts} attempts)</span>}
            {step.detail !== null && <div className="publish-step__detail">{step.detail}</div>}
          </li>
        ))}
      </ol>
      {run.data?.error != null && (
        <p className="field__error" role="alert">
          {run.data.error}
        </p>
      )}
    </section>
  );
}
