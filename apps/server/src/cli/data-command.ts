import type { Command } from 'commander';

import type { AuditActor } from '../privacy/audit';
import {
  eraseSubjectData,
  exportSubjectDataAudited,
  InvalidPhoneError,
  previewErasure,
} from '../privacy/subject-data';
import { CliFailure, printJson, printTable, usage, withAdminSession } from './admin-io';
import type { AdminOpener, AdminSession } from './admin-session';
import { EXIT_CODES, writeTextFile } from './io';
import type { CliIo } from './io';

interface ExportOptions {
  phone: string;
  workspace?: string;
  out?: string;
}

interface EraseOptions {
  phone: string;
  workspace?: string;
  yes?: boolean;
}

const CLI: AuditActor = { kind: 'cli' };
/** The copy holds a customer's personal data: readable and writable by its owner only. */
const PRIVATE_FILE_MODE = 0o600;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `sflow data export|erase`: a customer's copy of their data, or its erasure. */
export function registerDataCommand(program: Command, io: CliIo, open: AdminOpener): void {
  const data = program
    .command('data')
    .description("answer a customer's request: a copy of their data, or its erasure");

  data
    .command('export')
    .description('write everything held about a phone number as JSON (audited)')
    .requiredOption('--phone <number>', 'the phone number, with country code (+ optional)')
    .option(
      '--workspace <id-or-name>',
      'the workspace (default: the only one; required when there are several)',
    )
    .option(
      '--out <file>',
      'write to this file instead of standard output (mode 0600: only you can read it)',
    )
    .action((options: ExportOptions) =>
      withAdminSession(io, open, async (session) => {
        const workspaceId = await workspaceOf(session, options.workspace);
        const copy = await subjectCall(() =>
          exportSubjectDataAudited(session.prisma, workspaceId, options.phone, CLI),
        );
        if (options.out === undefined) {
          printJson(io, copy);
        } else if (await writeTextFile(io, options.out, jsonText(copy), PRIVATE_FILE_MODE)) {
          io.stderr(`sflow: wrote ${options.out}\n`);
        }
      }),
    );

  data
    .command('erase')
    .description('delete everything held about a phone number (audited, without the number)')
    .requiredOption('--phone <number>', 'the phone number, with country code (+ optional)')
    .option(
      '--workspace <id-or-name>',
      'the workspace (default: the only one; required when there are several)',
    )
    .option('--yes', 'erase; without it, only say what would be erased')
    .action((options: EraseOptions) =>
      withAdminSession(io, open, (session) => erase(io, session, options)),
    );
}

async function erase(io: CliIo, session: AdminSession, options: EraseOptions): Promise<void> {
  const workspaceId = await workspaceOf(session, options.workspace);
  if (options.yes !== true) {
    const counts = await subjectCall(() =>
      previewErasure(session.prisma, workspaceId, options.phone),
    );
    printTable(
      io,
      Object.entries(counts).map(([table, count]) => [table, String(count)]),
    );
    io.stderr('sflow: nothing erased; run again with --yes to erase these records for good\n');
    io.exitCode = EXIT_CODES.invalid;

    return;
  }
  const counts = await subjectCall(() =>
    eraseSubjectData(session.prisma, workspaceId, options.phone, CLI),
  );
  printTable(
    io,
    Object.entries(counts).map(([table, count]) => [table, String(count)]),
  );
  io.stderr('sflow: erased; the audit log records the erasure without the number\n');
}

function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** A bad phone number is a usage error, said as the library says it. */
async function subjectCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof InvalidPhoneError) {
      throw usage(`--${error.message}`);
    }
    throw error;
  }
}

async function workspaceOf(session: AdminSession, given: string | undefined): Promise<string> {
  if (given === undefined) {
    return session.workspaceId;
  }
  const workspace = await session.prisma.workspace.findFirst({
    where: UUID.test(given) ? { OR: [{ id: given }, { name: given }] } : { name: given },
    orderBy: { createdAt: 'asc' },
  });
  if (!workspace) {
    throw new CliFailure(`no workspace "${given}"`, EXIT_CODES.invalid);
  }

  return workspace.id;
}
