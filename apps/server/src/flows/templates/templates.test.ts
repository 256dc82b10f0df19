import { validateFlowJson } from '@sanjay-flow/flow-json';
import { compileGraph, compileProgram } from '@sanjay-flow/graph';
import { describe, expect, it } from 'vitest';

import { FLOW_TEMPLATES, templateById } from './templates';

describe('flow templates', () => {
  it('offers at least five, each with its own id', () => {
    const ids = FLOW_TEMPLATES.map((entry) => entry.id);

    expect(ids.length).toBeGreaterThanOrEqual(5);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(FLOW_TEMPLATES.map((entry) => [entry.id, entry] as const))(
    '%s compiles to Flow JSON 7.3 with no validation problem',
    (_id, entry) => {
      const { flowJson } = compileGraph(entry.graph);

      expect(flowJson.version).toBe('7.3');
      expect(validateFlowJson(flowJson)).toEqual([]);
      expect(() => compileProgram(entry.graph)).not.toThrow();
    },
  );

  it('includes a booking Flow whose logic answers the data endpoint', () => {
    const booking = templateById('appointment-booking');

    expect(booking?.usesEndpoint).toBe(true);
    expect(booking && compileGraph(booking.graph).flowJson).toHaveProperty('data_api_version');
  });

  it.each(FLOW_TEMPLATES.map((entry) => [entry.id, entry] as const))(
    '%s answers going back from every screen that asks the endpoint on back',
    (_id, entry) => {
      const screens = compileGraph(entry.graph).flowJson.screens as {
        id: string;
        refresh_on_back?: boolean;
      }[];
      const refreshing = screens.flatMap((screen) =>
        screen.refresh_on_back === true ? [screen.id] : [],
      );
      const answered = (entry.graph.logic?.nodes ?? []).flatMap((node) =>
        node.type === 'trigger.back' ? [node.screen] : [],
      );

      expect(answered).toEqual(expect.arrayContaining(refreshing));
    },
  );

  it('hands out copies that do not change the gallery', () => {
    const copy = templateById('sign-up');
    copy?.graph.nodes.pop();

    expect(templateById('sign-up')?.graph.nodes).toHaveLength(3);
    expect(templateById('no-such-template')).toBeUndefined();
  });
});
