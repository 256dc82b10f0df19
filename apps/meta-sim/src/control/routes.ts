import express from 'express';
import type { NextFunction, Request, Response, Router } from 'express';
import { z } from 'zod';

import { FaultSchema } from '../graph/faults';
import { FLOW_STATUSES } from '../state';
import { FLOW_ALERT_EVENTS } from '../webhooks/flow-alerts';
import { BusinessInputSchema, WebhookInputSchema } from './businesses';
import type { MetaSimControl } from './control';
import { SimControlError } from './control-error';

const CustomerSchema = z.object({
  waId: z.string().regex(/^\d{6,20}$/, { error: 'a wa_id is the phone number in digits' }),
  userId: z.string().min(1).max(256).optional(),
  name: z.string().min(1).max(100).optional(),
});

const TextSchema = z.object({
  phoneNumberId: z.string().min(1),
  customer: CustomerSchema,
  text: z.string().min(1).max(4096),
});

const CompleteSchema = z.object({
  customer: CustomerSchema,
  messageId: z.string().min(1),
  answers: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  backFrom: z.array(z.string()).optional(),
});

const PickMediaSchema = z.object({
  phoneNumberId: z.string().min(1),
  fileName: z.string().min(1).max(255),
  mimeType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, { error: 'a MIME type, e.g. image/jpeg' }),
  contentBase64: z.base64().min(1),
});

const TrickSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('duplicate'),
    times: z.number().int().min(1).max(1000),
    deliveryId: z.number().int().optional(),
  }),
  z.object({ kind: z.literal('out_of_order'), messageId: z.string() }),
  z.object({ kind: z.literal('failed_status'), messageId: z.string() }),
  z.object({ kind: z.literal('malformed') }),
  z.object({ kind: z.literal('unknown_status') }),
  z.object({ kind: z.literal('errors') }),
]);

const AlertSchema = z.object({
  event: z.enum(FLOW_ALERT_EVENTS),
  alertState: z.enum(['ACTIVATED', 'DEACTIVATED']).default('ACTIVATED'),
});

const UnpublishedRuleSchema = z.object({
  pointer: z.string().regex(/^(\/[^/]*)+$/, { error: 'a JSON pointer such as /screens/0' }),
  error: z.string().regex(/^[A-Z_]+$/, { error: "Meta's error code, e.g. INVALID_PROPERTY_VALUE" }),
  message: z.string().min(1).max(1000),
});

type Handler = (req: Request) => unknown;

/** The control API under `/_sim` (documented in the package README). */
export function createControlRouter(control: MetaSimControl): Router {
  const router = express.Router();
  // A picked file comes as base64: up to Meta's 25600 KB, a third larger.
  router.use(express.json({ limit: '35mb' }));
  const post = (path: string, handler: Handler, status = 200) =>
    router.post(path, answer(handler, status));
  const get = (path: string, handler: Handler) => router.get(path, answer(handler, 200));

  post('/businesses', (req) => control.registerBusiness(BusinessInputSchema.parse(req.body)), 201);
  get('/businesses/:wabaId', (req) => control.business(param(req, 'wabaId')));
  router.put(
    '/businesses/:wabaId/webhook',
    answer(async (req) => {
      await control.subscribeWebhook(param(req, 'wabaId'), WebhookInputSchema.parse(req.body));

      return control.business(param(req, 'wabaId'));
    }, 200),
  );
  post('/businesses/:wabaId/tokens', (req) => {
    control.addAccessToken(
      param(req, 'wabaId'),
      z.object({ accessToken: z.string().min(1) }).parse(req.body).accessToken,
    );

    return control.business(param(req, 'wabaId'));
  });
  post('/faults', (req) => control.addFault(FaultSchema.parse(req.body)), 201);
  router.delete(
    '/faults',
    answer(() => control.clearFaults(), 204),
  );
  post('/customers/messages', (req) => control.customerSendsText(TextSchema.parse(req.body)), 201);
  get('/customers/:waId/inbox', (req) => ({ data: control.inbox({ waId: param(req, 'waId') }) }));
  post('/customers/flows/complete', (req) => control.completeFlow(CompleteSchema.parse(req.body)));
  post(
    '/customers/media',
    (req) => {
      const { contentBase64, ...input } = PickMediaSchema.parse(req.body);

      return control.pickMedia({ ...input, bytes: Buffer.from(contentBase64, 'base64') });
    },
    201,
  );
  post('/flows/:flowId/status', (req) => {
    control.setFlowStatus(
      param(req, 'flowId'),
      z.object({ status: z.enum(FLOW_STATUSES) }).parse(req.body).status,
    );

    return { success: true };
  });
  post(
    '/flows/:flowId/alerts',
    (req) => {
      const alert = AlertSchema.parse(req.body);

      return control.flowAlert(param(req, 'flowId'), alert.event, alert.alertState);
    },
    201,
  );
  post(
    '/validation-rules',
    (req) => {
      control.addUnpublishedRule(UnpublishedRuleSchema.parse(req.body));

      return { success: true };
    },
    201,
  );
  post('/flows/:flowId/editable', (req) => {
    const { editable } = z.object({ editable: z.boolean() }).parse(req.body);
    control.setFlowEditable(param(req, 'flowId'), editable);

    return { success: true };
  });
  get('/webhooks', (req) => ({
    data: control.webhooks(typeof req.query.wabaId === 'string' ? req.query.wabaId : undefined),
  }));
  post(
    '/businesses/:wabaId/webhooks',
    (req) => sendTrick(control, param(req, 'wabaId'), TrickSchema.parse(req.body)),
    201,
  );
  router.use(controlErrors);

  return router;
}

function sendTrick(control: MetaSimControl, wabaId: string, trick: z.infer<typeof TrickSchema>) {
  switch (trick.kind) {
    case 'duplicate':
      return control.duplicateWebhook(wabaId, trick.times, trick.deliveryId);
    case 'out_of_order':
      return control.statusesOutOfOrder(wabaId, trick.messageId);
    case 'failed_status':
      return control.failedStatus(wabaId, trick.messageId);
    case 'malformed':
      return control.malformedWebhook(wabaId);
    case 'unknown_status':
      return control.unknownMessageStatus(wabaId);
    case 'errors':
      return control.errorsWebhook(wabaId);
  }
}

function param(req: Request, name: string): string {
  return String((req.params as Record<string, unknown>)[name]);
}

function answer(handler: Handler, status: number) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const body = await handler(req);
      if (status === 204) {
        res.status(204).end();
      } else {
        res.status(status).json(body);
      }
    } catch (error) {
      next(error);
    }
  };
}

function controlErrors(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (error instanceof z.ZodError) {
    const problems = error.issues.map(
      (issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`,
    );
    res.status(400).json({ error: { message: `Invalid control request: ${problems.join('; ')}` } });

    return;
  }
  if (error instanceof SimControlError) {
    res.status(error.status).json({ error: { message: error.message } });

    return;
  }
  next(error);
}
