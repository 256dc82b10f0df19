import {
  createDeliveryRepository,
  createSubmissionRepository,
  type DeliveryAttemptRecord,
  type PrismaClient,
  type SubmissionRecord,
  type SubmissionSource,
  type SubmissionStatus,
} from '@sanjay-flow/db';

import { AppError } from '../errors';
import { StoredAnswersSchema, StringListSchema } from './answers';
import { currentFlowJson } from './current-flow-json';
import { buildFieldCatalog } from './field-catalog';

export interface SubmissionQuery {
  flowId?: string | undefined;
  status?: SubmissionStatus | undefined;
  receivedFrom?: Date | undefined;
  receivedTo?: Date | undefined;
  /** Matched, case-insensitively, against the answers' readable text and the customer ids. */
  text?: string | undefined;
  limit: number;
}

export interface SubmissionColumn {
  key: string;
  label: string;
}

export interface DeliveryState {
  destinationId: string;
  attempts: number;
  status: DeliveryAttemptRecord['status'] | 'pending';
  httpStatus: number | null;
  error: string | null;
  lastAttemptAt: Date | null;
}

/** A file of a media answer, for the responses table: where it is in its one-way life. */
export interface SubmissionFileState {
  id: string;
  field: string;
  fileName: string | null;
  size: number | null;
  /** `pending` while downloading from Meta, `stored` until fetched once, then `fetched`. */
  status: 'pending' | 'stored' | 'fetched' | 'failed';
  error: string | null;
}

export interface SubmissionRow {
  id: string;
  flowId: string | null;
  receivedAt: Date;
  status: SubmissionStatus;
  /** A Flow completion, a save step at the data endpoint, or a save step of a message walk. */
  source: SubmissionSource;
  customerWaId: string | null;
  customerUserId: string | null;
  /** Readable text per field; empty once the answers were erased after delivery. */
  answers: Record<string, string>;
  fields: string[];
  missingRequired: string[];
  responseError: string | null;
  rawResponse: string | null;
  answersDeletedAt: Date | null;
  deliveries: DeliveryState[];
  files: SubmissionFileState[];
}

/**
 * Rows read before the text filter is applied, so that a search has enough to look through.
 * TODO: search in SQL; a text search only looks at the newest 2,000 responses of the filter.
 */
const TEXT_SEARCH_WINDOW = 2000;

/**
 * A Flow's responses as a table: one column per form field, labelled as in the newest Flow
 * version (then as stored with each answer), with each row's delivery state.
 */
