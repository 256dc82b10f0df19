import { validateFlowJsonText } from '@sanjay-flow/flow-json';
import { compileGraph, importFlowJson } from '@sanjay-flow/graph';
import type { FlowRepository } from '@sanjay-flow/db';

import { AppError } from '../errors';
import { flowNameFromFileName } from './flow-name';
import { asJson } from './json';

/** Meta refuses Flow JSON documents above 10 MB, so the product refuses them at import. */
export const MAX_FLOW_JSON_BYTES = 10 * 1024 * 1024;

export interface ImportFlowInput {
  fileName: string;
  text: string;
  name?: string | undefined;
}

/**
 * Creates a Flow from a Flow JSON file. The file is checked before anything is stored, so a
 * bad file never leaves a half-imported Flow behind.
 */
export async function importFlow(
  flows: FlowRepository,
  workspaceId: string,
  input: ImportFlowInput,
): Promise<{ id: string }> {
  if (!/\.json$/i.test(input.fileName)) {
    throw new AppError(
      'UNSUPPORTED_FILE_TYPE',
      `“${input.fileName}” is not a Flow JSON file: choose a .json file`,
    );
  }
  const size = Buffer.byteLength(input.text, 'utf8');
  if (size > MAX_FLOW_JSON_BYTES) {
    throw new AppError(
      'FILE_TOO_LARGE',
      `“${input.fileName}” is ${size.toLocaleString('en')} bytes; a Flow JSON file may be at most 10 MB (${MAX_FLOW_JSON_BYTES.toLocaleString('en')} bytes)`,
    );
  }
  const { document, problems } = validateFlowJsonText(input.text);
  const errors = problems.filter((problem) => problem.severity === 'error');
  if (document === undefined || errors.length > 0) {
    const first = errors[0];
    const where = first?.line ? ` (line ${first.line}, column ${first.column ?? 1})` : '';
    throw new AppError(
      'INVALID_FLOW_JSON',
      `“${input.fileName}” is not valid Flow JSON: ${first?.message ?? 'unreadable'}${where}`,
      errors.map(({ pointer, code, message, line, column }) => ({
        pointer,
        code,
        message,
        line,
        column,
      })),
    );
  }
  const graph = await importFlowJson(document);
  const compiled = compileGraph(graph);
  const flow = await flows.create(workspaceId, {
    name: input.name ?? flowNameFromFileName(input.fileName),
    graph: asJson(graph),
    version: {
      label: `Imported from ${input.fileName}`,
      flowJson: asJson(compiled.flowJson),
      contentHash: compiled.contentHash,
    },
  });

  return { id: flow.id };
}
