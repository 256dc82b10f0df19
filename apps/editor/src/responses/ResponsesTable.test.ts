import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import { createApiClient, TRPCProvider } from '../api/trpc';
import type { RouterOutputs } from '../api/types';
import { type WorkspaceRole, WorkspaceRoleContext } from '../auth/workspaceRole';
import { ResponsesTable } from './ResponsesTable';

type Row = RouterOutputs['submissions']['list']['rows'][number];

const ROW: Row = {
  id: '7d1c3f52-58a4-4b0e-9a55-2f1c6f0b9e11',
  flowId: '0b3d9a7e-1f55-4c1e-9d3a-6a2f4f0c8e21',
  receivedAt: '2026-12-01T10:00:00.000Z',
  status: 'dead',
  source: 'completion',
  customerWaId: '16505551234',
  customerUserId: null,
  answers: { name: 'Ada' },
  fields: ['name'],
  missingRequired: [],
  responseError: null,
  rawResponse: null,
  answersDeletedAt: null,
  deliveries: [],
  files: [],
};

function render(role: WorkspaceRole, onSelect?: (selected: ReadonlySet<string>) => void) {
  const queryClient = new QueryClient();
  const table: ReactElement = createElement(ResponsesTable, {
    columns: [{ key: 'name', label: 'Your name' }],
    rows: [ROW],
    selected: new Set<string>(),
    onSelect,
    onChanged: () => Promise.resolve(),
  });

  return renderToStaticMarkup(
    createElement(
      QueryClientProvider,
      { client: queryClient },
      createElement(TRPCProvider, {
        trpcClient: createApiClient(),
        queryClient,
        children: createElement(WorkspaceRoleContext.Provider, { value: role }, table),
      }),
    ),
  );
}

describe('the responses table', () => {
  it('gives an editor a selection to delete and a retry for a failed delivery', () => {
    const html = render('editor', () => {});

    expect(html).toContain('Your name');
    expect(html).toContain('Ada');
    expect(html).toContain('type="checkbox"');
    expect(html).toContain('Retry now');
  });

  it('shows a viewer the answers without the controls the server would refuse', () => {
    const html = render('viewer');

    expect(html).toContain('Ada');
    expect(html).not.toContain('type="checkbox"');
    expect(html).not.toContain('Select');
    expect(html).not.toContain('Retry now');
  });
});
