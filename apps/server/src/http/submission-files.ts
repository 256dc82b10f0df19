import type { PrismaClient } from '@sanjay-flow/db';
import { type Response, Router } from 'express';
import { z } from 'zod';

import { callerOf, requireMember } from '../auth/require-member';
import type { SecretBox } from '../secrets/secret-box';
import { forgetFetchedFile, readSubmissionFile } from '../submissions/fetch-file';

const IdsSchema = z.object({ submissionId: z.uuid(), fileId: z.uuid() });

/** A type the product passes on as the answer's own: anything else is plain bytes. */
const MIME_TYPE = /^[\w.+-]+\/[\w.+-]+$/;

/**
 * `GET /api/submissions/:submissionId/files/:fileId`: a file a customer picked, for the
 * business, with an API token of the workspace (or a member's session). It is answered once:
 * the bytes are deleted when the answer has been sent. 409 while the file is still being
 * downloaded from Meta, 410 once it is gone (fetched, failed, or past retention).
 */
export function submissionFileRoutes(dependencies: {
  prisma: PrismaClient;
  secrets: SecretBox;
  now?: () => Date;
}): Router {
  const { prisma, secrets } = dependencies;
  const router = Router();
  router.get(
    '/submissions/:submissionId/files/:fileId',
    requireMember(prisma),
    (req, res, next) => {
      const ids = IdsSchema.safeParse(req.params);
      if (!ids.success) {
        refuse(res, 404, 'NOT_FOUND', 'No such file');

        return;
      }
      const { workspaceId, role } = callerOf(res);
      // A file is answered once, then deleted: taking it is a change, not a read.
      if (role === 'viewer') {
        refuse(res, 403, 'FORBIDDEN', 'Fetching a file deletes it: this needs the editor role');

        return;
      }
      readSubmissionFile(prisma, secrets, { workspaceId, ...ids.data })
        .then((fetched) => {
          switch (fetched.kind) {
            case 'not_found':
              return refuse(res, 404, 'NOT_FOUND', 'No such file');
            case 'pending':
              return refuse(res, 409, 'NOT_READY', 'The file is still being downloaded from Meta');
            case 'gone':
              return refuse(res, 410, 'GONE', fetched.reason);
            case 'file':
              res.on('finish', () => {
                forgetFetchedFile(
                  prisma,
                  ids.data.fileId,
                  dependencies.now?.() ?? new Date(),
                ).catch((error: unknown) =>
                  req.log.error({ err: error }, 'fetched file not deleted'),
                );
              });
              res
                .status(200)
                .set({
                  'content-type':
                    fetched.mimeType !== null && MIME_TYPE.test(fetched.mimeType)
                      ? fetched.mimeType
                      : 'application/octet-stream',
                  'content-disposition': attachment(fetched.fileName),
                  'cache-control': 'no-store',
                  'x-sflow-sha256': fetched.sha256,
                })
                .end(fetched.bytes);
          }
        })
        .catch(next);
    },
  );

  return router;
}

function refuse(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}

/** `attachment`, with the customer's file name in RFC 5987 form (any script, no header injection). */
function attachment(fileName: string | null): string {
  return fileName === null
    ? 'attachment'
    : `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
