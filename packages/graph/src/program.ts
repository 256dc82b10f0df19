import { LATEST_FLOW_JSON_VERSION, RoutingModelSchema } from '@sanjay-flow/flow-json';
import { DataModelSchema, PROGRAM_VERSION } from '@sanjay-flow/runtime';
import type { DataModel, Program } from '@sanjay-flow/runtime';

import { screenNodes } from './document';
import type { GraphDocument, ScreenNode } from './document';
import { GraphError } from './errors';
import type { GraphIssue } from './errors';
import { deriveRoutingModel } from './routing';

/**
 * Compiles the server-side part of a graph into the runtime's program: each screen's declared
 * data model (so replies can be checked), the routes the phone may take (the Flow's own
 * `routing_model`, or the one its navigation implies), and the logic nodes and edges. A
 * document without logic gives a program with no nodes, which answers `ping` and nothing else.
 */
export function compileProgram(doc: GraphDocument): Program {
  const issues: GraphIssue[] = [];
  const screens: Program['screens'] = {};
  doc.nodes.forEach((node, index) => {
    if (node.kind === 'screen') {
      screens[screenIdOf(node)] = {
        data: dataModelOf(node, `/nodes/${index}/screen/data`, issues),
      };
    }
  });
  if (issues.length > 0) {
    throw new GraphError(
      'INVALID_GRAPH_DOCUMENT',
      'A screen declares data the runtime cannot check',
      issues,
    );
  }
  const version = doc.flow.version;

  return {
    programVersion: PROGRAM_VERSION,
    flowJsonVersion:
      typeof version === 'string' && version !== '' ? version : LATEST_FLOW_JSON_VERSION,
    screens,
    routes: routesOf(doc),
    nodes: doc.logic?.nodes ?? [],
    edges: doc.logic?.edges ?? [],
  };
}

function routesOf(doc: GraphDocument): Program['routes'] {
  const declared = RoutingModelSchema.safeParse(doc.flow.routing_model);
  if (declared.success) {
    return declared.data;
  }
  const derived = deriveRoutingModel(doc);
  // Every screen is a key, even one the navigation never reaches, so replies can name it.
  for (const node of screenNodes(doc)) {
    derived[screenIdOf(node)] ??= [];
  }

  return derived;
}

function dataModelOf(node: ScreenNode, pointer: string, issues: GraphIssue[]): DataModel {
  const parsed = DataModelSchema.safeParse(node.screen.data ?? {});
  if (parsed.success) {
    return parsed.data;
  }
  for (const issue of parsed.error.issues) {
    issues.push({
      pointer: [pointer, ...issue.path.map(String)].join('/'),
      message: issue.message,
    });
  }

  return {};
}

function screenIdOf(node: ScreenNode): string {
  return typeof node.screen.id === 'string' ? node.screen.id : node.id;
}
