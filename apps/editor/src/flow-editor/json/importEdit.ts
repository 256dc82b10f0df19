import { parseJsonText } from '@sanjay-flow/flow-json';
import { GraphError, importFlowJson, screenNodes, type GraphDocument } from '@sanjay-flow/graph';

/** Why an edited Flow JSON text was not applied, with its place in the text when known. */
export interface EditRefusal {
  message: string;
  line?: number;
  column?: number;
}

export type EditResult =
  { ok: true; document: GraphDocument } | { ok: false; refusal: EditRefusal };

function screenIdOf(screen: Record<string, unknown>): unknown {
  return screen.id;
}

/**
 * The open document with its Flow JSON replaced by `text`, or why not: text that is not JSON
 * (with line and column) or that has no list of screens with distinct ids. Nothing is applied
 * unless the whole text imports. Screens keep their node, canvas position and logic links when
 * their id stays; new screens are placed by the importer's layout. The logic is kept as it is.
 */
export async function importEditedText(current: GraphDocument, text: string): Promise<EditResult> {
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    return { ok: false, refusal: { message: parsed.message, ...parsed.position } };
  }
  let imported: GraphDocument;
  try {
    imported = await importFlowJson(parsed.value);
  } catch (error) {
    if (error instanceof GraphError) {
      const pointer = error.issues[0]?.pointer;
      const position = pointer === undefined ? undefined : parsed.positionOf(pointer);

      return { ok: false, refusal: { message: error.message, ...position } };
    }
    throw error;
  }
  const existing = new Map(
    screenNodes(current).map((node) => [screenIdOf(node.screen), node] as const),
  );
  const nodes = imported.nodes.map((node) => {
    const kept = existing.get(screenIdOf(node.screen));

    return kept === undefined ? node : { ...node, id: kept.id, position: kept.position };
  });

  return {
    ok: true,
    document: {
      ...imported,
      nodes,
      ...(current.logic === undefined ? {} : { logic: current.logic }),
    },
  };
}
