import { describe, expect, it } from 'vitest';

import { matchRoute, responsesPath } from '../app/router';

describe('the responses route', () => {
  it('maps /flows/:id/responses to the responses view of that Flow', () => {
    expect(matchRoute(responsesPath('abc-123'))).toEqual({ view: 'responses', flowId: 'abc-123' });
    expect(matchRoute('/flows/a%20b/responses/')).toEqual({ view: 'responses', flowId: 'a b' });
    expect(matchRoute('/flows/a/responses/x')).toEqual({ view: 'not-found' });
  });
});
