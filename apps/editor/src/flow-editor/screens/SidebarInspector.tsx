import { isJsonObject } from '@sanjay-flow/flow-json';
import { referencesInScope, screenNode, valueAt } from '@sanjay-flow/graph';
import { useEffect, useMemo } from 'react';

import { useEditorStore } from '../editorStore';
import { LogicInspector } from '../logic/LogicInspector';
import { ComponentInspector } from './ComponentInspector';
import { inspectorFieldId, splitSelectionPointer } from './fieldIds';
import { ScreenInspector } from './ScreenInspector';
import { screenProblems } from './screenProblems';

/**
 * The inspector for what is selected: a component of a screen, a screen, or a logic node.
 * A selection that names a property (`…/children/2/label`, from the problems panel) focuses
 * that property's input.
 */
export function SidebarInspector() {
  const document = useEditorStore((state) => state.document);
  const selection = useEditorStore((state) => state.selection);
  const isScreen = document?.nodes.some((node) => node.id === selection?.nodeId) === true;
  const problems = useMemo(() => (document === null ? [] : screenProblems(document)), [document]);
  const split = splitSelectionPointer(selection?.pointer ?? '');
  const nodeId = isScreen ? selection?.nodeId : undefined;
  const references = useMemo(
    () => (document === null || nodeId === undefined ? [] : referencesInScope(document, nodeId)),
    [document, nodeId],
  );

  useEffect(() => {
    if (nodeId === undefined || split.property === undefined) {
      return;
    }
    const id = inspectorFieldId(nodeId, split.component ?? '', split.property);
    // After the inspector for the new selection has rendered.
    requestAnimationFrame(() => window.document.getElementById(id)?.focus());
  }, [nodeId, split.component, split.property]);

  if (document === null || nodeId === undefined) {
    return (
      <>
        {selection === null && (
          <p className="inspector__hint">
            Select a screen (its title) or one of its components to edit it here.
          </p>
        )}
        <LogicInspector />
      </>
    );
  }
  const component = split.component;
  const found =
    component === undefined ? undefined : valueAt(screenNode(document, nodeId).screen, component);

  return component !== undefined && isJsonObject(found) ? (
    <ComponentInspector
      key={`${nodeId}${component}`}
      document={document}
      nodeId={nodeId}
      pointer={component}
      problems={problems}
      references={references}
    />
  ) : (
    <ScreenInspector
      key={nodeId}
      document={document}
      nodeId={nodeId}
      problems={problems}
      references={references}
    />
  );
}
