import { renameRefusal, renameScreen, type GraphDocument } from '@sanjay-flow/graph';
import { useState } from 'react';

import { useEditorStore } from '../editorStore';
import { inspectorFieldId } from './fieldIds';
import { FieldFrame } from './inspectorFields';

/**
 * The screen's id, applied when the field is left or Enter is pressed (every keystroke would
 * rename every reference to the screen); an id Flow JSON refuses is explained, not applied.
 */
export function ScreenIdField({
  document,
  nodeId,
  id,
}: {
  document: GraphDocument;
  nodeId: string;
  id: string;
}) {
  const [draft, setDraft] = useState(id);
  const applyEdit = useEditorStore((state) => state.applyEdit);
  const fieldId = inspectorFieldId(nodeId, '', 'id');
  const refusal = draft === id ? null : renameRefusal(document, nodeId, draft);
  const apply = () => {
    if (draft === id || refusal !== null) {
      return;
    }
    applyEdit((doc) => {
      const renamed = renameScreen(doc, nodeId, draft);

      return renamed.ok ? renamed.doc : doc;
    });
  };

  return (
    <FieldFrame
      id={fieldId}
      label="Screen id"
      required
      problems={refusal === null ? [] : [refusal]}
    >
      <input
        id={fieldId}
        className="input inspector__input inspector__input--code"
        value={draft}
        spellCheck={false}
        aria-invalid={refusal !== null}
        aria-describedby={`${fieldId}-problems`}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={apply}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            apply();
          } else if (event.key === 'Escape') {
            setDraft(id);
          }
        }}
      />
    </FieldFrame>
  );
}
