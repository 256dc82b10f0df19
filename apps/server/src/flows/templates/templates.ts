import { upgradeGraphDocument, type GraphDocument } from '@sanjay-flow/graph';

import appointmentBooking from './appointment-booking.json';
import customerSatisfaction from './customer-satisfaction.json';
import leadCapture from './lead-capture.json';
import signUp from './sign-up.json';
import supportTicket from './support-ticket.json';

/**
 * The gallery a new Flow can start from: realistic Flows, valid for Flow JSON 7.3, kept as
 * graph documents (screens, and logic for the ones that use the data endpoint).
 */
export interface FlowTemplate {
  id: string;
  name: string;
  description: string;
  /** Whether the Flow calls the data endpoint (its logic runs on this server). */
  usesEndpoint: boolean;
  screenCount: number;
  graph: GraphDocument;
}

interface TemplateFile {
  name: string;
  description: string;
  graph: unknown;
}

function template(id: string, file: TemplateFile): FlowTemplate {
  const graph = upgradeGraphDocument(file.graph);

  return {
    id,
    name: file.name,
    description: file.description,
    usesEndpoint: (graph.logic?.nodes.length ?? 0) > 0,
    screenCount: graph.nodes.length,
    graph,
  };
}

export const FLOW_TEMPLATES: readonly FlowTemplate[] = [
  template('appointment-booking', appointmentBooking),
  template('lead-capture', leadCapture),
  template('customer-satisfaction', customerSatisfaction),
  template('sign-up', signUp),
  template('support-ticket', supportTicket),
];

export const TEMPLATE_IDS = FLOW_TEMPLATES.map((entry) => entry.id);

/** A fresh copy of the template's document, so a created Flow never shares it. */
export function templateById(id: string): FlowTemplate | undefined {
  const found = FLOW_TEMPLATES.find((entry) => entry.id === id);

  return found && { ...found, graph: structuredClone(found.graph) };
}
