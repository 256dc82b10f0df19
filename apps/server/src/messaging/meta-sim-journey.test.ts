import { createOutboundMessageRepository } from '@sanjay-flow/db';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { eventually } from '../workers/eventually.test-helper';
import { type MetaSimJourney, startMetaSimJourney } from './meta-sim-journey.test-helper';

const CUSTOMER = { waId: '15551234567', name: 'Ana' };

describe('a customer writes "book" and receives the Flow (through the Meta stand-in)', () => {
  let journey: MetaSimJourney;

  beforeAll(async () => {
    journey = await startMetaSimJourney(pino({ level: 'silent' }), 'journey-verify-token');
  });

  afterAll(() => journey.close());

  it('the Flow message reaches the customer, and its statuses come back as read', async () => {
    const { sim, business, metaFlowId, testDb } = journey;
    const { phoneNumberId } = business;
    await sim.control.customerSendsText({ phoneNumberId, customer: CUSTOMER, text: 'Can I book?' });
    const received = await eventually(() =>
      Promise.resolve(
        sim.control.inbox(CUSTOMER).find((message) => message.type === 'interactive'),
      ),
    );

    expect(received.content).toMatchObject({
      interactive: {
        type: 'flow',
        body: { text: 'Hello Ana, what can we do for you?' },
        action: { parameters: { flow_id: metaFlowId, flow_cta: 'Contact us', mode: 'draft' } },
      },
    });
    const messages = createOutboundMessageRepository(testDb.db.prisma);
    const sent = await eventually(async () => {
      const row = await messages.findByWamid(received.id);

      return row?.status === 'read' && row;
    });
    expect(sent).toMatchObject({ kind: 'flow', recipientWaId: CUSTOMER.waId, attempts: 1 });
    expect(
      sim.control.inbox(CUSTOMER).filter((message) => message.type === 'interactive'),
    ).toHaveLength(1);
  });
});
