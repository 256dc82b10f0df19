import { TRPCError } from '@trpc/server';
import { z } from 'zod';

import { type AuditActor, listAudit } from '../privacy/audit';
import { normalisePhone } from '../privacy/phone';
import {
  DEFAULT_RETENTION,
  describeRetention,
  getRetention,
  RetentionChangesSchema,
  updateRetention,
} from '../privacy/retention';
import { eraseSubjectData, exportSubjectDataAudited } from '../privacy/subject-data';
import type { Context } from './context';
import { ownerProcedure, procedure, router } from './trpc';

const PhoneInput = z.object({
  phone: z
    .string()
    .max(40)
    .refine((value) => normalisePhone(value).ok, {
      error: 'a phone number is 6 to 15 digits with the country code, optionally after a +',
    }),
});

/** The caller as the audit log names it. */
function auditActor(ctx: Context): AuditActor {
  return ctx.actor ?? { kind: 'system' };
}

/** Retention settings, the audit log and data-subject requests of the caller's workspace. */
export const privacyRouter = router({
  retention: procedure.query(async ({ ctx }) => {
    const settings = await getRetention(ctx.db.prisma, ctx.workspaceId);

    return { settings, defaults: DEFAULT_RETENTION, rules: describeRetention(settings) };
  }),

  updateRetention: ownerProcedure.input(RetentionChangesSchema).mutation(async ({ ctx, input }) => {
    const settings = await updateRetention(ctx.db.prisma, ctx.workspaceId, input, auditActor(ctx));

    return { settings, defaults: DEFAULT_RETENTION, rules: describeRetention(settings) };
  }),

  exportSubject: ownerProcedure
    .input(PhoneInput)
    .mutation(({ ctx, input }) =>
      exportSubjectDataAudited(ctx.db.prisma, ctx.workspaceId, input.phone, auditActor(ctx)),
    ),

  /** `confirm` must repeat the number: an erasure cannot be undone. */
  eraseSubject: ownerProcedure
    .input(PhoneInput.extend({ confirm: z.string().max(40) }))
    .mutation(async ({ ctx, input }) => {
      const typed = normalisePhone(input.confirm);
      const phone = normalisePhone(input.phone);
      if (!typed.ok || !phone.ok || typed.digits !== phone.digits) {
        throw new TRPCError({
          code: 'BAD_REQUEST',
          message: 'confirm: type the same phone number again to erase its data',
        });
      }

      return {
        erased: await eraseSubjectData(
          ctx.db.prisma,
          ctx.workspaceId,
          input.phone,
          auditActor(ctx),
        ),
      };
    }),

  audit: procedure
    .input(
      z.object({
        limit: z.int().min(1).max(200).default(50),
        before: z.coerce.date().optional(),
      }),
    )
    .query(({ ctx, input }) =>
      listAudit(ctx.db.prisma, ctx.workspaceId, {
        limit: input.limit,
        ...(input.before ? { before: input.before } : {}),
      }),
    ),
});
