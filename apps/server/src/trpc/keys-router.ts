import { z } from 'zod';

import { uploadPublicKey } from '../connections/upload-public-key';
import { procedure as baseProcedure, editorProcedure as baseEditorProcedure, router } from './trpc';

/** Procedures that manage key pairs: the context must carry them. */
function withKeyPairs<T extends typeof baseProcedure>(base: T) {
  return base.use(({ ctx, next }) => {
    const { keyPairs } = ctx;
    if (!keyPairs) {
      throw new Error('key pairs are not available in this context');
    }

    return next({ ctx: { keyPairs } });
  });
}
const procedure = withKeyPairs(baseProcedure);
const editorProcedure = withKeyPairs(baseEditorProcedure);

const ConnectionId = z.object({ connectionId: z.uuid({ error: 'not a connection id' }) });

/** A private key as pasted: PKCS#1 or PKCS#8 PEM, the passphrase only for an encrypted one. */
const ImportInput = ConnectionId.extend({
  privateKeyPem: z
    .string()
    .trim()
    .min(1, { error: 'paste the private key PEM' })
    .max(32_000, { error: 'a private key PEM has at most 32,000 characters' }),
  passphrase: z
    .string()
    .max(1024, { error: 'a passphrase has at most 1024 characters' })
    .optional(),
});

/**
 * The data-endpoint key pairs of the workspace's connections, as `sflow keys` manages them, for
 * a running server (the embedded database is locked while it runs). Answers carry the public
 * half only.
 */
export const keysRouter = router({
  list: procedure.input(ConnectionId).query(async ({ ctx, input }) => {
    const connection = await ctx.connections.record(ctx.workspaceId, input.connectionId);

    return ctx.keyPairs.list(connection);
  }),

  generate: editorProcedure.input(ConnectionId).mutation(async ({ ctx, input }) => {
    const connection = await ctx.connections.record(ctx.workspaceId, input.connectionId);

    return ctx.keyPairs.generate(connection);
  }),

  /** Makes a pasted private key the active one; a bad key or passphrase is refused here. */
  import: editorProcedure.input(ImportInput).mutation(async ({ ctx, input }) => {
    const connection = await ctx.connections.record(ctx.workspaceId, input.connectionId);

    return ctx.keyPairs.import(connection, input.privateKeyPem, input.passphrase || undefined);
  }),

  rotate: editorProcedure.input(ConnectionId).mutation(async ({ ctx, input }) => {
    const connection = await ctx.connections.record(ctx.workspaceId, input.connectionId);

    return ctx.keyPairs.rotate(connection);
  }),

  /** Uploads the active public key to the connection's phone number and reads Meta's status. */
  upload: editorProcedure.input(ConnectionId).mutation(async ({ ctx, input }) => {
    const connection = await ctx.connections.record(ctx.workspaceId, input.connectionId);

    return uploadPublicKey({ connections: ctx.connections, keyPairs: ctx.keyPairs }, connection);
  }),
});
