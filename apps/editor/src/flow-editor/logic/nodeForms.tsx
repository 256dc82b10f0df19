import type { LogicFieldProblem, PaletteNodeType } from '@sanjay-flow/graph';
import { HTTP_METHODS, type LogicNode } from '@sanjay-flow/runtime';
import type { ReactNode } from 'react';

import { JsonInput, NumberInput, SelectInput, TextInput, problemsAt } from './fields';
import { MappingEditor, PairListEditor } from './rowEditors';
import { ScreenDataEditor } from './ScreenDataEditor';

/** What every kind's form gets: its draft node, a patcher, the problems and the screen ids. */
export interface FormProps<T extends LogicNode> {
  node: T;
  change: (patch: Partial<T>) => void;
  problems: readonly LogicFieldProblem[];
  screens: readonly string[];
  /** The keys each screen declares in its `data`, by screen id. */
  screenKeys: Readonly<Record<string, readonly string[]>>;
}

type NodeOf<T extends PaletteNodeType> = Extract<LogicNode, { type: T }>;
type Forms = { [T in PaletteNodeType]: (props: FormProps<NodeOf<T>>) => ReactNode };

const asOptions = (values: readonly string[]) => values.map((value) => ({ value, label: value }));
const assignment = {
  toRow: (item: { variable: string; expression: string }) => ({
    name: item.variable,
    value: item.expression,
  }),
  fromRow: (row: { name: string; value: string }) => ({
    variable: row.name,
    expression: row.value,
  }),
};

function ScreenSelect<T extends LogicNode & { screen: string }>(props: FormProps<T>) {
  return (
    <SelectInput
      label="Screen"
      value={props.node.screen}
      options={asOptions(props.screens)}
      problems={problemsAt(props.problems, 'screen')}
      onChange={(screen) => props.change({ screen } as Partial<T>)}
    />
  );
}

function HttpRequestForm({ node, change, problems }: FormProps<NodeOf<'http_request'>>) {
  return (
    <>
      <SelectInput
        label="Method"
        value={node.method}
        options={asOptions(HTTP_METHODS)}
        onChange={(method) => change({ method: method as NodeOf<'http_request'>['method'] })}
      />
      <TextInput
        label="URL"
        code="template"
        value={node.url}
        problems={problemsAt(problems, 'url')}
        onChange={(url) => change({ url })}
      />
      <MappingEditor
        legend="Headers"
        field="headers"
        value={node.headers}
        nameLabel="name"
        valueLabel="value"
        problems={problems}
        onChange={(headers) => change({ headers })}
      />
      <JsonInput
        label="Body (JSON; text leaves are templates)"
        value={node.body}
        problems={problemsAt(problems, 'body')}
        onChange={(body) => change({ body: body as NodeOf<'http_request'>['body'] })}
      />
      <NumberInput
        label="Timeout (ms)"
        value={node.timeoutMs}
        problems={problemsAt(problems, 'timeoutMs')}
        onChange={(timeoutMs) => change({ timeoutMs })}
      />
      <NumberInput
        label="Retries"
        value={node.retries}
        problems={problemsAt(problems, 'retries')}
        onChange={(retries) => change({ retries })}
      />
      <NumberInput
        label="Backoff (ms)"
        value={node.backoffMs}
        problems={problemsAt(problems, 'backoffMs')}
        onChange={(backoffMs) => change({ backoffMs })}
      />
      <PairListEditor
        legend="Response mapping"
        field="responseMapping"
        items={node.responseMapping}
        {...assignment}
        nameLabel="variable"
        valueLabel="expression over response"
        valueIsCode
        problems={problems}
        onChange={(responseMapping) => change({ responseMapping })}
      />
    </>
  );
}

function LookupTableForm({ node, change, problems }: FormProps<NodeOf<'lookup_table'>>) {
  return (
    <>
      <TextInput
        label="Key"
        code="expression"
        value={node.key}
        problems={problemsAt(problems, 'key')}
        onChange={(key) => change({ key })}
      />
      <TextInput
        label="Key column"
        value={node.keyColumn}
        problems={problemsAt(problems, 'keyColumn')}
        onChange={(keyColumn) => change({ keyColumn })}
      />
      <JsonInput
        label="Rows (JSON list of objects)"
        value={node.rows}
        emptyValue={[]}
        problems={problemsAt(problems, 'rows')}
        onChange={(rows) => change({ rows: rows as NodeOf<'lookup_table'>['rows'] })}
      />
      <PairListEditor
        legend="Mapping"
        field="mapping"
        items={node.mapping}
        toRow={(item) => ({ name: item.variable, value: item.column })}
        fromRow={(row) => ({ variable: row.name, column: row.value })}
        nameLabel="variable"
        valueLabel="column"
        valueIsCode={false}
        problems={problems}
        onChange={(mapping) => change({ mapping })}
      />
    </>
  );
}

