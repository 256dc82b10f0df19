import { describe, expect, it } from 'vitest';

import { createFlowPlayer } from './index';

const footer = {
  type: 'Footer',
  label: 'Send',
  'on-click-action': { name: 'complete', payload: {} },
};

function screenWith(children: unknown[]) {
  return {
    version: '7.1',
    screens: [{ id: 'ONLY', terminal: true, layout: { type: 'SingleColumnLayout', children } }],
  };
}

describe('error texts the Flow sets on its inputs', () => {
  it('shows a Form’s error-messages on the input they name', () => {
    const player = createFlowPlayer(
      screenWith([
        {
          type: 'Form',
          name: 'form',
          'error-messages': { note: 'Please shorten it' },
          children: [{ type: 'TextArea', name: 'note', label: 'Note' }, footer],
        },
      ]),
    );

    expect(player.view(player.start()).inputs[0]?.message).toBe('Please shorten it');
  });

  it('joins a picker’s messages per file', () => {
    const player = createFlowPlayer(
      screenWith([
        {
          type: 'PhotoPicker',
          name: 'photos',
          label: 'Photos',
          'error-message': { 'media-1': 'Too dark', 'media-2': 'Blurred' },
        },
        footer,
      ]),
    );

    expect(player.view(player.start()).inputs[0]?.message).toBe('Too dark; Blurred');
  });
});
