import type { AppRouter } from '@sanjay-flow/server/router';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

export type FlowSummary = RouterOutputs['flows']['list'][number];
export type FlowRecord = RouterOutputs['flows']['get'];
