import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { BusinessView } from '../control/businesses';
import type { MetaSim } from '../sim';
import { startSimBusinessWithWebhooks } from '../test-support/sim-business.test-helper';
import { flowJsonForm, graph, staticFlowJson, testData } from '../test-support/graph.test-helper';
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

async function createFlow(name: string, extra: Record<string, unknown> = {}) {
  const { json } = await call('POST', `/${business.wabaId}/flows`, {
    name,
    categories: ['OTHER'],
    ...extra,
  });

  return String(json.id);
}

interface FlowsWebhook {
  entry: {
    id: string;
    time: number;
    changes: { field: string; value: Record<string, unknown> }[];
  }[];
}

async function flowEvents(flowId: string) {
  await sim.control.webhooksIdle();

  return receiver.received
    .map((w) => (w.json as FlowsWebhook).entry[0]?.changes[0])
    .filter((change) => change?.field === 'flows' && change.value.flow_id === flowId)
    .map((change) => [change?.value.old_status, change?.value.new_status]);
}

describe('Flows lifecycle (spec D1/D2)', () => {
  it('creates a Flow from form fields, as the Postman collection sends them', async () => {
    const form = new FormData();
    form.set('name', 'from a form');
    form.set('categories', '["SURVEY","OTHER"]');
    const { status, json } = await call('POST', `/${business.wabaId}/flows`, form);

    expect(status).toBe(200);
    expect(json).toEqual({
      id: expect.stringMatching(/^\d{15,}$/) as unknown,
      success: true,
      validation_errors: [],
    });
    const read = await call('GET', `/${String(json.id)}`);
    expect(read.json).toEqual({
      id: json.id,
      name: 'from a form',
      status: 'DRAFT',
      categories: ['SURVEY', 'OTHER'],
      validation_errors: [],
    });
  });

  it('refuses a duplicate name, a missing or unknown category, and an http endpoint elsewhere', async () => {
    await createFlow('taken');
    const details = async (body: Record<string, unknown>) => {
      const { status, json } = await call('POST', `/${business.wabaId}/flows`, body);
      expect(status).toBe(400);

      return (json.error as { code: number; error_data: { details: string } }).error_data.details;
    };

    expect(await details({ name: 'taken', categories: ['OTHER'] })).toMatch(/is named "taken"/);
    expect(await details({ name: 'x' })).toMatch(/categories is required/);
    expect(await details({ name: 'x', categories: ['SHOPPING'] })).toMatch(
      /"SHOPPING" is not one of/,
    );
    expect(
      await details({ name: 'x', categories: ['OTHER'], endpoint_uri: 'http://example.com/x' }),
    ).toMatch(/https/);
  });

  it('answers validation errors with line and column for an invalid Flow JSON upload', async () => {
    const flowId = await createFlow('invalid upload');
    const invalid = testData('meta-tools_contact-us_v3.1.flow.json').replace(
      '"TextArea"',
      '"TextAreaX"',
    );
    const { status, json } = await call('POST', `/${flowId}/assets`, flowJsonForm(invalid));

    expect(status).toBe(200);
    expect(json.success).toBe(true);
    const errors = json.validation_errors as Record<string, unknown>[];
    expect(errors.length).toBeGreaterThan(0);
    const line = invalid.split('\n').findIndex((text) => text.includes('TextAreaX')) + 1;
    expect(errors[0]).toMatchObject({
      error_type: 'FLOW_JSON_ERROR',
      line_start: expect.any(Number) as unknown,
    });
    expect(errors.some((e) => e.line_start === line || e.line_start === line - 1)).toBe(true);
    expect(
      errors.every((e) => typeof e.column_start === 'number' && typeof e.message === 'string'),
    ).toBe(true);
  });

  it('reports a JSON syntax error at its line and column', async () => {
    const flowId = await createFlow('syntax error');
    const { json } = await call(
      'POST',
      `/${flowId}/assets`,
      flowJsonForm('{\n  "version": "6.1",\n  "screens": [,]\n}'),
    );

    expect(json.validation_errors).toEqual([
      expect.objectContaining({
        error: 'INVALID_JSON',
        line_start: 3,
        column_start: expect.any(Number) as unknown,
      }),
    ]);
  });

  it('lists the asset with a download URL the stand-in serves', async () => {
    const flowId = await createFlow('with asset');
    await call('POST', `/${flowId}/assets`, flowJsonForm(staticFlowJson()));
    const { json } = await call('GET', `/${flowId}/assets`);
    const [asset] = json.data as { name: string; asset_type: string; download_url: string }[];

    expect(asset).toMatchObject({ name: 'flow.json', asset_type: 'FLOW_JSON' });
    expect(await (await fetch(asset?.download_url ?? '')).text()).toBe(staticFlowJson());
  });

  it('publishes a valid Flow, tells the business by webhook, and refuses to publish twice', async () => {
    const flowId = await createFlow('to publish');
    await call('POST', `/${flowId}/assets`, flowJsonForm(staticFlowJson()));

    expect((await call('POST', `/${flowId}/publish`)).json).toEqual({ success: true });
    const again = await call('POST', `/${flowId}/publish`);
    expect(again.json.error).toMatchObject({ code: 139_002 });
    expect(await flowEvents(flowId)).toEqual([
      [undefined, 'DRAFT'],
      ['DRAFT', 'PUBLISHED'],
    ]);
    const change = receiver.received.find((w) => w.raw.includes(`"new_status":"PUBLISHED"`));
    const fixture = JSON.parse(
      testData('meta-docs_flows-webhook_status-change_draft-to-published.json'),
    ) as FlowsWebhook;
    expect(
      Object.keys((change?.json as FlowsWebhook).entry[0]?.changes[0]?.value ?? {}).sort(),
    ).toEqual(Object.keys(fixture.entry[0]?.changes[0]?.value ?? {}).sort());
    expect(receiver.verified(business.appSecret)).toHaveLength(receiver.received.length);
  });

  it('refuses to publish a Flow with validation errors or a frozen version', async () => {
    const invalid = await createFlow('invalid', { flow_json: '{"version":"6.1","screens":[]}' });
    const frozen = await createFlow('frozen', {
      flow_json: testData('meta-tools_contact-us_v3.1.flow.json'),
    });

    expect((await call('POST', `/${invalid}/publish`)).json.error).toMatchObject({
      code: 139_002,
      error_data: { details: expect.stringMatching(/validation errors/) as unknown },
    });
    expect((await call('POST', `/${frozen}/publish`)).json.error).toMatchObject({
      code: 139_002,
      error_data: { details: expect.stringMatching(/3\.1 is frozen/) as unknown },
    });
  });

  it('creates nothing when a create that asks to publish is refused', async () => {
    const { json } = await call('POST', `/${business.wabaId}/flows`, {
      name: 'all or nothing',
      categories: ['OTHER'],
      flow_json: testData('meta-tools_contact-us_v3.1.flow.json'),
      publish: true,
    });
    const listed = await call('GET', `/${business.wabaId}/flows?limit=100`);

    expect(json.error).toMatchObject({ code: 139_002 });
    expect((listed.json.data as { name: string }[]).map((f) => f.name)).not.toContain(
      'all or nothing',
    );
  });

  it('puts an edited published Flow back to DRAFT, deprecates it, and never deletes it', async () => {
    const flowId = await createFlow('edited', { flow_json: staticFlowJson(), publish: true });
    await call('POST', `/${flowId}/assets`, flowJsonForm(staticFlowJson('7.0')));
    const edited = await call('GET', `/${flowId}?fields=status,json_version`);
    const deleted = await call('DELETE', `/${flowId}`);
    await call('POST', `/${flowId}/deprecate`);
    const deprecatedTwice = await call('POST', `/${flowId}/deprecate`);

    expect(edited.json).toEqual({ id: flowId, status: 'DRAFT', json_version: '7.0' });
    expect(deleted.json.error).toMatchObject({ code: 139_004 });
    expect(deprecatedTwice.json.error).toMatchObject({ code: 139_003 });
    expect(await flowEvents(flowId)).toEqual([
      [undefined, 'DRAFT'],
      ['DRAFT', 'PUBLISHED'],
      ['PUBLISHED', 'DRAFT'],
      ['DRAFT', 'DEPRECATED'],
    ]);
  });

  it('sends health alerts of a Flow as flows webhooks', async () => {
    const flowId = await createFlow('watched', { flow_json: staticFlowJson(), publish: true });
    const response = await fetch(`${sim.url}/_sim/flows/${flowId}/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ event: 'ENDPOINT_ERROR_RATE' }),
    });
    const delivery = (await response.json()) as { body: string };
    await sim.control.flowAlert(flowId, 'ENDPOINT_AVAILABILITY', 'DEACTIVATED');
    await sim.control.flowAlert(flowId, 'FLOW_VERSION_EXPIRY_WARNING');
    await sim.control.webhooksIdle();
    const values = receiver.received
      .map((w) => (w.json as FlowsWebhook).entry[0]?.changes[0]?.value)
      .filter((value) => value?.flow_id === flowId && value.event !== 'FLOW_STATUS_CHANGE');

    expect(response.status).toBe(201);
    expect(JSON.parse(delivery.body)).toMatchObject({ object: 'whatsapp_business_account' });
    expect(values).toEqual([
      expect.objectContaining({
        event: 'ENDPOINT_ERROR_RATE',
        alert_state: 'ACTIVATED',
        threshold: 10,
        errors: [expect.objectContaining({ error_type: 'TIMEOUT' })],
      }),
      expect.objectContaining({
        event: 'ENDPOINT_AVAILABILITY',
        alert_state: 'DEACTIVATED',
        threshold: 90,
      }),
      expect.objectContaining({
        event: 'FLOW_VERSION_EXPIRY_WARNING',
        warning: expect.any(String) as unknown,
      }),
    ]);
  });

  it('deletes a draft, which then reads as an unknown object', async () => {
    const flowId = await createFlow('to delete');

    expect((await call('DELETE', `/${flowId}`)).json).toEqual({ success: true });
    expect((await call('GET', `/${flowId}`)).json.error).toMatchObject({
      code: 100,
      error_subcode: 33,
    });
  });

  it('updates metadata and reads the fields asked for, with a preview URL that expires', async () => {
    const flowId = await createFlow('fields', { flow_json: staticFlowJson() });
    await call('POST', `/${flowId}`, {
      name: 'renamed',
      endpoint_uri: 'https://example.com/endpoint',
    });
    const { json } = await call(
      'GET',
      `/${flowId}?fields=name,endpoint_uri,json_version,data_api_version,whatsapp_business_account,health_status,preview.invalidate(false)`,
    );
    const preview = json.preview as { preview_url: string; expires_at: string };
    const servedBefore = (await fetch(preview.preview_url)).status;
    const rotated = await call('GET', `/${flowId}?fields=preview.invalidate(true)`);

    expect(json).toMatchObject({
      name: 'renamed',
      endpoint_uri: 'https://example.com/endpoint',
      json_version: '6.1',
      whatsapp_business_account: { id: business.wabaId },
      health_status: { can_send_message: 'AVAILABLE' },
    });
    expect(json).not.toHaveProperty('data_api_version');
    expect(preview.expires_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/);
    expect(servedBefore).toBe(200);
    expect((rotated.json.preview as { preview_url: string }).preview_url).not.toBe(
      preview.preview_url,
    );
    expect((await fetch(preview.preview_url)).status).toBe(404);
    expect((await call('GET', `/${flowId}?fields=colour`)).json.error).toMatchObject({ code: 100 });
  });

  it('lists the Flows of the WABA page by page', async () => {
    const other = await sim.control.registerBusiness();
    await graph(sim.url, other.accessTokens[0], 'POST', `/${other.wabaId}/flows`, {
      name: 'a',
      categories: ['OTHER'],
    });
    await graph(sim.url, other.accessTokens[0], 'POST', `/${other.wabaId}/flows`, {
      name: 'b',
      categories: ['OTHER'],
    });
    await graph(sim.url, other.accessTokens[0], 'POST', `/${other.wabaId}/flows`, {
      name: 'c',
      categories: ['OTHER'],
    });
    const first = await graph(
      sim.url,
      other.accessTokens[0],
      'GET',
      `/${other.wabaId}/flows?limit=2`,
    );
    const paging = first.json.paging as { cursors: { after: string }; next?: string };
    const second = await graph(
      sim.url,
      other.accessTokens[0],
      'GET',
      `/${other.wabaId}/flows?limit=2&after=${paging.cursors.after}`,
    );

    expect((first.json.data as { name: string }[]).map((f) => f.name)).toEqual(['a', 'b']);
    expect(paging.next).toBeDefined();
    expect((second.json.data as { name: string }[]).map((f) => f.name)).toEqual(['c']);
    expect((second.json.paging as { next?: string }).next).toBeUndefined();
  });
});
