import { useInfiniteQuery } from '@tanstack/react-query';

import { errorMessage } from '../../api/errors';
import { useTRPC } from '../../api/trpc';
import type { RouterOutputs } from '../../api/types';
import { EndpointSwitches } from './EndpointSwitches';

type EndpointCall = RouterOutputs['endpoint']['calls']['page']['calls'][number];

const PAGE_SIZE = 25;
/** While the panel is open the newest calls come in on their own, as a test on a phone runs. */
const REFRESH_MS = 5_000;

function CallRow({ call }: { call: EndpointCall }) {
  const failed = call.httpStatus >= 400;

  return (
    <tr className={failed ? 'call-log__row call-log__row--failed' : 'call-log__row'}>
      <td>
        <time dateTime={call.at}>{new Date(call.at).toLocaleString()}</time>
      </td>
      <td>{call.action ?? '—'}</td>
      <td>{call.screen ?? '—'}</td>
      <td>{call.httpStatus}</td>
      <td>{call.latencyMs} ms</td>
      <td>
        {call.errorCode === null ? '' : <code>{call.errorCode}</code>} {call.errorMessage ?? ''}
        {call.debugPayload !== null && (
          <details>
            <summary>Request and reply</summary>
            <pre className="call-log__payload">{JSON.stringify(call.debugPayload, null, 2)}</pre>
          </details>
        )}
      </td>
    </tr>
  );
}

/** The Flow's data-endpoint calls, newest first, a page at a time, with its switches. */
export function CallLogPanel({ flowId }: { flowId: string }) {
  const trpc = useTRPC();
  const calls = useInfiniteQuery(
    trpc.endpoint.calls.page.infiniteQueryOptions(
      { flowId, limit: PAGE_SIZE },
      { getNextPageParam: (page) => page.nextCursor, refetchInterval: REFRESH_MS },
    ),
  );
  const rows = calls.data?.pages.flatMap((page) => page.calls) ?? [];

  return (
    <section className="call-log" aria-label="Call log">
      <header className="call-log__header">
        <h2 className="call-log__title">Data endpoint calls</h2>
        <EndpointSwitches flowId={flowId} />
        <button
          type="button"
          className="button"
          disabled={calls.isFetching}
          onClick={() => void calls.refetch()}
        >
          {calls.isFetching ? 'Refreshing…' : 'Refresh'}
        </button>
      </header>
      {calls.isError && (
        <p className="field__error" role="alert">
          Could not load the calls: {errorMessage(calls.error)}
        </p>
      )}
      {calls.isSuccess && rows.length === 0 && (
        <p className="call-log__empty">No calls yet. Calls from Meta or a test phone show here.</p>
      )}
      {rows.length > 0 && (
        <table className="call-log__table">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Action</th>
              <th scope="col">Screen</th>
              <th scope="col">Status</th>
              <th scope="col">Latency</th>
              <th scope="col">Error</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((call) => (
              <CallRow key={call.id} call={call} />
            ))}
          </tbody>
        </table>
      )}
      {calls.hasNextPage && (
        <button
          type="button"
          className="button"
          disabled={calls.isFetchingNextPage}
          onClick={() => void calls.fetchNextPage()}
        >
          Older calls
        </button>
      )}
    </section>
  );
}
