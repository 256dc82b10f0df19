import { describe, expect, it } from 'vitest';

import type { FlowSummary } from '../api/types';
import { matchingFlows } from './flowSearch';

function flow(name: string): FlowSummary {
  return { id: name, name, revision: 1, screenCount: 1, updatedAt: '2026-01-01T00:00:00Z' };
}

describe('flow search', () => {
  const flows = [flow('Café booking'), flow('Lead capture'), flow('Booking for spa')];

  it('keeps flows whose name holds every word, ignoring case and accents', () => {
    expect(matchingFlows(flows, 'cafe').map((item) => item.name)).toEqual(['Café booking']);
    expect(matchingFlows(flows, 'BOOKING spa').map((item) => item.name)).toEqual([
      'Booking for spa',
    ]);
  });

  it('keeps every flow for an empty query and none for a missing word', () => {
    expect(matchingFlows(flows, '  ')).toHaveLength(3);
    expect(matchingFlows(flows, 'survey')).toEqual([]);
  });
});
