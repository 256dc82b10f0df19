import { errorMessage, type ImportProblem } from '../api/errors';
import type { RouterInputs, RouterOutputs } from '../api/types';

export type ConnectionView = RouterOutputs['connections']['list'][number];
export type KeyPairView = RouterOutputs['connections']['keys']['list'][number];
type NewConnectionInput = RouterInputs['connections']['create'];
type ConnectionChanges = RouterInputs['connections']['update']['changes'];

/** The form's fields, in the order a business finds them in Meta's App Dashboard. */
export const CONNECTION_FIELD_NAMES = [
  'name',
  'wabaId',
  'phoneNumberId',
  'appId',
  'appSecret',
  'accessToken',
  'webhookVerifyToken',
  'graphApiUrl',
] as const;

export type ConnectionField = (typeof CONNECTION_FIELD_NAMES)[number];

export const CONNECTION_FIELDS: Record<ConnectionField, { label: string; hint?: string }> = {
  name: { label: 'Name', hint: 'How the editor and the CLI name this number' },
  wabaId: { label: 'WhatsApp Business account id (WABA id)' },
  phoneNumberId: { label: 'Phone number id' },
  appId: { label: 'App id' },
  appSecret: { label: 'App secret' },
  accessToken: { label: 'Access token' },
  webhookVerifyToken: {
    label: 'Webhook verify token',
    hint: 'Any string you choose; type the same one at Meta beside the callback URL',
  },
  graphApiUrl: {
    label: 'Graph API base URL',
    hint: "Empty for Meta's; a local stand-in's address for tests and demos",
  },
};

/** The form's text for each field, as typed. */
export type ConnectionDraft = Record<ConnectionField, string>;

/** Written, never shown back: the edit form leaves them empty and keeps the ones on record. */
const SECRET_FIELDS = ['appSecret', 'accessToken', 'webhookVerifyToken'] as const;
const PLAIN_FIELDS = ['name', 'wabaId', 'phoneNumberId', 'appId', 'graphApiUrl'] as const;

export function isSecretField(field: ConnectionField): boolean {
  return (SECRET_FIELDS as readonly ConnectionField[]).includes(field);
}

export const EMPTY_DRAFT: ConnectionDraft = Object.fromEntries(
  CONNECTION_FIELD_NAMES.map((field) => [field, '']),
) as ConnectionDraft;

/** An existing connection in the edit form: its plain fields, and every secret left empty. */
export function draftOf(connection: ConnectionView): ConnectionDraft {
  return {
    ...EMPTY_DRAFT,
    name: connection.name,
    wabaId: connection.wabaId,
    phoneNumberId: connection.phoneNumberId,
    appId: connection.appId,
    graphApiUrl: connection.graphApiUrl,
  };
}

/** A new connection as typed; an empty Graph API URL lets the server use Meta's. */
export function newConnectionInput(draft: ConnectionDraft): NewConnectionInput {
  const { graphApiUrl, ...rest } = draft;

  return graphApiUrl.trim() === '' ? rest : { ...rest, graphApiUrl };
}

/** The plain fields that differ from `current`, and each secret typed anew. */
export function connectionChanges(
  current: ConnectionView,
  draft: ConnectionDraft,
): ConnectionChanges {
  const changes: ConnectionChanges = {};
  for (const field of PLAIN_FIELDS) {
    if (draft[field].trim() !== current[field]) {
      changes[field] = draft[field];
    }
  }
  for (const field of SECRET_FIELDS) {
    if (draft[field] !== '') {
      changes[field] = draft[field];
    }
  }

  return changes;
}

export interface PlacedProblems {
  byField: Partial<Record<ConnectionField, string[]>>;
  /** Problems of no field of the form, shown above it. */
  other: string[];
}

/**
 * The server's validation problems under the field they name. `under` is where the form's
 * fields sit in the procedure's input (`/changes` for an update).
 */
export function placeProblems(problems: readonly ImportProblem[], under = ''): PlacedProblems {
  const placed: PlacedProblems = { byField: {}, other: [] };
  for (const problem of problems) {
    const field = fieldAt(problem.pointer, under);
    if (field === undefined) {
      placed.other.push(problem.message);
    } else {
      placed.byField[field] = [...(placed.byField[field] ?? []), problem.message];
    }
  }

  return placed;
}

function fieldAt(pointer: string, under: string): ConnectionField | undefined {
  if (!pointer.startsWith(`${under}/`)) {
    return undefined;
  }
  const name = pointer.slice(under.length + 1);

  return (CONNECTION_FIELD_NAMES as readonly string[]).includes(name)
    ? (name as ConnectionField)
    : undefined;
}

/** The key column of the list: the active key's state, as `sflow connection list` words it. */
export function keyStatusOf(keys: readonly KeyPairView[]): string {
  const active = keys.find((key) => key.status === 'active');
  if (active === undefined) {
    return 'no key pair';
  }
  if (active.uploadedAt === null) {
    return 'not uploaded';
  }

  return `uploaded, signature ${active.signatureStatus ?? 'unknown'}`;
}

/** The keys still accepted after a rotation, and until when. */
export function retiringKeys(keys: readonly KeyPairView[]): KeyPairView[] {
  return keys.filter((key) => key.status === 'retiring' && key.retiresAt !== null);
}

/** Why the key was refused, unless only the passphrase field was (it says so itself). */
export function keyImportProblem(
  error: unknown,
  problems: readonly ImportProblem[],
): string | null {
  if (error === null) {
    return null;
  }
  const elsewhere = problems.filter((problem) => problem.pointer !== '/passphrase');
  if (problems.length > 0 && elsewhere.length === 0) {
    return null;
  }

  return (
    elsewhere.find((problem) => problem.pointer === '/privateKeyPem')?.message ??
    errorMessage(error)
  );
}
