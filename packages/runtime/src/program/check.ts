import { expressionSitesOf, siteSyntaxError } from '../nodes/sites-of';
import type { LogicNode } from '../nodes/schema';
import { isTrigger, portsOf } from '../nodes/schema';
import type { ExpressionSite } from '../nodes/sites';
import type { Program } from './schema';

export interface ProgramProblem {
  /** The node the problem belongs to, when it belongs to one. */
  nodeId?: string;
  /** The node's field, e.g. `data.slots` or `url`. */
  field?: string;
  /** Offset into the field's text for expression problems. */
  offset?: number;
  message: string;
}

/**
 * Finds what would make a program fail at run time and can be known before: expressions that
 * do not parse, screens that do not exist, edges that point nowhere or leave by a port the node
 * does not have, and two edges leaving by the same port.
 */
export function checkProgram(program: Program): ProgramProblem[] {
  const nodes = new Map<string, LogicNode>();
  const problems: ProgramProblem[] = [];
  for (const node of program.nodes) {
    if (nodes.has(node.id)) {
      problems.push({ nodeId: node.id, message: `Two nodes share the id '${node.id}'` });
    }
    nodes.set(node.id, node);
    problems.push(
      ...checkScreens(program, node),
      ...expressionSitesOf(node).flatMap((site) => checkSite(node.id, site)),
    );
  }

  return [...problems, ...checkEdges(program, nodes)];
}

function checkSite(nodeId: string, site: ExpressionSite): ProgramProblem[] {
  const error = siteSyntaxError(site);

  return error === undefined
    ? []
    : [{ nodeId, field: site.field, offset: error.offset, message: error.message }];
}

function checkScreens(program: Program, node: LogicNode): ProgramProblem[] {
  const screen = 'screen' in node ? node.screen : undefined;
  if (screen === undefined) {
    return [];
  }
  const declared = Object.hasOwn(program.screens, screen) ? program.screens[screen] : undefined;
  if (declared === undefined) {
    return [
      { nodeId: node.id, field: 'screen', message: `Screen '${screen}' is not in the program` },
    ];
  }
  const mapped = 'data' in node ? Object.keys(node.data) : undefined;

  return mapped === undefined
    ? []
    : unmappedKeys(node.id, screen, Object.keys(declared.data), mapped);
}

// A reply must carry every key its screen declares, so a missing mapping fails every time it runs.
function unmappedKeys(
  nodeId: string,
  screen: string,
  declared: string[],
  mapped: string[],
): ProgramProblem[] {
  return declared
    .filter((key) => !mapped.includes(key))
    .map((key) => ({
      nodeId,
      field: `data.${key}`,
      message: `Screen '${screen}' declares '${key}', but this node does not map it`,
    }));
}

function checkEdges(program: Program, nodes: Map<string, LogicNode>): ProgramProblem[] {
  const problems: ProgramProblem[] = [];
  const used = new Set<string>();
  for (const edge of program.edges) {
    const from = nodes.get(edge.from);
    const to = nodes.get(edge.to);
    const port = edge.port === undefined ? 'the default port' : `port '${edge.port}'`;
    if (from === undefined || to === undefined) {
      problems.push({
        message: `An edge joins '${edge.from}' to '${edge.to}', but ${from === undefined ? edge.from : edge.to} does not exist`,
      });
      continue;
    }
    if (!portsOf(from).includes(edge.port)) {
      problems.push({ nodeId: from.id, message: `'${from.type}' has no ${port}` });
    }
    if (isTrigger(to)) {
      problems.push({ nodeId: to.id, message: 'A trigger cannot be the target of an edge' });
    }
    const key = `${edge.from}\u0000${edge.port ?? ''}`;
    if (used.has(key)) {
      problems.push({ nodeId: from.id, message: `More than one edge leaves by ${port}` });
    }
    used.add(key);
  }

  return problems;
}
