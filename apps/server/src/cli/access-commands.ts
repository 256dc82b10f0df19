import { randomBytes } from 'node:crypto';

import { type Command, Option } from 'commander';
import type { z } from 'zod';

import {
  EmailSchema,
  findOrCreateUser,
  putMember,
  RoleSchema,
  setPassword,
} from '../auth/accounts';
import { createApiToken, listApiTokens, revokeApiToken } from '../auth/api-tokens';
import { PasswordSchema } from '../auth/passwords';
import { createSignInLink, signInLinkPath } from '../auth/sign-in-links';
import type { Role } from '../trpc/context';
import { CliFailure, type OutputFormat, printJson, usage, withAdminSession } from './admin-io';
import type { AdminOpener } from './admin-session';
import { formatOption } from './connection-command';
import { EXIT_CODES, type CliIo } from './io';
import { workspaceOption } from './workspace-option';

function roleOption(): Option {
  return new Option('--role <role>', 'owner, editor or viewer')
    .choices(['owner', 'editor', 'viewer'])
    .makeOptionMandatory();
}

function parsed<T>(schema: z.ZodType<T>, value: unknown, label: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw usage(`${label}: ${result.error.issues[0]?.message ?? 'invalid'}`);
  }

  return result.data;
}

/**
 * `sflow user create`, `sflow workspace create|list`, `sflow token create|list|revoke` and
 * `sflow sign-in-link`: people, workspaces and API tokens, straight in the database.
 */
export function registerAccessCommands(program: Command, io: CliIo, open: AdminOpener): void {
  registerUserCommand(program, io, open);
  registerWorkspaceCommand(program, io, open);
  registerTokenCommand(program, io, open);
  program
    .command('sign-in-link')
    .description('print a one-time sign-in link (valid 24 hours) for a user')
    .requiredOption('--email <email>', 'the user')
    .option(
      '--url <base>',
      "the address people open the editor at (default: the server's, from HOST, PORT and TLS)",
    )
    .action((options: { email: string; url?: string }) =>
      withAdminSession(io, open, async ({ prisma, serverUrl }) => {
        const email = parsed(EmailSchema, options.email, '--email');
        const base = linkBase(options.url, serverUrl);
        const user = await prisma.user.findUnique({ where: { email } });
        if (!user) {
          throw new CliFailure(`no user has the email ${email}`, EXIT_CODES.invalid);
        }
        const link = await createSignInLink(prisma, user.id);
        io.stdout(`${base}${signInLinkPath(link.token)}\n`);
        io.stderr(`sflow: single use, valid until ${link.expiresAt.toISOString()}\n`);
      }),
    );
}

/**
 * Where a sign-in link points: `--url`, else the server's own address. Either must be an
 * http(s) address a link can be appended to; default ports are left out.
 */
function linkBase(url: string | undefined, serverUrl: string | undefined): string {
  if (url === undefined && serverUrl === undefined) {
    throw usage("PORT is 0, so the server's port is chosen when it starts: give --url");
  }
  const text = url ?? serverUrl ?? '';
  const parsedUrl = URL.canParse(text) ? new URL(text) : undefined;
  if (
    parsedUrl === undefined ||
    !['http:', 'https:'].includes(parsedUrl.protocol) ||
    parsedUrl.search !== '' ||
    parsedUrl.hash !== '' ||
    parsedUrl.username !== '' ||
    parsedUrl.password !== ''
  ) {
    throw usage(
      '--url: an http or https address without a query, a fragment or credentials, e.g. ' +
        'https://flows.example.com',
    );
  }

  return `${parsedUrl.origin}${parsedUrl.pathname.replace(/\/+$/, '')}`;
}

function registerUserCommand(program: Command, io: CliIo, open: AdminOpener) {
  program
    .command('user')
    .description('manage the people who sign in')
    .command('create')
    .description(
      'add a user to a workspace with a role; the password is read from standard input ' +
        '(--password-stdin) or generated and printed once',
    )
    .requiredOption('--email <email>', 'the email the user signs in with')
    .addOption(roleOption())
    .addOption(workspaceOption())
    .option('--password-stdin', 'read the password from standard input')
    .action((options: { email: string; role: Role; passwordStdin?: boolean }) =>
      withAdminSession(io, open, async ({ prisma, workspaceId }) => {
        const email = parsed(EmailSchema, options.email, '--email');
        const password = options.passwordStdin
          ? parsed(PasswordSchema, (await readStdin(io)).replace(/\r?\n$/, ''), 'the password')
          : randomBytes(18).toString('base64url');
        const user = await findOrCreateUser(prisma, email);
        await setPassword(prisma, user.id, password);
        await putMember(prisma, workspaceId, user.id, RoleSchema.parse(options.role));
        io.stdout(`${user.created ? 'Created' : 'Updated'} ${email} (${options.role})\n`);
        if (!options.passwordStdin) {
          io.stdout(`Password (shown once): ${password}\n`);
        }
      }),
    );
}

