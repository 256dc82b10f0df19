import { isJsonObject, pointerTo } from '@sanjay-flow/flow-json';

import { CURRENT_SCHEMA_VERSION, GraphDocumentSchema } from './document';
import type { GraphDocument, ScreenNode } from './document';
import { screenEdges } from './edges';
import { GraphError } from './errors';
import type { GraphIssue } from './errors';
import { SCREEN_CARD_WIDTH, layeredLayout, screenCardHeight } from './layout';
import { summarizeScreen } from './summarize';

/**
 * Turns a Flow JSON document into a graph document: one screen node per screen, kept as
 * given, placed left to right along its navigation. Needs only a list of screens with
 * distinct text ids; everything else, valid or not, is carried over for the validator and the
 * editor to deal with.
 */
export async function importFlowJson(flowJson: unknown): Promise<GraphDocument> {
  const screens = readScreens(flowJson);
  const flow = Object.fromEntries(
    Object.entries(flowJson as Record<string, unknown>).filter(([key]) => key !== 'screens'),
  );
  const unplaced: GraphDocument = {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    flow: structuredClone(flow),
    nodes: screens.map((screen): ScreenNode => ({
      kind: 'screen',
      id: screen.id as string,
      position: { x: 0, y: 0 },
      screen: structuredClone(screen),
    })),
  };
  const positions = await layeredLayout(
    unplaced.nodes.map((node) => ({
      id: node.id,
      width: SCREEN_CARD_WIDTH,
      height: screenCardHeight(summarizeScreen(node.screen).components.length),
    })),
    screenEdges(unplaced),
  );
  const placed = {
    ...unplaced,
    nodes: unplaced.nodes.map((node) => ({
      ...node,
      position: positions.get(node.id) ?? node.position,
    })),
  };

  return GraphDocumentSchema.parse(placed);
}

function readScreens(flowJson: unknown): Array<Record<string, unknown>> {
  if (!isJsonObject(flowJson)) {
    throw new GraphError('INVALID_FLOW_JSON', 'A Flow JSON document must be a JSON object.');
  }
  const screens = flowJson.screens;
  if (!Array.isArray(screens)) {
    throw new GraphError('INVALID_FLOW_JSON', 'The Flow JSON has no list of “screens” to import.', [
      { pointer: '/screens', message: 'expected a list of screens' },
    ]);
  }
  const issues: GraphIssue[] = [];
  const seen = new Set<string>();
  screens.forEach((screen: unknown, index) => {
    const id = isJsonObject(screen) ? screen.id : undefined;
    if (typeof id !== 'string' || id === '') {
      issues.push({
        pointer: pointerTo('screens', index),
        message: 'a screen needs a text id to be imported',
      });
    } else if (seen.has(id)) {
      issues.push({
        pointer: pointerTo('screens', index, 'id'),
        message: `the screen id “${id}” is used twice`,
      });
    }
    seen.add(typeof id === 'string' ? id : '');
  });
  if (issues.length > 0) {
    throw new GraphError(
      'INVALID_FLOW_JSON',
      `The Flow cannot be imported: ${issues.map((issue) => issue.message).join('; ')}.`,
      issues,
    );
  }

  return screens as Array<Record<string, unknown>>;
}
