import { describe, expect, it } from 'vitest';

import { loadFixtureFlows as loadFlowsIn } from '../../flow-json/src/fixtures.test-helper';
import { createFlowPlayer } from './index';
import { routingEndpoint, walkFlow } from './walk.test-helper';

const fixtures = loadFlowsIn(new URL('../test-data/', import.meta.url));

type Flow = Parameters<typeof routingEndpoint>[0] & { data_api_version?: string };

describe('every real Flow of Meta and the pywa examples plays to its end', () => {
  it('has the fixtures to play', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(17);
  });

  it.each(fixtures.map((fixture) => [fixture.name, fixture.flow] as const))('%s', (_, raw) => {
    const flow = raw as Flow;
    const player = createFlowPlayer(flow);
    const walk = walkFlow(player, player.start({ examples: true }), routingEndpoint(flow));

    expect(walk.state.status).toBe('completed');
    if (walk.completed === undefined) {
      // Ended by the endpoint's SUCCESS: the Flow must have an endpoint, the params reach the chat.
      expect(flow.data_api_version).toBeDefined();
      expect(walk.state.response?.flow_token).toBe('flow-token-0001');
    } else {
      expect(Object.keys(walk.completed).sort()).toEqual(walk.declaredKeys);
      expect(walk.state.response).toEqual(walk.completed);
    }
    expect(walk.screens.length).toBeGreaterThanOrEqual(1);
  });
});
