import express from 'express';
import type { Request, Response, Router } from 'express';

import { rateLimited } from '../http/rate-limits';
import {
  confirmPublicRequest,
  findBusiness,
  forgetPublicRequests,
  type PublicRequestDependencies,
  REQUEST_KINDS,
  type RequestKind,
  startPublicRequest,
} from './public-request';
import { codeForm, page, problem, requestForm } from './public-request-page';
import { eraseSubjectData, exportSubjectDataAudited } from './subject-data';

const TITLE = 'Your data';
const CUSTOMER = { kind: 'customer_request' } as const;
/** Codes asked for from one address per hour, on top of the per-minute limit of public pages. */
const CODES_PER_ADDRESS_PER_HOUR = 10;

/**
 * `GET /privacy/request?workspace=<id>`: the page a business links to, where a customer asks
 * for a copy or the erasure of their data, proven by a one-time code sent on WhatsApp. No
 * sign-in. Answers never say whether the business holds anything about a number.
 */
export function publicRequestRoutes(dependencies: PublicRequestDependencies): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '4kb' });
  router.get('/request', (req, res) => {
    void showForm(dependencies, req, res);
  });
  router.post(
    '/request',
    rateLimited({
      limit: CODES_PER_ADDRESS_PER_HOUR,
      windowMs: 60 * 60 * 1000,
      scope: 'from this address',
    }),
    form,
    (req, res) => {
      void start(dependencies, req, res);
    },
  );
  router.post('/request/confirm', form, (req, res) => {
    void confirm(dependencies, req, res);
  });

  return router;
}

async function showForm(dependencies: PublicRequestDependencies, req: Request, res: Response) {
  await answer(req, res, async () => {
    const workspaceId = textOf(req.query['workspace']);
    const business = await findBusiness(dependencies.prisma, workspaceId);

    return page(
      TITLE,
      requestForm(business ? { workspaceId: business.id, businessName: business.name } : {}),
    );
  });
}

async function start(dependencies: PublicRequestDependencies, req: Request, res: Response) {
  await answer(req, res, async () => {
    const fields = formOf(req);
    const workspaceId = businessIdOf(fields['business']);
    const phone = fields['phone'] ?? '';
    const outcome = await startPublicRequest(dependencies, {
      workspaceId,
      phone,
      request: kindOf(fields['kind']),
    });
    switch (outcome.kind) {
      case 'code_sent':
        return page(TITLE, codeForm(outcome.requestId));
      case 'unknown_business':
        return page(
          TITLE,
          requestForm({
            phone,
            problem:
              'This is not a data request link we know. Check the link the business gave you.',
          }),
          404,
        );
      case 'invalid_phone':
        return page(
          TITLE,
          requestForm({
            ...(await known(dependencies, workspaceId)),
            phone,
            problem: `Your number: ${outcome.problem}.`,
          }),
          400,
        );
      case 'no_connection':
        return page(
          TITLE,
          problem(
            `${outcome.businessName} cannot take requests on this page yet: ask it directly.`,
          ),
          409,
        );
      case 'too_many_codes':
        return page(
          TITLE,
          problem('Too many codes were asked for this number in the last hour. Try again later.'),
          429,
        );
    }
  });
}

async function confirm(dependencies: PublicRequestDependencies, req: Request, res: Response) {
  const fields = formOf(req);
  const requestId = fields['request'] ?? '';
  await answer(req, res, async () => {
    const outcome = await confirmPublicRequest(dependencies, {
      requestId,
      code: fields['code'] ?? '',
    });
    if (outcome.kind === 'wrong_code') {
      return page(
        TITLE,
        codeForm(requestId, `That code is not right: ${outcome.attemptsLeft} tries left.`),
        400,
      );
    }
    if (outcome.kind === 'expired') {
      return page(
        TITLE,
        problem(
          'This code has expired or was tried too often. Ask for a new one from the business’s link.',
        ),
        410,
      );
    }
    const { prisma } = dependencies;
    if (outcome.request === 'erase') {
      await eraseSubjectData(prisma, outcome.workspaceId, outcome.phone, CUSTOMER);
      await forgetPublicRequests(prisma, outcome.workspaceId, outcome.phone);
      req.log.info({ workspaceId: outcome.workspaceId }, 'data erased at a customer’s request');

      return page(TITLE, '<p>Done: your data has been erased.</p>');
    }
    const copy = await exportSubjectDataAudited(
      prisma,
      outcome.workspaceId,
      outcome.phone,
      CUSTOMER,
    );
    req.log.info({ workspaceId: outcome.workspaceId }, 'data copy sent at a customer’s request');

    return { status: 200, json: copy };
  });
}

type Answer = { status: number; html: string } | { status: number; json: unknown };

/** Sends the page or the download; an unexpected failure is a plain page, its cause in the log. */
async function answer(req: Request, res: Response, make: () => Promise<Answer>) {
  try {
    const result = await make();
    res.setHeader('Cache-Control', 'no-store');
    if ('json' in result) {
      res
        .status(result.status)
        .attachment('my-data.json')
        .type('application/json')
        .send(JSON.stringify(result.json, null, 2));

      return;
    }
    res.status(result.status).type('html').send(result.html);
  } catch (error) {
    req.log.error({ err: error }, 'data request failed');
    const failed = page(
      TITLE,
      problem('Something went wrong on our side. Please try again later.'),
      500,
    );
    res.status(failed.status).type('html').send(failed.html);
  }
}

async function known(dependencies: PublicRequestDependencies, workspaceId: string) {
  const business = await findBusiness(dependencies.prisma, workspaceId);

  return business ? { workspaceId: business.id, businessName: business.name } : { workspaceId };
}

function formOf(req: Request): Record<string, string | undefined> {
  const body: unknown = req.body;
  if (body === null || typeof body !== 'object') {
    return {};
  }

  return Object.fromEntries(
    Object.entries(body as Record<string, unknown>).map(([key, value]) => [key, textOf(value)]),
  );
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value.slice(0, 500) : '';
}

/** The id in a pasted link (`…/privacy/request?workspace=<id>`) or the id itself. */
function businessIdOf(text: string | undefined): string {
  return (
    /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i.exec(text ?? '')?.[0] ?? ''
  );
}

function kindOf(text: string | undefined): RequestKind {
  return REQUEST_KINDS.find((kind) => kind === text) ?? 'export';
}
