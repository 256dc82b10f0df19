import { describe, expect, it } from 'vitest';

import { flowPath, matchRoute } from './router';

describe('matchRoute', () => {
  it('maps the root to the flows list', () => {
    expect(matchRoute('/')).toEqual({ view: 'flows' });
  });

  it('maps /flows/:id to the editor, decoding the id', () => {
    expect(matchRoute('/flows/abc-123')).toEqual({ view: 'flow', flowId: 'abc-123' });
    expect(matchRoute('/flows/abc-123/')).toEqual({ view: 'flow', flowId: 'abc-123' });
    expect(matchRoute(flowPath('a b/c'))).toEqual({ view: 'flow', flowId: 'a b/c' });
  });

  it('maps /meta-flows to the Flows at Meta page', () => {
    expect(matchRoute('/meta-flows')).toEqual({ view: 'pull' });
    expect(matchRoute('/meta-flows/')).toEqual({ view: 'pull' });
  });

  it('maps /settings/privacy to the privacy page', () => {
    expect(matchRoute('/settings/privacy')).toEqual({ view: 'privacy' });
    expect(matchRoute('/settings/privacy/')).toEqual({ view: 'privacy' });
    expect(matchRoute('/privacy')).toEqual({ view: 'not-found' });
  });

  it('maps /settings/members to the members and tokens page', () => {
    expect(matchRoute('/settings/members')).toEqual({ view: 'members' });
  });

  it('maps /settings/connections to the connections page', () => {
    expect(matchRoute('/settings/connections')).toEqual({ view: 'connections' });
    expect(matchRoute('/settings/connections/')).toEqual({ view: 'connections' });
    expect(matchRoute('/connections')).toEqual({ view: 'not-found' });
  });

  it('reports anything else as not found', () => {
    expect(matchRoute('/flows')).toEqual({ view: 'not-found' });
    expect(matchRoute('/flows/a/b')).toEqual({ view: 'not-found' });
    expect(matchRoute('/settings')).toEqual({ view: 'not-found' });
  });
});
