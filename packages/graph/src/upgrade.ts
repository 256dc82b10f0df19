import { childPointer, isJsonObject, pointerTo } from '@sanjay-flow/flow-json';

import { CURRENT_SCHEMA_VERSION, GraphDocumentSchema } from './document';
import type { GraphDocument } from './document';
import { GraphError } from './errors';

/** Turns a document of schema version N into one of version N + 1. Pure: never mutates its input. */
export type UpgradeStep = (document: Record<string, unknown>) => Record<string, unknown>;

/**
 * The upgrade from each version to the next, keyed by the version it reads. Empty while only
 * version 1 exists; a change to the document's shape adds a step here and bumps
 * CURRENT_SCHEMA_VERSION.
 */
export const UPGRADE_STEPS: Readonly<Record<number, UpgradeStep>> = {};

/**
 * Brings a stored document of any older schema version up to `targetVersion` by running the
 * steps in order. Refuses documents from a newer product version rather than guessing.
 */
export function runUpgradeSteps(
  raw: unknown,
  steps: Readonly<Record<number, UpgradeStep>>,
  targetVersion: number,
): Record<string, unknown> {
  if (!isJsonObject(raw)) {
    throw new GraphError('INVALID_GRAPH_DOCUMENT', 'A graph document must be a JSON object.');
  }
  let document = raw;
  let version = readSchemaVersion(raw);
  if (version > targetVersion) {
    throw new GraphError(
      'UNSUPPORTED_SCHEMA_VERSION',
      `This graph document has schema version ${version}, made by a newer version of the product; this one reads up to ${targetVersion}.`,
    );
  }
  while (version < targetVersion) {
    const step = steps[version];
    if (step === undefined) {
      throw new GraphError(
        'UNSUPPORTED_SCHEMA_VERSION',
        `No upgrade is known from schema version ${version}.`,
      );
    }
    document = { ...step(document), schemaVersion: version + 1 };
    version += 1;
  }

  return document;
}

/** Reads a stored graph document of any known schema version as a current one. */
export function upgradeGraphDocument(raw: unknown): GraphDocument {
  const upgraded = runUpgradeSteps(raw, UPGRADE_STEPS, CURRENT_SCHEMA_VERSION);
  const parsed = GraphDocumentSchema.safeParse(upgraded);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      pointer: childPointer(
        '',
        ...issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment)),
      ),
      message: issue.message,
    }));
    const first = issues[0];

    throw new GraphError(
      'INVALID_GRAPH_DOCUMENT',
      `The graph document is not valid${first ? `: ${first.message} at ${first.pointer || 'the top'}` : ''}.`,
      issues,
    );
  }

  return parsed.data;
}

function readSchemaVersion(raw: Record<string, unknown>): number {
  const version = raw.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new GraphError(
      'INVALID_GRAPH_DOCUMENT',
      'The graph document has no valid “schemaVersion” (a whole number from 1).',
      [{ pointer: pointerTo('schemaVersion'), message: 'expected a whole number from 1' }],
    );
  }

  return version;
}
