import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { expect, type APIRequestContext, type Page } from '@playwright/test';

import { apiHeaders } from './auth-support';

export const surveyFixturePath = new URL(
  '../test-data/meta-tools_survey_v3.1.flow.json',
  import.meta.url,
);

export function readSurveyFixture(): { text: string; json: unknown } {
  const text = readFileSync(surveyFixturePath, 'utf8');

  return { text, json: JSON.parse(text) as unknown };
}

/** A name no other test (or earlier run against the same database) uses. */
export function uniqueName(label: string): string {
  return `${label} ${randomUUID().slice(0, 8)}`;
}

interface TrpcSuccess<T> {
  result: { data: T };
}

/** Calls a tRPC mutation the way a non-batching client would: POST with the input as body. */
export async function callMutation<T>(
  request: APIRequestContext,
  procedure: string,
  input: unknown,
): Promise<T> {
  const response = await request.post(`/trpc/${procedure}`, { data: input, headers: apiHeaders() });
  expect(response.status(), await response.text()).toBe(200);

  return ((await response.json()) as TrpcSuccess<T>).result.data;
}

export async function callQuery<T>(
  request: APIRequestContext,
  procedure: string,
  input: unknown,
): Promise<T> {
  const response = await request.get(`/trpc/${procedure}`, {
    params: { input: JSON.stringify(input) },
    headers: apiHeaders(),
  });
  expect(response.status(), await response.text()).toBe(200);

  return ((await response.json()) as TrpcSuccess<T>).result.data;
}

export async function createFlow(request: APIRequestContext, name: string): Promise<string> {
  const { id } = await callMutation<{ id: string }>(request, 'flows.create', { name });

  return id;
}

export function flowLink(page: Page, name: string) {
  return page.getByRole('link', { name, exact: true });
}
