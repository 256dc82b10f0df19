import { validateFlowJsonText, type Problem } from '@sanjay-flow/flow-json';
import { compileGraph, screenNodes, type GraphDocument } from '@sanjay-flow/graph';
import { useMemo } from 'react';

import { useEditorStore } from '../editorStore';

/**
 * The open document compiled to Flow JSON, with Meta's validation of that exact text. One
 * compile feeds the preview, the problems panel and the JSON panel; positions are not part of
 * Flow JSON, so dragging a card compiles nothing.
 */
export interface CompiledFlowView {
  text: string;
  flowJson: Record<string, unknown>;
  problems: Problem[];
  /** The graph node of each compiled screen, by its index in `screens`. */
  screenNodeIds: string[];
}

export function compileForPanels(document: GraphDocument): CompiledFlowView {
  const compiled = compileGraph(document);

  return {
    text: compiled.text,
    flowJson: compiled.flowJson,
    problems: validateFlowJsonText(compiled.text).problems,
    screenNodeIds: screenNodes(document).map((node) => node.id),
  };
}

/** The compiled view of the store's document, worked out again only when the document changes. */
export function useCompiledFlow(): CompiledFlowView | null {
  const document = useEditorStore((state) => state.document);

  return useMemo(() => (document === null ? null : compileForPanels(document)), [document]);
}
