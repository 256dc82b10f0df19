import type { PrismaClient } from '@sanjay-flow/db';

import { listSubmissions, type SubmissionQuery } from './view-submissions';

/** Most rows one export holds. */
export const MAX_EXPORT_ROWS = 10_000;

// A spreadsheet runs a cell that starts with one of these as a formula.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell as RFC 4180 wants it, made inert for spreadsheets: text that a spreadsheet would read
 * as a formula is prefixed with an apostrophe, and every such cell is quoted.
 */
export function csvCell(value: string): string {
  const inert = FORMULA_START.test(value) ? `'${value}` : value;
  const quote = inert !== value || /[",\r\n]/.test(inert);

  return quote ? `"${inert.replaceAll('"', '""')}"` : inert;
}

/** The responses matching the query as CSV: one column per field, labelled as the table is. */
export async function exportSubmissionsCsv(
  prisma: PrismaClient,
  workspaceId: string,
  query: Omit<SubmissionQuery, 'limit'>,
): Promise<{ fileName: string; csv: string; rows: number }> {
  const { columns, rows } = await listSubmissions(prisma, workspaceId, {
    ...query,
    limit: MAX_EXPORT_ROWS,
  });
  const header = [
    'received_at',
    'status',
    'source',
    'customer',
    ...columns.map((column) => column.label),
  ];
  const lines = rows.map((row) => [
    row.receivedAt.toISOString(),
    row.status,
    row.source,
    row.customerWaId ?? row.customerUserId ?? '',
    ...columns.map((column) => row.answers[column.key] ?? ''),
  ]);
  const csv = [header, ...lines].map((line) => line.map(csvCell).join(',')).join('\r\n');
  const stamp = new Date().toISOString().slice(0, 10);

  return { fileName: `responses-${stamp}.csv`, csv: `${csv}\r\n`, rows: rows.length };
}
