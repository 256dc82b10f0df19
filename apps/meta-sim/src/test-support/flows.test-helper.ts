import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { decryptRequest, encryptResponse, verifySignature } from '@sanjay-flow/whatsapp';

/** Two screens joined by `navigate`, the second reading the first's answer from its data. */
export const TWO_SCREEN_FLOW = JSON.stringify({
  version: '6.1',
  screens: [
    {
      id: 'ASK',
      title: 'Your name',
      layout: {
        type: 'SingleColumnLayout',
        children: [
          { type: 'TextInput', name: 'name', label: 'Name', required: true },
          {
            type: 'Dropdown',
            name: 'size',
            label: 'Size',
            required: true,
            'data-source': [
              { id: 's', title: 'Small' },
              { id: 'l', title: 'Large' },
            ],
          },
          {
            type: 'Footer',
            label: 'Next',
            'on-click-action': {
              name: 'navigate',
              next: { type: 'screen', name: 'THANKS' },
              payload: { name: '${form.name}', size: '${form.size}' },
            },
          },
        ],
      },
    },
    {
      id: 'THANKS',
      title: 'Thanks',
      terminal: true,
      data: {
        name: { type: 'string', __example__: 'Ana' },
        size: { type: 'string', __example__: 's' },
      },
      layout: {
        type: 'SingleColumnLayout',
        children: [
          { type: 'TextBody', text: '${data.name}' },
          {
            type: 'Footer',
            label: 'Send',
            'on-click-action': {
              name: 'complete',
              payload: { name: '${data.name}', size: '${data.size}' },
            },
          },
        ],
      },
    },
  ],
});

/** A booking Flow whose screens come from the endpoint: INIT, two exchanges, SUCCESS. */
export const ENDPOINT_FLOW = JSON.stringify({
  version: '6.1',
  data_api_version: '3.0',
  routing_model: { START: ['CONFIRM'], CONFIRM: [] },
  screens: [
    {
      id: 'START',
      title: 'Book',
      data: { greeting: { type: 'string', __example__: 'Hello' } },
      layout: {
        type: 'SingleColumnLayout',
        children: [
          { type: 'TextHeading', text: '${data.greeting}' },
          { type: 'TextInput', name: 'name', label: 'Name', required: true },
          {
            type: 'Footer',
            label: 'Next',
            'on-click-action': { name: 'data_exchange', payload: { name: '${form.name}' } },
          },
        ],
      },
    },
    {
      id: 'CONFIRM',
      title: 'Confirm',
      terminal: true,
      refresh_on_back: true,
      data: { summary: { type: 'string', __example__: 'A table' } },
      layout: {
        type: 'SingleColumnLayout',
        children: [
          { type: 'TextBody', text: '${data.summary}' },
          {
            type: 'Footer',
            label: 'Book',
            'on-click-action': { name: 'data_exchange', payload: { confirmed: 'yes' } },
          },
        ],
      },
    },
  ],
});

export interface EndpointCall {
  action: string;
  screen: string | undefined;
  data: unknown;
  flow_token: string | undefined;
}

/** The business's data endpoint for ENDPOINT_FLOW, with real decryption and signature checks. */
export async function startBookingEndpoint(privateKeyPem: string, appSecret: string) {
  const calls: EndpointCall[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      if (req.url !== '/endpoint') {
        res.writeHead(404).end();

        return;
      }
      if (
        !verifySignature(raw, req.headers['x-hub-signature-256'] as string | undefined, appSecret)
      ) {
        res.writeHead(432).end();

        return;
      }
      const { decryptedBody, aesKey, iv } = decryptRequest(JSON.parse(raw), privateKeyPem);
      const request = decryptedBody as EndpointCall;
      calls.push(request);
      res
        .writeHead(200, { 'content-type': 'text/plain' })
        .end(encryptResponse(replyTo(request), aesKey, iv));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/endpoint`,
    calls,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function replyTo(request: EndpointCall): unknown {
  const data = (request.data ?? {}) as Record<string, unknown>;
  switch (request.action) {
    case 'ping':
      return { data: { status: 'active' } };
    case 'INIT':
      return { screen: 'START', data: { greeting: 'Hello' } };
    case 'BACK':
      return { screen: 'START', data: { greeting: 'Welcome back' } };
    default:
      return request.screen === 'START'
        ? { screen: 'CONFIRM', data: { summary: `A table for ${String(data.name)}` } }
        : {
            screen: 'SUCCESS',
            data: {
              extension_message_response: {
                params: { flow_token: request.flow_token, booking: 'B-1' },
              },
            },
          };
  }
}

/** One screen with a PhotoPicker for one photo, completed with the photo as a top-level key. */
export const PHOTO_FLOW = JSON.stringify({
  version: '6.1',
  screens: [
    {
      id: 'PHOTO',
      title: 'Your photo',
      terminal: true,
      layout: {
        type: 'SingleColumnLayout',
        children: [
          {
            type: 'PhotoPicker',
            name: 'photo',
            label: 'Photo of the damage',
            'min-uploaded-photos': 1,
            'max-uploaded-photos': 1,
          },
          {
            type: 'Footer',
            label: 'Send',
            'on-click-action': { name: 'complete', payload: { photo: '${form.photo}' } },
          },
        ],
      },
    },
  ],
});
