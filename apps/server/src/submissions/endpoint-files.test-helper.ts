import type { GraphDocument } from '@sanjay-flow/graph';

import { graphOf } from '../endpoint/endpoint.test-helper';

/** A screen with a PhotoPicker whose files go to the endpoint, and a save step that keeps them. */
export function photoGraph(): GraphDocument {
  const graph = graphOf(
    [{ id: 'PHOTO' }, { id: 'THANKS', terminal: true }],
    { PHOTO: ['THANKS'], THANKS: [] },
    {
      nodes: [
        { id: 'opened', type: 'trigger.flow_opened' },
        { id: 'show_photo', type: 'go_to_screen', screen: 'PHOTO', data: {} },
        { id: 'sent', type: 'trigger.screen_submitted', screen: 'PHOTO' },
        { id: 'save', type: 'save_submission', answers: { photo: 'payload.photo' } },
        { id: 'thanks', type: 'go_to_screen', screen: 'THANKS', data: {} },
      ],
      edges: [
        { from: 'opened', to: 'show_photo' },
        { from: 'sent', to: 'save' },
        { from: 'save', to: 'thanks' },
      ],
    },
  );
  const screen = graph.nodes.find((node) => node.kind === 'screen' && node.id === 'PHOTO');
  if (screen?.kind !== 'screen') {
    throw new Error('no PHOTO screen');
  }
  screen.screen.layout = {
    type: 'SingleColumnLayout',
    children: [
      { type: 'PhotoPicker', name: 'photo', label: 'Damage photo', 'max-uploaded-photos': 1 },
      {
        type: 'Footer',
        label: 'Send',
        'on-click-action': { name: 'data_exchange', payload: { photo: '${form.photo}' } },
      },
    ],
  };

  return graph;
}
