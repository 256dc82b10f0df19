import { isTrigger, portsOf } from '@sanjay-flow/runtime';
import type { ProgramEdge } from '@sanjay-flow/runtime';

import type { GraphDocument } from './document';
import { logicOf } from './logic-nodes';

/** A connection the user asks for: from a node's port (absent: its single exit) to a node. */
export interface LogicConnection {
  from: string;
  to: string;
  port?: string;
}

export type ConnectResult = { ok: true; doc: GraphDocument } | { ok: false; reason: string };

function portName(port: string | undefined): string {
  return port === undefined ? 'its exit' : `port '${port}'`;
}

/** Why the connection cannot be made, or `null` when it can. */
export function connectionRefusal(doc: GraphDocument, connection: LogicConnection): string | null {
  const logic = logicOf(doc);
  const from = logic.nodes.find((node) => node.id === connection.from);
  const to = logic.nodes.find((node) => node.id === connection.to);
  if (from === undefined || to === undefined) {
    return 'Only logic nodes can be connected; screens join through triggers and go-to-screen steps';
  }
  if (!portsOf(from).includes(connection.port)) {
    return portsOf(from).length === 0
      ? `A '${from.type}' step answers the phone and has no exit`
      : `A '${from.type}' step has no ${portName(connection.port)}`;
  }
  if (isTrigger(to)) {
    return 'A trigger starts the logic and cannot be the target of a connection';
  }
  if (from.id === to.id) {
    return 'A step cannot lead to itself';
  }
  const taken = logic.edges.some((edge) => edge.from === from.id && edge.port === connection.port);

  return taken ? `'${from.id}' already leaves by ${portName(connection.port)}` : null;
}

/** Adds the edge, or says why it is refused. */
export function connectLogicNodes(doc: GraphDocument, connection: LogicConnection): ConnectResult {
  const reason = connectionRefusal(doc, connection);
  if (reason !== null) {
    return { ok: false, reason };
  }
  const logic = logicOf(doc);
  const edge: ProgramEdge =
    connection.port === undefined
      ? { from: connection.from, to: connection.to }
      : { from: connection.from, to: connection.to, port: connection.port };

  return { ok: true, doc: { ...doc, logic: { ...logic, edges: [...logic.edges, edge] } } };
}

/** Removes the edge that leaves `from` by `port` (each port has at most one). */
export function disconnectLogicNodes(
  doc: GraphDocument,
  from: string,
  port: string | undefined,
): GraphDocument {
  const logic = logicOf(doc);
  const edges = logic.edges.filter((edge) => !(edge.from === from && edge.port === port));

  return edges.length === logic.edges.length ? doc : { ...doc, logic: { ...logic, edges } };
}
