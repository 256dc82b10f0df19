import { isJsonObject } from '@sanjay-flow/flow-json';
import { screenNodes, type GraphDocument, type ScopeReference } from '@sanjay-flow/graph';

import { ChoiceField, FieldFrame, TextField } from './inspectorFields';
import { PayloadEditor } from './PayloadEditor';
import { connectToScreen } from './screenActions';

const ACTION_LABELS: Record<string, string> = {
  navigate: 'Go to a screen',
  complete: 'Complete the Flow',
  data_exchange: 'Ask the endpoint',
  update_data: 'Update screen data',
  open_url: 'Open a web page',
};

interface ActionFieldProps {
  id: string;
  label: string;
  document: GraphDocument;
  nodeId: string;
  /** Pointer of the component (or list item) that holds the action. */
  holder: string;
  property: string;
  value: unknown;
  actions: readonly string[];
  required: boolean;
  problems: readonly string[];
  references: readonly ScopeReference[];
  onChange: (value: unknown) => void;
}

function newAction(name: string): Record<string, unknown> {
  return name === 'open_url' ? { name, url: 'https://www.example.com' } : { name, payload: {} };
}

/**
 * An action property: which action, and what it needs. Choosing "Go to a screen" and a screen
 * does what dragging from the button to that screen does (payload and data model included).
 */
export function ActionField(props: ActionFieldProps) {
  const {
    id,
    label,
    document,
    nodeId,
    holder,
    property,
    value,
    actions,
    required,
    problems,
    references,
    onChange,
  } = props;
  const action = isJsonObject(value) ? value : undefined;
  const name = typeof action?.name === 'string' ? action.name : undefined;
  const next =
    isJsonObject(action?.next) && typeof action.next.name === 'string'
      ? action.next.name
      : undefined;
  const screens = screenNodes(document).filter((node) => node.id !== nodeId);
  const pointer = `${holder}/${property}`;
  const choose = (choice: string | undefined) => {
    if (choice === 'navigate' && property === 'on-click-action' && screens[0] !== undefined) {
      connectToScreen({ nodeId, pointer: holder }, screens[0].id);
    } else {
      onChange(choice === undefined ? undefined : newAction(choice));
    }
  };

  return (
    <fieldset className="inspector__rows">
      <legend className="field__label">{label}</legend>
      <ChoiceField
        id={id}
        label="Action"
        value={name}
        required={required}
        problems={problems}
        options={actions.map((action) => ({
          value: action,
          label: ACTION_LABELS[action] ?? action,
        }))}
        onChange={choose}
      />
      {name === 'navigate' && (
        <ChoiceField
          id={`${id}-next`}
          label="Next screen"
          value={screens.find((node) => node.screen.id === next)?.id ?? next}
          required
          options={screens.map((node) => ({
            value: node.id,
            label: typeof node.screen.id === 'string' ? node.screen.id : node.id,
          }))}
          onChange={(target) =>
            target !== undefined && connectToScreen({ nodeId, pointer: holder }, target)
          }
        />
      )}
      {name === 'open_url' && (
        <TextField
          id={`${id}-url`}
          label="Web address"
          required
          value={typeof action?.url === 'string' ? action.url : ''}
          references={references}
          onChange={(url) => onChange({ ...action, url })}
        />
      )}
      {name !== undefined && name !== 'open_url' && (
        <PayloadEditor
          nodeId={nodeId}
          pointer={pointer}
          payload={isJsonObject(action?.payload) ? action.payload : {}}
          references={references}
          onChange={(payload) => onChange({ ...action, payload })}
        />
      )}
      {name === undefined && action !== undefined && (
        <FieldFrame id={`${id}-raw`} label="Unknown action">
          <code id={`${id}-raw`}>{JSON.stringify(action)}</code>
        </FieldFrame>
      )}
    </fieldset>
  );
}