/** One form per kind the palette offers; the inspector falls back to JSON for any other. */
export const NODE_FORMS: Forms = {
  'trigger.flow_opened': () => null,
  'trigger.screen_submitted': (props) => (
    <>
      <ScreenSelect {...props} />
      <TextInput
        label="Action (optional: only when payload.action equals it)"
        value={props.node.action ?? ''}
        problems={problemsAt(props.problems, 'action')}
        onChange={(action) => props.change({ action: action === '' ? undefined : action })}
      />
    </>
  ),
  'trigger.back': (props) => <ScreenSelect {...props} />,
  'trigger.message_received': ({ node, change, problems }) => (
    <JsonInput
      label="Which messages (JSON: any, keyword or pattern)"
      value={node.match}
      problems={problemsAt(problems, 'match')}
      onChange={(match) => change({ match: match as NodeOf<'trigger.message_received'>['match'] })}
    />
  ),
  'trigger.flow_completed': () => null,
  condition: ({ node, change, problems }) => (
    <TextInput
      label="Condition"
      code="expression"
      value={node.expression}
      problems={problemsAt(problems, 'expression')}
      onChange={(expression) => change({ expression })}
    />
  ),
  set_data: ({ node, change, problems }) => (
    <PairListEditor
      legend="Assignments"
      field="assignments"
      items={node.assignments}
      {...assignment}
      nameLabel="variable"
      valueLabel="expression"
      valueIsCode
      problems={problems}
      onChange={(assignments) => change({ assignments })}
    />
  ),
  http_request: (props) => <HttpRequestForm {...props} />,
  lookup_table: (props) => <LookupTableForm {...props} />,
  save_submission: ({ node, change, problems }) => (
    <MappingEditor
      legend="Answers"
      field="answers"
      value={node.answers}
      problems={problems}
      onChange={(answers) => change({ answers })}
    />
  ),
  forward_submission: ({ node, change, problems }) => (
    <TextInput
      label="Destination id (optional: the Flow's destinations when empty)"
      value={node.destinationId ?? ''}
      problems={problemsAt(problems, 'destinationId')}
      onChange={(id) => change({ destinationId: id === '' ? undefined : id })}
    />
  ),
  send_message: ({ node, change, problems }) => (
    <JsonInput
      label="Message (JSON: text, flow or template; texts are templates)"
      value={node.message}
      problems={problemsAt(problems, 'message')}
      onChange={(message) => change({ message: message as NodeOf<'send_message'>['message'] })}
    />
  ),
  go_to_screen: (props) => (
    <>
      <ScreenSelect {...props} />
      <ScreenDataEditor
        declared={props.screenKeys[props.node.screen] ?? []}
        value={props.node.data}
        problems={props.problems}
        onChange={(data) => props.change({ data })}
      />
    </>
  ),
  show_error: ({ node, change, problems, screens, screenKeys }) => (
    <>
      <SelectInput
        label="Screen"
        value={node.screen ?? ''}
        options={[{ value: '', label: 'The current screen' }, ...asOptions(screens)]}
        problems={problemsAt(problems, 'screen')}
        onChange={(screen) => change({ screen: screen === '' ? undefined : screen })}
      />
      <TextInput
        label="Message"
        code="template"
        value={node.message}
        problems={problemsAt(problems, 'message')}
        onChange={(message) => change({ message })}
      />
      <ScreenDataEditor
        declared={node.screen === undefined ? [] : (screenKeys[node.screen] ?? [])}
        value={node.data}
        problems={problems}
        onChange={(data) => change({ data })}
      />
    </>
  ),
  finish_flow: ({ node, change, problems }) => (
    <MappingEditor
      legend="Response parameters"
      field="params"
      value={node.params}
      problems={problems}
      onChange={(params) => change({ params })}
    />
  ),
};
