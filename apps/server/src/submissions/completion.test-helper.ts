import { randomUUID } from 'node:crypto';

import type { PrismaClient } from '@sanjay-flow/db';
import { z } from 'zod';

import { readTestData } from '../test-support/fixtures';
import type { FlowCompletion } from './receive-completion';

const NfmMessageSchema = z.object({
  id: z.string(),
  from: z.string(),
  timestamp: z.string(),
  context: z.object({ id: z.string() }),
  interactive: z.object({ nfm_reply: z.object({ response_json: z.string() }) }),
});
const FixtureSchema = z.record(
  z.string(),
  z.object({
    entry: z.array(
      z.object({
        changes: z.array(
          z.object({
            value: z.object({
              contacts: z.array(z.object({ wa_id: z.string(), user_id: z.string().optional() })),
              messages: z.array(NfmMessageSchema),
            }),
          }),
        ),
      }),
    ),
  }),
);

/** Meta's completion webhook (pywa's recording), as the handler receives it. */
export function fixtureCompletion(variant: 'completion' | 'without_flow_token'): FlowCompletion {
  const fixture = FixtureSchema.parse(
    JSON.parse(readTestData('pywa_webhook_flow-completion_nfm_reply.json')),
  );
  const value = fixture[variant]?.entry[0]?.changes[0]?.value;
  const message = value?.messages[0];
  if (!message) {
    throw new Error(`fixture ${variant} has no message`);
  }

  return {
    messageId: message.id,
    contextMessageId: message.context.id,
    customerWaId: message.from,
    customerUserId: value.contacts[0]?.user_id ?? null,
    responseJson: message.interactive.nfm_reply.response_json,
    receivedAt: new Date(Number(message.timestamp) * 1000),
  };
}

/** The Flow that produced the fixture's answers: pywa's customer satisfaction survey. */
export function surveyFlowJson(): unknown {
  const flows = z
    .record(z.string(), z.unknown())
    .parse(JSON.parse(readTestData('pywa_docs-examples_v2_1.flows.json')));

  return flows.customer_satisfaction_survey;
}

export interface SeededSurvey {
  flowId: string;
  versionId: string;
  sessionId: string;
}

/** A survey Flow, its version and the session the fixture's completion answers. */
export async function seedSurvey(
  prisma: PrismaClient,
  workspaceId: string,
  keys: { flowToken: string; messageId: string },
): Promise<SeededSurvey> {
  const flow = await prisma.flow.create({
    data: { workspaceId, name: 'Customer satisfaction', graph: {} },
  });
  const version = await prisma.flowVersion.create({
    data: {
      flowId: flow.id,
      number: 1,
      graph: {},
      flowJson: surveyFlowJson() as object,
      contentHash: randomUUID(),
    },
  });
  const session = await prisma.flowSession.create({
    data: {
      workspaceId,
      flowId: flow.id,
      flowToken: keys.flowToken,
      messageId: keys.messageId,
      flowVersionId: version.id,
      state: {},
      expiresAt: new Date(Date.now() + 86_400_000),
    },
  });

  return { flowId: flow.id, versionId: version.id, sessionId: session.id };
}
