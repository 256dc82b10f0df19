import type { FlowSummary } from '../api/types';

/** The flows whose name holds every word of the query, in any case and accent. */
export function matchingFlows(flows: readonly FlowSummary[], query: string): FlowSummary[] {
  const words = fold(query).split(/\s+/).filter(Boolean);

  return flows.filter((flow) => {
    const name = fold(flow.name);

    return words.every((word) => name.includes(word));
  });
}

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}
