import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { BusinessView } from '../control/businesses';
import type { MetaSim } from '../sim';
import { flowJsonForm, graph, staticFlowJson } from '../test-support/graph.test-helper';
import { startSimBusinessWithWebhooks } from '../test-support/sim-business.test-helper';
import type { WebhookReceiver } from '../test-support/webhook-receiver.test-helper';

let sim: MetaSim;
let receiver: WebhookReceiver;
let business: BusinessView;
let token: string;

beforeAll(async () => {
  ({ sim, receiver, business, token } = await startSimBusinessWithWebhooks());
});

afterAll(async () => {
  await sim.close();
  await receiver.close();
});

const call = (method: string, path: string, body?: unknown) =>
  graph(sim.url, token, method, path, body);

async function createFlow(name: string): Promise<string> {
  const { json } = await call('POST', `/${business.wabaId}/flows`, { name, categories: ['OTHER'] });

  return String(json.id);
}

const pretty = (text: string) => `${JSON.stringify(JSON.parse(text), null, 2)}\n`;

describe('validation errors and edits of published Flows', () => {
  it('points each validation error at its place with a Meta path', async () => {
    const id = await createFlow('broken');
    const broken = JSON.parse(staticFlowJson()) as { screens: { terminal?: boolean }[] };
    delete broken.screens[0]?.terminal;
    const { json } = await call(
      'POST',
      `/${id}/assets`,
      flowJsonForm(pretty(JSON.stringify(broken))),
    );

    const errors = json.validation_errors as Record<string, unknown>[];
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatchObject({
      line_start: expect.any(Number) as unknown,
      pointers: [{ path: expect.stringMatching(/^screens/) as unknown }],
    });
  });

  it('refuses edits to a published Flow made before editing was allowed (139001)', async () => {
    const { json: created } = await call('POST', `/${business.wabaId}/flows`, {
      name: 'legacy',
      categories: ['OTHER'],
      flow_json: staticFlowJson(),
      publish: true,
    });
    const id = String(created.id);
    sim.control.setFlowEditable(id, false);

    const upload = await call('POST', `/${id}/assets`, flowJsonForm(staticFlowJson()));
    expect(upload.status).toBe(400);
    expect(upload.json).toMatchObject({ error: { code: 139_001 } });
    const rename = await call('POST', `/${id}`, { name: 'legacy 2' });
    expect(rename.json).toMatchObject({ error: { code: 139_001 } });

    const clone = await call('POST', `/${business.wabaId}/flows`, {
      name: 'legacy (2)',
      categories: ['OTHER'],
      clone_flow_id: id,
    });
    expect(clone.json).toMatchObject({ success: true });
  });

  // Last: the rule stays for every later upload to this stand-in.
  it('reports an unpublished rule where the uploaded text has its pointer', async () => {
    sim.control.addUnpublishedRule({
      pointer: '/screens/0/layout/children/0/label',
      error: 'INVALID_PROPERTY_VALUE',
      message: 'The label may not be "Your name".',
    });
    const id = await createFlow('unpublished rule');
    const text = pretty(staticFlowJson());
    const { json } = await call('POST', `/${id}/assets`, flowJsonForm(text));

    const line = text.split('\n').findIndex((l) => l.includes('"label": "Your name"')) + 1;
    expect(json.validation_errors).toEqual([
      {
        error: 'INVALID_PROPERTY_VALUE',
        error_type: 'FLOW_JSON_ERROR',
        message: 'The label may not be "Your name".',
        line_start: line,
        line_end: line,
        column_start: expect.any(Number) as unknown,
        column_end: expect.any(Number) as unknown,
        pointers: [
          expect.objectContaining({
            line_start: line,
            path: 'screens[0].layout.children[0].label',
          }) as unknown,
        ],
      },
    ]);
    const refused = await call('POST', `/${id}/publish`);
    expect(refused.json).toMatchObject({ error: { code: 139_002 } });
  });
});
