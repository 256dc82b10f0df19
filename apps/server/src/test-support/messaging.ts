import { createFlowRepository, type DbClient } from '@sanjay-flow/db';

import type { NewConnectionInput } from '../connections/connection-input';
import { createConnections } from '../connections/manage-connections';
import { importFlow } from '../flows/import-flow';
import { asJson } from '../flows/json';
import { templateById } from '../flows/templates/templates';
import type { SecretBox } from '../secrets/secret-box';
import { readTestData } from './fixtures';

/** Meta's contact-us example, the Flow the messaging tests send. */
export const CONTACT_US_FILE = 'meta-tools_contact-us_v3.1.flow.json';

/**
 * A connection's fields for tests. The default Graph API address is a closed loopback port, so
 * a test that forgets to point it at its own stand-in fails instead of reaching Meta.
 */
export function testConnectionInput(changes: Partial<NewConnectionInput> = {}): NewConnectionInput {
  return {
    name: 'main',
    wabaId: '102290129340398',
    phoneNumberId: '106540352242922',
    appId: '1234567890123456',
    appSecret: 'app-secret',
    accessToken: 'EAAG-token',
    webhookVerifyToken: 'verify',
    graphApiUrl: 'http://127.0.0.1:9/v23.0',
    ...changes,
  };
}

/** Creates a connection in `workspaceId` and returns its id. */
export async function createTestConnection(
  prisma: DbClient,
  secrets: SecretBox,
  workspaceId: string,
  changes: Partial<NewConnectionInput> = {},
): Promise<string> {
  const view = await createConnections(prisma, secrets).create(
    workspaceId,
    testConnectionInput(changes),
  );

  return view.id;
}

/** Imports the contact-us Flow into `workspaceId` and returns its id. */
export async function importContactUs(
  prisma: DbClient,
  workspaceId: string,
  name?: string,
): Promise<string> {
  const { id } = await importFlow(createFlowRepository(prisma), workspaceId, {
    fileName: CONTACT_US_FILE,
    text: readTestData(CONTACT_US_FILE),
    ...(name === undefined ? {} : { name }),
  });

  return id;
}

/**
 * Creates the appointment-booking Flow (CHOOSE_DATE, then CHOOSE_SLOT, then SUMMARY, each
 * declaring its data) in `workspaceId` and returns its id.
 */
export async function createBookingFlow(
  prisma: DbClient,
  workspaceId: string,
  name = 'Booking',
): Promise<string> {
  const template = templateById('appointment-booking');
  if (template === undefined) {
    throw new Error('The appointment-booking template is missing');
  }
  const flow = await createFlowRepository(prisma).create(workspaceId, {
    name,
    graph: asJson(template.graph),
  });

  return flow.id;
}
