import type { PublishingDependencies } from './dependencies';
import { carryOutPublish, preparePublish } from './publish-flow';
import type { PublishInput } from './publish-input';

/**
 * Records the runs (one per connection) and answers at once; the publish goes on in the
 * background and the editor polls the runs' steps. If the process stops meanwhile, the run
 * stays `running`: the next publish starts afresh and its create is still made only once.
 */
export async function startPublish(
  deps: PublishingDependencies,
  workspaceId: string,
  input: PublishInput,
): Promise<{ runs: { runId: string; connectionId: string; connectionName: string }[] }> {
  const prepared = await preparePublish(deps, workspaceId, input);
  carryOutPublish(deps, prepared).catch((error: unknown) => {
    deps.log?.error({ err: error, flowId: prepared.input.flowId }, 'publish stopped');
  });

  return {
    runs: prepared.jobs.map(({ run, connection }) => ({
      runId: run.runId,
      connectionId: connection.id,
      connectionName: connection.name,
    })),
  };
}
