import { describe, expect, it } from 'vitest';

import { mediaFlow } from './flows.test-helper';
import { createFlowPlayer } from './index';
import type { PickedMedia, PlayerState, Step } from './index';

const player = createFlowPlayer(mediaFlow);

const photo: PickedMedia = {
  id: 'media-1',
  file_name: 'cat.jpg',
  mime_type: 'image/jpeg',
  size_kb: 40,
  sha256: 'c2hh',
  cdn_url: 'http://127.0.0.1:3450/media/1',
  encryption_metadata: {
    encrypted_hash: 'ZQ==',
    iv: 'aQ==',
    encryption_key: 'aw==',
    hmac_key: 'aA==',
    plaintext_hash: 'cA==',
  },
};

function stateOf(step: Step): PlayerState {
  expect(step.kind).not.toBe('invalid');

  return step.state;
}

function upload(): PlayerState {
  const menu = player.start();

  return stateOf(player.press(menu, '/layout/children/0#photos'));
}

describe('a Flow with an endpoint', () => {
  it('starts on the entry screen and offers each list item as a target', () => {
    const view = player.view(player.start());

    expect(view.screen).toBe('MENU');
    expect(view.targets.map((target) => [target.target, target.label])).toEqual([
      ['/layout/children/0#photos', 'Send photos'],
      ['/layout/children/0#receipt', 'Send a receipt'],
    ]);
  });

  it('sends picked photos to the endpoint as encrypted-upload descriptions', () => {
    let state = upload();
    expect(player.press(state)).toMatchObject({
      kind: 'invalid',
      errors: [{ name: 'photos', message: '“Photos” is required' }],
    });
    state = stateOf(player.input(state, 'photos', [{ ...photo, size_kb: 400 }]));
    expect(player.view(state).inputs[0]?.error).toBe('“cat.jpg” is larger than 100 KB');
    state = stateOf(player.input(state, 'photos', [{ ...photo, mime_type: 'application/pdf' }]));
    expect(player.view(state).inputs[0]?.error).toMatch(/application\/pdf file/);
    state = stateOf(player.input(state, 'photos', [photo]));
    const step = player.press(state);

    expect(step).toMatchObject({
      kind: 'data_exchange',
      action: 'data_exchange',
      screen: 'UPLOAD',
      payload: {
        photos: [
          {
            media_id: 'media-1',
            file_name: 'cat.jpg',
            cdn_url: photo.cdn_url,
            encryption_metadata: photo.encryption_metadata,
          },
        ],
      },
    });
    expect(() => player.press(step.state)).toThrow(/waits for the endpoint's reply/);
  });

  it('completes with picked documents as media references', () => {
    const exchange = player.press(stateOf(player.input(upload(), 'photos', [photo])));
    let state = player.receive(exchange.state, { screen: 'RECEIPT', data: { slots: [] } });
    expect(state.screen).toBe('RECEIPT');
    const pdf = { ...photo, id: 'media-2', file_name: 'receipt.pdf', mime_type: 'application/pdf' };
    state = stateOf(player.input(state, 'receipt', [pdf]));

    expect(player.press(state)).toMatchObject({
      kind: 'complete',
      payload: {
        receipt: [
          { id: 'media-2', file_name: 'receipt.pdf', mime_type: 'application/pdf', sha256: 'c2hh' },
        ],
      },
    });
  });

  it('shows the endpoint’s error message on the same screen and keeps the inputs', () => {
    const state = stateOf(player.input(upload(), 'photos', [photo]));
    const exchange = player.press(state);
    const again = player.receive(exchange.state, {
      screen: 'UPLOAD',
      data: { error_message: 'The photo is blurred' },
    });

    expect(player.view(again).errorMessage).toBe('The photo is blurred');
    expect(player.view(again).inputs[0]?.value).toEqual([photo]);
    expect(again.pending).toBeUndefined();
  });

  it('refuses replies the phone would refuse', () => {
    const menu = player.start();
    const exchange = player.press(menu, '/layout/children/0#receipt');
    expect(exchange).toMatchObject({ kind: 'data_exchange', payload: { topic: 'receipt' } });

    expect(() => player.receive(exchange.state, { data: {} })).toThrow(/is not \{screen, data\}/);
    expect(() => player.receive(menu, { screen: 'RECEIPT', data: {} })).toThrow(/sent no request/);
    expect(() => player.receive(exchange.state, { screen: 'NOWHERE' })).toThrow(
      /no screen “NOWHERE”/,
    );
    expect(() => player.receive(exchange.state, { screen: 'RECEIPT', data: { slots: 1 } })).toThrow(
      expect.objectContaining({ code: 'INVALID_REPLY', clientError: 'payload-schema-error' }),
    );
    expect(() =>
      player.receive(exchange.state, { screen: 'RECEIPT', data: { slots: 'none' } }),
    ).toThrow(/\/data\/slots: expected array, got string/);
    const upload = stateOf(player.press(menu, '/layout/children/0#photos'));
    const fromUpload = player.press(stateOf(player.input(upload, 'photos', [photo])));
    // Only BACK may lead to a screen shown before (spec A8).
    expect(() => player.receive(fromUpload.state, { screen: 'MENU' })).toThrow(
      /answered MENU from UPLOAD, but the routing model leads from UPLOAD only to RECEIPT/,
    );
    expect(() => player.receive(exchange.state, { screen: 'SUCCESS', data: {} })).toThrow(
      /extension_message_response\.params/,
    );
  });

  it('ignores a "__proto__" key in screen data rather than taking it as the prototype', () => {
    const data: unknown = JSON.parse('{"__proto__":{"slots":"polluted"},"slots":[]}');
    const state = player.start({ screen: 'RECEIPT', data: data as Record<string, unknown> });
    const kept = state.screens.RECEIPT?.data ?? {};

    expect(Object.getPrototypeOf(kept)).toBe(Object.prototype);
    expect(kept).toEqual({ slots: [] });
  });

  it('finishes on SUCCESS with the params that go to the chat', () => {
    const exchange = player.press(player.start(), '/layout/children/0#receipt');
    const done = player.receive(exchange.state, {
      screen: 'SUCCESS',
      data: { extension_message_response: { params: { flow_token: 'T1', topic: 'receipt' } } },
    });

    expect(done).toMatchObject({
      status: 'completed',
      response: { flow_token: 'T1', topic: 'receipt' },
    });
  });

  it('asks the endpoint on back from a refresh_on_back screen', () => {
    const step = player.back(upload());

    expect(step).toMatchObject({
      kind: 'data_exchange',
      action: 'BACK',
      screen: 'UPLOAD',
      payload: {},
    });
    const menu = player.receive(step.state, { screen: 'MENU', data: {} });
    expect(menu).toMatchObject({ screen: 'MENU', history: [] });
  });

  it('goes back along a route to a screen not shown yet, when the Flow opened further on', () => {
    const opened = player.start({ screen: 'UPLOAD' });
    const step = player.back(opened);
    const menu = player.receive(step.state, { screen: 'MENU', data: {} });

    expect(menu).toMatchObject({ screen: 'MENU', history: [] });
    expect(player.back(menu).kind).toBe('close');
    expect(() => player.receive(step.state, { screen: 'RECEIPT', data: {} })).not.toThrow();
  });
});
