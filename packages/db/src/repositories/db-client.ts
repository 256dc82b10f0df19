import { Prisma } from '../generated/prisma/client';

/** A `PrismaClient`, or the client of an interactive transaction. */
export type DbClient = Prisma.TransactionClient;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Ids are UUID columns: PostgreSQL rejects anything else with an error, while for a caller an
 * id that is not a UUID simply names no record.
 */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

export function isForeignKeyViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2003';
}
