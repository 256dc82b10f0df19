import { connectionRefusal, logicOf } from '@sanjay-flow/graph';
import { portsOf, type LogicNode } from '@sanjay-flow/runtime';

import { useEditorStore } from '../editorStore';
import { Field } from './fields';

/**
 * Where each port of the node leads, chosen from a list: the keyboard's way to draw the edges
 * one can also drag on the canvas. Only nodes the connection rules accept are offered.
 */
export function NodeExits({ node }: { node: LogicNode }) {
  const document = useEditorStore((state) => state.document);
  const connect = useEditorStore((state) => state.connect);
  const disconnect = useEditorStore((state) => state.disconnect);
  if (document === null) {
    return null;
  }
  const logic = logicOf(document);
  const targetOf = (port: string | undefined) =>
    logic.edges.find((edge) => edge.from === node.id && edge.port === port)?.to ?? '';
  const choose = (port: string | undefined, to: string) => {
    disconnect(node.id, port);
    if (to !== '') {
      connect(port === undefined ? { from: node.id, to } : { from: node.id, to, port });
    }
  };

  return (
    <fieldset className="inspector__rows">
      <legend className="field__label">Exits</legend>
      {portsOf(node).map((port) => {
        const withoutThisEdge = logic.edges.filter(
          (edge) => !(edge.from === node.id && edge.port === port),
        );
        const free = { ...document, logic: { ...logic, edges: withoutThisEdge } };
        const targets = logic.nodes.filter(
          (candidate) =>
            connectionRefusal(free, {
              from: node.id,
              to: candidate.id,
              ...(port === undefined ? {} : { port }),
            }) === null,
        );

        return (
          <Field key={port ?? ''} label={port === undefined ? 'Next' : `On ${port}`}>
            {(id) => (
              <select
                id={id}
                className="input inspector__input"
                value={targetOf(port)}
                onChange={(event) => choose(port, event.target.value)}
              >
                <option value="">Not connected</option>
                {targets.map((target) => (
                  <option key={target.id} value={target.id}>
                    {target.label ?? target.id}
                  </option>
                ))}
              </select>
            )}
          </Field>
        );
      })}
    </fieldset>
  );
}
