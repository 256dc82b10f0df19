import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { isJsonObject } from './json-value';
import { parsePointer, pointerTo } from './pointer';
import { sampleFlow } from './sample.test-helper';
import { validateFlowJson, validateFlowJsonText } from './validate';

type Json = Record<string, unknown>;
type Mutation = (flow: Json, pick: number) => { code: string; pointer: string } | undefined;

function screens(flow: Json): Json[] {
  return flow.screens as Json[];
}

function children(screen: Json): unknown[] {
  return (screen.layout as { children: unknown[] }).children;
}

/** Pointer and value of a screen's TextHeading (the first component, or the Form's first). */
function heading(flow: Json, index: number): { pointer: string; component: Json } {
  const screen = screens(flow)[index] as Json;
  const first = children(screen)[0] as Json;
  const inForm = first.type === 'Form';

  return {
    pointer: inForm
      ? pointerTo('screens', index, 'layout', 'children', 0, 'children', 0)
      : pointerTo('screens', index, 'layout', 'children', 0),
    component: inForm ? ((first.children as Json[])[0] as Json) : first,
  };
}

/** Each mutation breaks one rule of a valid Flow and says where the validator must point. */
const MUTATIONS: Record<string, Mutation> = {
  'unknown top-level key': (flow) => {
    flow.extra = true;

    return { code: 'INVALID_PROPERTY_KEY', pointer: '/extra' };
  },
  'unknown component property': (flow, pick) => {
    const index = pick % screens(flow).length;
    const { pointer, component } = heading(flow, index);
    component.colour = 'red';

    return { code: 'INVALID_PROPERTY_KEY', pointer: `${pointer}/colour` };
  },
  'heading over 80 characters': (flow, pick) => {
    const index = pick % screens(flow).length;
    const { pointer, component } = heading(flow, index);
    component.text = 'x'.repeat(81);

    return { code: 'MAX_CHARS_EXCEEDED', pointer: `${pointer}/text` };
  },
  'no terminal screen': (flow) => {
    screens(flow).forEach((screen) => delete screen.terminal);

    return { code: 'MISSING_TERMINAL_SCREEN', pointer: '/screens' };
  },
  'duplicate screen id': (flow) => {
    const [first, second] = screens(flow);
    if (first === undefined || second === undefined) {
      return undefined;
    }
    second.id = first.id;

    return { code: 'DUPLICATE_SCREEN_IDS', pointer: '/screens/1/id' };
  },
  'screen id with a digit': (flow) => {
    (screens(flow)[0] as Json).id = 'START_1';

    return { code: 'PATTERN_MISMATCH', pointer: '/screens/0/id' };
  },
  'second Footer': (flow, pick) => {
    const index = pick % screens(flow).length;
    children(screens(flow)[index] as Json).push({
      type: 'Footer',
      label: 'Again',
      'on-click-action': { name: 'complete', payload: {} },
    });
    const count = children(screens(flow)[index] as Json).length;

    return {
      code: 'MORE_THAN_ONE_FOOTER',
      pointer: pointerTo('screens', index, 'layout', 'children', count - 1),
    };
  },
  'example missing from screen data': (flow) => {
    const index = screens(flow).findIndex(
      (screen) => isJsonObject(screen.data) && Object.keys(screen.data).length > 0,
    );
    const data =
      index === -1 ? undefined : ((screens(flow)[index] as Json).data as Record<string, Json>);
    const [name, field] = Object.entries(data ?? {})[0] ?? [];
    if (name === undefined || field === undefined) {
      return undefined;
    }
    delete field.__example__;

    return { code: 'INVALID_SCREEN_DATA', pointer: pointerTo('screens', index, 'data', name) };
  },
  'route back to the previous screen': (flow) => {
    const routing = flow.routing_model as Record<string, string[]> | undefined;
    const entry = Object.entries(routing ?? {}).find(([, targets]) => targets.length > 0);
    if (routing === undefined || entry === undefined) {
      return undefined;
    }
    const [from, [to]] = entry as [string, [string]];
    const back = routing[to] ?? [];
    back.push(from);
    routing[to] = back;

    return {
      code: 'INVALID_ROUTING_MODEL',
      pointer: pointerTo('routing_model', to, back.length - 1),
    };
  },
};

describe('each rule rejects its own violation in generated Flows', () => {
  it.each(Object.entries(MUTATIONS))(
    '%s',
    (_name, mutate) => {
      fc.assert(
        fc.property(sampleFlow, fc.nat(), (flow, pick) => {
          const mutated = structuredClone(flow);
          const expected = mutate(mutated, pick);
          fc.pre(expected !== undefined);
          const found = validateFlowJson(mutated).map(
            (problem) => `${problem.code} ${problem.pointer}`,
          );
          expect(found).toContain(`${expected?.code} ${expected?.pointer}`);
        }),
        { numRuns: 40 },
      );
    },
    120_000,
  );
});

function pointersOf(value: unknown, pointer = ''): string[] {
  if (Array.isArray(value)) {
    return [
      pointer,
      ...value.flatMap((item: unknown, index) => pointersOf(item, `${pointer}/${index}`)),
    ];
  }
  if (isJsonObject(value)) {
    return [
      pointer,
      ...Object.entries(value).flatMap(([key, item]) =>
        pointersOf(item, `${pointer}${pointerTo(key)}`),
      ),
    ];
  }

  return [pointer];
}

function replaceAt(document: unknown, pointer: string, value: unknown): unknown {
  const segments = parsePointer(pointer);
  if (segments.length === 0) {
    return value;
  }
  let parent: unknown = document;
  for (const segment of segments.slice(0, -1)) {
    parent = (parent as Record<string, unknown>)[segment];
  }
  (parent as Record<string, unknown>)[segments.at(-1) ?? ''] = value;

  return document;
}

describe('the validator never throws', () => {
  it('on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(Array.isArray(validateFlowJson(value))).toBe(true);
      }),
      { numRuns: 200 },
    );
  }, 120_000);

  it('on a valid Flow with any part replaced by any JSON value', () => {
    fc.assert(
      fc.property(sampleFlow, fc.nat(), fc.jsonValue({ maxDepth: 3 }), (flow, pick, value) => {
        const pointers = pointersOf(flow);
        const pointer = pointers[pick % pointers.length] ?? '';
        const broken = replaceAt(structuredClone(flow), pointer, value);
        expect(Array.isArray(validateFlowJson(broken))).toBe(true);
      }),
      { numRuns: 200 },
    );
  }, 120_000);

  it('on absurdly deep nesting', () => {
    let deep: unknown = { type: 'TextBody', text: '${data.x}' };
    for (let depth = 0; depth < 20_000; depth += 1) {
      deep = { type: 'Form', name: 'f', children: [deep] };
    }
    const flow = {
      version: '7.3',
      screens: [
        { id: 'A', terminal: true, layout: { type: 'SingleColumnLayout', children: [deep] } },
      ],
    };
    expect(Array.isArray(validateFlowJson(flow))).toBe(true);
  });

  it('on any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        expect(Array.isArray(validateFlowJsonText(text).problems)).toBe(true);
      }),
      { numRuns: 200 },
    );
  }, 120_000);
});
