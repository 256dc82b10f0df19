import { readFileSync } from 'node:fs';

/** A Graph API call to the stand-in, as a product would make it. */
export async function graph(
  baseUrl: string,
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const headers: Record<string, string> =
    token === undefined ? {} : { authorization: `Bearer ${token}` };
  let payload: FormData | URLSearchParams | string | undefined;
  if (body instanceof FormData || body instanceof URLSearchParams) {
    payload = body;
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const response = await fetch(`${baseUrl}/v23.0${path}`, { method, headers, body: payload });

  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

/** The multipart body of an asset upload (spec D1). */
export function flowJsonForm(text: string): FormData {
  const form = new FormData();
  form.set('file', new Blob([text], { type: 'application/json' }), 'flow.json');
  form.set('name', 'flow.json');
  form.set('asset_type', 'FLOW_JSON');

  return form;
}

export function testData(name: string): string {
  return readFileSync(new URL(`../../test-data/${name}`, import.meta.url), 'utf8');
}

/** A small publishable Flow without an endpoint: one screen that completes. */
export function staticFlowJson(version = '6.1'): string {
  return JSON.stringify(
    {
      version,
      screens: [
        {
          id: 'WELCOME',
          title: 'Welcome',
          terminal: true,
          layout: {
            type: 'SingleColumnLayout',
            children: [
              { type: 'TextInput', name: 'name', label: 'Your name', required: true },
              {
                type: 'Footer',
                label: 'Done',
                'on-click-action': { name: 'complete', payload: { name: '${form.name}' } },
              },
            ],
          },
        },
      ],
    },
    null,
    2,
  );
}
