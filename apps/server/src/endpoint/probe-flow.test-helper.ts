import type { GraphDocument } from '@sanjay-flow/graph';
import type { LogicNode, ProgramEdge } from '@sanjay-flow/runtime';

import { graphOf } from './endpoint.test-helper';

/** A step reached by submitting START with `payload.action` = `action`. */
function probe(action: string, step: LogicNode): { nodes: LogicNode[]; edges: ProgramEdge[] } {
  const trigger: LogicNode = {
    id: `on_${action}`,
    type: 'trigger.screen_submitted',
    screen: 'START',
    action,
  };

  return {
    nodes: [trigger, step],
    edges: [
      { from: trigger.id, to: step.id },
      { from: step.id, to: 'show_start' },
    ],
  };
}

function httpStep(id: string, url: string): LogicNode {
  return {
    id,
    type: 'http_request',
    method: 'GET',
    url,
    headers: {},
    timeoutMs: 9_000,
    retries: 0,
    backoffMs: 0,
    responseMapping: [],
  };
}

/**
 * A Flow whose START screen (no declared data, so an error can always be shown on it) leads
 * to one failing step per `payload.action`.
 */
export function probeGraph(apiUrl: string): GraphDocument {
  const probes = [
    probe('expression', {
      id: 'bad_number',
      type: 'set_data',
      assignments: [{ variable: 'n', expression: "number('not a number')" }],
    }),
    probe('hang', httpStep('call_hang', `${apiUrl}/hang`)),
    probe('metadata', httpStep('call_metadata', 'http://169.254.169.254/latest/meta-data/')),
    probe('private', httpStep('call_private', 'http://10.0.0.1/internal')),
  ];
  const mismatch: LogicNode[] = [
    { id: 'on_mismatch', type: 'trigger.screen_submitted', screen: 'START', action: 'mismatch' },
    { id: 'show_next_without_data', type: 'go_to_screen', screen: 'NEXT', data: {} },
  ];

  return graphOf(
    [{ id: 'START' }, { id: 'NEXT', data: { name: { type: 'string', __example__: 'Ada' } } }],
    { START: ['NEXT'], NEXT: [] },
    {
      nodes: [
        { id: 'opened', type: 'trigger.flow_opened' },
        { id: 'show_start', type: 'go_to_screen', screen: 'START', data: {} },
        ...probes.flatMap((entry) => entry.nodes),
        ...mismatch,
      ],
      edges: [
        { from: 'opened', to: 'show_start' },
        ...probes.flatMap((entry) => entry.edges),
        { from: 'on_mismatch', to: 'show_next_without_data' },
      ],
    },
  );
}
