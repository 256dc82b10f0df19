import { describe, expect, it } from 'vitest';

import { NO_FILTERS, responsesQuery } from './responsesQuery';

describe('responsesQuery', () => {
  it('asks for every response of the Flow without filters', () => {
    expect(responsesQuery('f1', NO_FILTERS)).toEqual({ flowId: 'f1' });
  });

  it('covers whole local days and trims the search text', () => {
    const query = responsesQuery('f1', {
      from: '2026-12-01',
      to: '2026-12-01',
      status: 'dead',
      text: '  late ',
    });

    expect(new Date(query.receivedFrom ?? '').getDate()).toBe(1);
    expect(
      new Date(query.receivedTo ?? '').getTime() - new Date(query.receivedFrom ?? '').getTime(),
    ).toBe(86_400_000 - 1);
    expect(query).toMatchObject({ status: 'dead', text: 'late' });
  });
});
