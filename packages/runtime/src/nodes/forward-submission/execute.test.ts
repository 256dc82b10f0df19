import { describe, expect, it } from 'vitest';

import { runServerEvent } from '../../execute/run-server-event';
import type { FlowCompletedEvent } from '../../execute/run-server-event';
import type { ServerEventPorts } from '../../execute/run-server-event';
import { type Program, ProgramSchema } from '../../program/schema';
import { emptyProgram } from '../../testing/fakes.test-helper';

const ports: ServerEventPorts = {
  http: { request: () => Promise.reject(new Error('no HTTP in this test')) },
  delay: () => Promise.resolve(),
  patterns: { test: () => false },
};

const completed: FlowCompletedEvent = {
  kind: 'flow_completed',
  customer: { waId: '15550001111' },
  submission: {
    id: 'sub-1',
    answers: { name: 'Ana', slot: '09:00' },
    missingRequired: [],
    receivedAt: '2026-12-04T19:00:00.000Z',
  },
};

function program(nodes: unknown[], edges: unknown[]): Program {
  return ProgramSchema.parse(emptyProgram({ nodes, edges } as Partial<Program>));
}

describe('trigger.flow_completed and forward_submission', () => {
  it('forwards the submission and answers the customer with their own answers', async () => {
    const result = await runServerEvent({
      program: program(
        [
          { id: 'done', type: 'trigger.flow_completed' },
          { id: 'forward', type: 'forward_submission', destinationId: 'dest-1' },
          {
            id: 'thanks',
            type: 'send_message',
            message: {
              kind: 'text',
              body: 'Thanks {{payload.answers.name}}, see you at {{payload.answers.slot}}',
            },
          },
        ],
        [
          { from: 'done', to: 'forward' },
          { from: 'forward', to: 'thanks' },
        ],
      ),
      event: completed,
      now: () => 0,
      ports,
    });

    expect(result).toMatchObject({ ok: true, matched: true, triggerId: 'done' });
    expect(result.ok && result.matched && result.effects).toEqual([
      {
        kind: 'forward_submission',
        nodeId: 'forward',
        submissionId: 'sub-1',
        destinationId: 'dest-1',
      },
      {
        kind: 'send_message',
        nodeId: 'thanks',
        to: { waId: '15550001111' },
        message: { kind: 'text', body: 'Thanks Ana, see you at 09:00', previewUrl: false },
      },
    ]);
  });

  it('does not start on a message, and a message trigger does not start on a completion', async () => {
    const onlyMessages = program(
      [{ id: 'any', type: 'trigger.message_received', match: { kind: 'any' } }],
      [],
    );

    expect(
      await runServerEvent({ program: onlyMessages, event: completed, now: () => 0, ports }),
    ).toMatchObject({
      ok: true,
      matched: false,
    });
  });
});