function registerWorkspaceCommand(program: Command, io: CliIo, open: AdminOpener) {
  const workspace = program.command('workspace').description('manage workspaces');
  workspace
    .command('create')
    .description('add a workspace (one per client business)')
    .requiredOption('--name <name>', 'its name')
    .addOption(formatOption())
    .action((options: { name: string; format: OutputFormat }) =>
      withAdminSession(io, open, async ({ prisma }) => {
        const name = options.name.trim();
        if (name === '' || name.length > 100) {
          throw usage('--name: 1 to 100 characters');
        }
        const created = await prisma.workspace.create({ data: { name } });
        if (options.format === 'json') {
          printJson(io, { id: created.id, name: created.name });
        } else {
          io.stdout(`${created.id}\t${created.name}\n`);
        }
      }),
    );
  workspace
    .command('list')
    .description('list workspaces')
    .addOption(formatOption())
    .action((options: { format: OutputFormat }) =>
      withAdminSession(io, open, async ({ prisma }) => {
        const all = await prisma.workspace.findMany({
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
          select: { id: true, name: true, _count: { select: { memberships: true } } },
        });
        const rows = all.map(({ id, name, _count }) => ({ id, name, members: _count.memberships }));
        if (options.format === 'json') {
          printJson(io, rows);
        } else {
          rows.forEach((row) => io.stdout(`${row.id}\t${row.name}\t${row.members} members\n`));
        }
      }),
    );
}

function registerTokenCommand(program: Command, io: CliIo, open: AdminOpener) {
  const token = program.command('token').description('manage API tokens for the CLI and CI');
  token
    .command('create')
    .description('make an API token; it is printed once and stored only as a hash')
    .requiredOption('--name <name>', 'what the token is for')
    .addOption(roleOption())
    .addOption(workspaceOption())
    .action((options: { name: string; role: Role }) =>
      withAdminSession(io, open, async ({ prisma, workspaceId }) => {
        const name = options.name.trim();
        if (name === '' || name.length > 100) {
          throw usage('--name: 1 to 100 characters');
        }
        const created = await createApiToken(prisma, { workspaceId, name, role: options.role });
        io.stdout(`${created.token}\n`);
        io.stderr(`sflow: token ${created.view.id} (${options.role}); it is not shown again\n`);
      }),
    );
  token
    .command('list')
    .description('list the workspace’s API tokens (never the tokens themselves)')
    .addOption(workspaceOption())
    .addOption(formatOption())
    .action((options: { format: OutputFormat }) =>
      withAdminSession(io, open, async ({ prisma, workspaceId }) => {
        const tokens = await listApiTokens(prisma, workspaceId);
        if (options.format === 'json') {
          printJson(io, tokens);
        } else {
          tokens.forEach((view) =>
            io.stdout(
              `${view.id}\t${view.prefix}…\t${view.name}\t${view.role}\t` +
                `${view.revokedAt ? 'revoked' : `last used ${view.lastUsedAt ?? 'never'}`}\n`,
            ),
          );
        }
      }),
    );
  token
    .command('revoke')
    .description('revoke an API token at once')
    .argument('<id>', 'the token id (sflow token list)')
    .addOption(workspaceOption())
    .action((id: string) =>
      withAdminSession(io, open, async ({ prisma, workspaceId }) => {
        const valid = /^[0-9a-f-]{36}$/i.test(id);
        if (!valid || !(await revokeApiToken(prisma, workspaceId, id))) {
          throw new CliFailure(`no API token ${id} in this workspace`, EXIT_CODES.invalid);
        }
        io.stdout(`Revoked ${id}\n`);
      }),
    );
}

async function readStdin(io: CliIo): Promise<string> {
  if (!io.readStdin) {
    throw usage('--password-stdin: no standard input to read');
  }

  return io.readStdin();
}