export async function listSubmissions(
  prisma: PrismaClient,
  workspaceId: string,
  query: SubmissionQuery,
): Promise<{ columns: SubmissionColumn[]; rows: SubmissionRow[] }> {
  // The columns come from the Flow's own fields: another workspace's Flow is not found,
  // rather than listed empty under its field labels.
  if (
    query.flowId !== undefined &&
    (await prisma.flow.count({ where: { id: query.flowId, workspaceId } })) === 0
  ) {
    throw new AppError('FLOW_NOT_FOUND', 'No Flow has this id in this workspace');
  }
  const text = query.text?.trim().toLowerCase() ?? '';
  const records = await createSubmissionRepository(prisma).list(workspaceId, {
    flowId: query.flowId,
    status: query.status,
    receivedFrom: query.receivedFrom,
    receivedTo: query.receivedTo,
    limit: text === '' ? query.limit : TEXT_SEARCH_WINDOW,
  });
  const matching = (text === '' ? records : records.filter((row) => matches(row, text))).slice(
    0,
    query.limit,
  );
  const ids = matching.map((row) => row.id);
  const attempts = await createDeliveryRepository(prisma).listFor(ids);
  const files = await prisma.submissionFile.findMany({
    where: { workspaceId, submissionId: { in: ids } },
    select: {
      id: true,
      submissionId: true,
      field: true,
      fileName: true,
      size: true,
      status: true,
      error: true,
    },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  const rows = matching.map((record) => ({
    ...rowOf(record, attempts),
    files: files
      .filter((file) => file.submissionId === record.id)
      .map(({ submissionId: _submission, ...file }) => file),
  }));

  return { columns: await columnsOf(prisma, query.flowId, matching), rows };
}

export async function deleteSubmissions(
  prisma: PrismaClient,
  workspaceId: string,
  ids: readonly string[],
): Promise<{ deleted: number }> {
  const deleted = await createSubmissionRepository(prisma).remove(workspaceId, ids);
  if (deleted === 0 && ids.length > 0) {
    throw new AppError('SUBMISSION_NOT_FOUND', 'No such submission');
  }

  return { deleted };
}

function matches(record: SubmissionRecord, text: string): boolean {
  const answers = StoredAnswersSchema.nullable().catch(null).parse(record.answers) ?? {};
  const haystack = [
    record.customerWaId,
    record.customerUserId,
    record.rawResponse,
    ...Object.values(answers).map((answer) => answer.text),
  ];

  return haystack.some((value) => value?.toLowerCase().includes(text));
}

function rowOf(
  record: SubmissionRecord,
  attempts: DeliveryAttemptRecord[],
): Omit<SubmissionRow, 'files'> {
  const answers = StoredAnswersSchema.nullable().catch(null).parse(record.answers) ?? {};

  return {
    id: record.id,
    flowId: record.flowId,
    receivedAt: record.receivedAt,
    status: record.status,
    source: record.source,
    customerWaId: record.customerWaId,
    customerUserId: record.customerUserId,
    answers: Object.fromEntries(Object.entries(answers).map(([key, answer]) => [key, answer.text])),
    fields: StringListSchema.catch([]).parse(record.fields),
    missingRequired: StringListSchema.catch([]).parse(record.missingRequired),
    responseError: record.responseError,
    rawResponse: record.rawResponse,
    answersDeletedAt: record.answersDeletedAt,
    deliveries: StringListSchema.catch([])
      .parse(record.destinationIds)
      .map((destinationId) =>
        deliveryState(
          destinationId,
          attempts.filter((a) => a.submissionId === record.id && a.destinationId === destinationId),
        ),
      ),
  };
}

function deliveryState(destinationId: string, attempts: DeliveryAttemptRecord[]): DeliveryState {
  const last = attempts.at(-1);

  return {
    destinationId,
    attempts: attempts.length,
    status: last?.status ?? 'pending',
    httpStatus: last?.httpStatus ?? null,
    error: last?.error ?? null,
    lastAttemptAt: last?.createdAt ?? null,
  };
}

/** The Flow's fields in the order its newest version asks them, then any other answered key. */
async function columnsOf(
  prisma: PrismaClient,
  flowId: string | undefined,
  records: SubmissionRecord[],
): Promise<SubmissionColumn[]> {
  const columns = new Map<string, string>();
  // Named inputs label answers that no `complete` action explains (a Flow its endpoint ends),
  // once delivery has erased the labels stored with them.
  let components: ReadonlyMap<string, { label: string }> = new Map();
  if (flowId !== undefined) {
    const version = await prisma.flowVersion.findFirst({
      where: { flowId },
      orderBy: { number: 'desc' },
      select: { flowJson: true },
    });
    const flowJson = version ? version.flowJson : await currentFlowJson(prisma, flowId);
    const catalog = buildFieldCatalog(flowJson);
    components = catalog.components;
    for (const completion of catalog.completions) {
      for (const field of completion.fields) {
        if (!columns.has(field.key)) {
          columns.set(field.key, field.label);
        }
      }
    }
  }
  for (const record of records) {
    const answers = StoredAnswersSchema.nullable().catch(null).parse(record.answers) ?? {};
    for (const [key, answer] of Object.entries(answers)) {
      if (!columns.has(key)) {
        columns.set(key, answer.label);
      }
    }
    for (const key of StringListSchema.catch([]).parse(record.fields)) {
      if (!columns.has(key)) {
        columns.set(key, components.get(key)?.label ?? key);
      }
    }
  }

  return [...columns].map(([key, label]) => ({ key, label }));
}
