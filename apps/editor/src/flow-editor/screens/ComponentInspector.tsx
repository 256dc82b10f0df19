import { isComponentType, isJsonObject } from '@sanjay-flow/flow-json';
import {
  componentList,
  flowVersionOf,
  moveComponent,
  removeComponent,
  screenNode,
  splitComponentPointer,
  updateComponent,
  valueAt,
  type GraphDocument,
  type ScopeReference,
} from '@sanjay-flow/graph';
import { useEditorStore } from '../editorStore';
import { ActionField } from './ActionField';
import { CasesField } from './CasesField';
import { inspectorFieldId } from './fieldIds';
import { BooleanField, ChoiceField, JsonField, NumberField, TextField } from './inspectorFields';
import { OptionsField } from './OptionsField';
import { schemaFields, schemaIssues, type SchemaField } from './schemaFields';
import type { ScreenProblem } from './screenProblems';
import { componentProblems } from './screenProblems';

interface ComponentInspectorProps {
  document: GraphDocument;
  nodeId: string;
  pointer: string;
  problems: readonly ScreenProblem[];
  references: readonly ScopeReference[];
}

interface PropertyFieldProps {
  document: GraphDocument;
  nodeId: string;
  pointer: string;
  spec: SchemaField;
  value: unknown;
  problems: readonly string[];
  references: readonly ScopeReference[];
  onChange: (value: unknown) => void;
}

/** One property's input, chosen from its schema. */
function PropertyField({
  document,
  nodeId,
  pointer,
  spec,
  value,
  problems,
  references,
  onChange,
}: PropertyFieldProps) {
  const id = inspectorFieldId(nodeId, pointer, spec.property);
  const common = {
    id,
    label: spec.property,
    required: spec.required,
    problems,
    references,
    value,
    onChange,
  };
  switch (spec.field.kind) {
    case 'text':
      return typeof value === 'string' || value === undefined ? (
        <TextField
          {...common}
          value={value ?? ''}
          maxLength={spec.field.maxLength}
          onChange={(text) => onChange(text === '' && !spec.required ? undefined : text)}
        />
      ) : (
        <JsonField {...common} />
      );
    case 'choice':
      return (
        <ChoiceField
          {...common}
          value={typeof value === 'string' ? value : undefined}
          options={spec.field.options.map((option) => ({ value: option, label: option }))}
        />
      );
    case 'boolean':
      return <BooleanField {...common} />;
    case 'number':
      return <NumberField {...common} />;
    case 'action':
      return (
        <ActionField
          {...common}
          document={document}
          nodeId={nodeId}
          holder={pointer}
          property={spec.property}
          actions={spec.field.actions}
        />
      );
    case 'json':
      return spec.property === 'data-source' && Array.isArray(value) ? (
        <OptionsField
          nodeId={nodeId}
          pointer={pointer}
          property={spec.property}
          value={value}
          required={spec.required}
          problems={problems}
          onChange={onChange}
        />
      ) : (
        <JsonField {...common} />
      );
  }
}

function MoveButtons({
  nodeId,
  pointer,
  document,
}: {
  nodeId: string;
  pointer: string;
  document: GraphDocument;
}) {
  const applyEdit = useEditorStore((state) => state.applyEdit);
  const { list, index } = splitComponentPointer(pointer);
  const length = componentList(screenNode(document, nodeId).screen, list).length;
  const move = (to: number) =>
    applyEdit(
      (doc) =>
        moveComponent(doc, { nodeId, pointer }, { nodeId, list, index: to > index ? to + 1 : to }),
      {
        select: { nodeId, pointer: `${list}/${to}` },
      },
    );

  return (
    <div className="inspector__actions">
      <button
        type="button"
        className="button"
        disabled={index === 0}
        onClick={() => move(index - 1)}
      >
        Move up
      </button>
      <button
        type="button"
        className="button"
        disabled={index >= length - 1}
        onClick={() => move(index + 1)}
      >
        Move down
      </button>
      <button
        type="button"
        className="button button--danger"
        onClick={() =>
          applyEdit((doc) => removeComponent(doc, { nodeId, pointer }), { select: { nodeId } })
        }
      >
        Delete component
      </button>
    </div>
  );
}

/**
 * Edits one component with the form its schema gives: every change is applied to the
 * document at once; the schema's and the validator's complaints show under each field.
 */
export function ComponentInspector({
  document,
  nodeId,
  pointer,
  problems,
  references,
}: ComponentInspectorProps) {
  const applyEdit = useEditorStore((state) => state.applyEdit);
  const select = useEditorStore((state) => state.select);
  const found = valueAt(screenNode(document, nodeId).screen, pointer);
  const component = isJsonObject(found) ? found : {};
  const type = component.type;
  const version = flowVersionOf(document);
  const fields = isComponentType(type) ? schemaFields(type, version) : [];
  const issues = isComponentType(type)
    ? schemaIssues(type, component)
    : new Map<string, string[]>();
  const validator = componentProblems(problems, nodeId, pointer);
  const problemsOf = (property: string) => issues.get(property) ?? validator.get(property) ?? [];
  const change = (property: string, value: unknown) => {
    const next: Record<string, unknown> = { ...component };
    if (value === undefined) {
      delete next[property];
    } else {
      next[property] = value;
    }
    applyEdit((doc) => updateComponent(doc, { nodeId, pointer }, next));
  };
  const known = new Set(['type', ...fields.map((field) => field.property)]);
  const general = [...(issues.get('') ?? []), ...(validator.get('') ?? [])];

  return (
    <section className="inspector" aria-label={`Inspector: ${String(type)} component`}>
      <header className="inspector__header">
        <h2 className="inspector__title">{String(type)}</h2>
        <button type="button" className="button" onClick={() => select({ nodeId })}>
          Screen {nodeId}
        </button>
      </header>
      {general.map((problem) => (
        <p key={problem} className="field__error inspector__problem">
          {problem}
        </p>
      ))}
      {fields.map((spec) => (
        <PropertyField
          // A new component at this place starts its fields afresh.
          key={`${pointer}:${String(type)}:${spec.property}`}
          document={document}
          nodeId={nodeId}
          pointer={pointer}
          spec={spec}
          value={component[spec.property]}
          problems={problemsOf(spec.property)}
          references={references}
          onChange={(value) => change(spec.property, value)}
        />
      ))}
      {type === 'Switch' && (
        <CasesField
          nodeId={nodeId}
          pointer={pointer}
          value={component.cases}
          problems={problemsOf('cases')}
          onChange={(cases) => change('cases', cases)}
        />
      )}
      {Object.keys(component)
        .filter(
          (property) =>
            !known.has(property) && !['children', 'then', 'else', 'cases'].includes(property),
        )
        .map((property) => (
          <p key={property} className="field__error inspector__problem">
            “{property}” is not a property of {String(type)} in Flow JSON {version}.
          </p>
        ))}
      <MoveButtons nodeId={nodeId} pointer={pointer} document={document} />
    </section>
  );
}
