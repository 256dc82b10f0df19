import type { AppRouter } from '@sanjay-flow/server/router';
import type { inferRouterOutputs } from '@trpc/server';

export type RouterOutputs = inferRouterOutputs<AppRouter>;

export type FlowSummary = RouterOutputs['flows']['list'][number];
export type FlowRecord = RouterOutputs['flows']['get'];
