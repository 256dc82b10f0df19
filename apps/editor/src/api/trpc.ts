import type { AppRouter } from '@sanjay-flow/server/router';
import { QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';

import { errorHttpStatus, PayloadTooLargeError } from './errors';
import { csrfHeaders, SIGNED_OUT_EVENT } from './session';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export type ApiClient = ReturnType<typeof createApiClient>;

/**
 * The HTTP layer refuses bodies over its limit with a bare 413 before tRPC sees them, so the
 * response is not a tRPC error envelope; name it here so the UI can say "file too large". A 401
 * means the session ended: the app shows the sign-in page.
 */
async function fetchWithSizeCheck(input: RequestInfo | URL, init?: RequestInit) {
  const response = await fetch(input, init);
  if (response.status === 413) {
    throw new PayloadTooLargeError();
  }
  if (response.status === 401) {
    window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
  }

  return response;
}

export function createApiClient() {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: '/trpc',
        fetch: fetchWithSizeCheck,
        maxItems: 20,
        // The session cookie goes by itself; the CSRF token must be echoed for changes.
        headers: csrfHeaders,
      }),
    ],
  });
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // A 4xx answer will not change on a second try; a network failure or 5xx might.
      queries: { staleTime: 5_000, refetchOnWindowFocus: false, retry: retryOnlyTransient },
    },
  });
}

function retryOnlyTransient(failureCount: number, error: unknown): boolean {
  const status = errorHttpStatus(error);

  return failureCount < 1 && (status === undefined || status >= 500);
}
