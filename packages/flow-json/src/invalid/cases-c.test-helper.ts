import {
  FIRST_FORM,
  LAST,
  component,
  formChildren,
  lastChildren,
  navigate,
  screen,
  withEndpoint,
} from './base-flow.test-helper';
import type { Flow } from './base-flow.test-helper';
import { If, addToLast, change, optIn, picker, text } from './cases.test-helper';
import type { InvalidCase } from './cases.test-helper';

const footer = (flow: Flow) => component(formChildren(flow), 2);
const lastText = (value: string) =>
  change((flow) => (component(lastChildren(flow), 0).text = value));
const declare = (flow: Flow, name: string, field: Record<string, unknown>) =>
  (screen(flow, 1).data[name] = field);
const exchange = { name: 'data_exchange', payload: {} };
const endpoint = (mutate: (flow: Flow) => void) =>
  change((flow) => {
    withEndpoint(flow);
    mutate(flow);
  });
const chain = (flow: Flow, ids: string[]) => {
  flow.screens = ids.map((id, index) => ({
    id,
    data: {},
    ...(index === ids.length - 1 ? { terminal: true } : {}),
    layout: {
      type: 'SingleColumnLayout',
      children: [
        index === ids.length - 1
          ? { type: 'Footer', label: 'Done', 'on-click-action': { name: 'complete', payload: {} } }
          : { type: 'Footer', label: 'Next', 'on-click-action': navigate(ids[index + 1] ?? '') },
      ],
    },
  }));
};

const expressionCases: InvalidCase[] = [
  {
    name: 'back-tick expression before 6.0',
    build: change((flow) => {
      flow.version = '5.1';
      component(lastChildren(flow), 0).text = "`'Hi ' ${data.name}`";
    }),
    code: 'INVALID_PROPERTY_VALUE',
    pointer: `${LAST}/0/text`,
  },
  {
    name: 'global reference before 4.0',
    build: change((flow) => {
      flow.version = '3.1';
      component(lastChildren(flow), 0).text = '${screen.FIRST.form.first_name}';
    }),
    code: 'INVALID_PROPERTY_VALUE',
    pointer: `${LAST}/0/text`,
  },
  {
    name: 'expression that does not parse',
    build: lastText("`'Hi ' ${data.name} +`"),
    code: 'INVALID_PROPERTY_VALUE_FORMAT',
    pointer: `${LAST}/0/text`,
  },
  {
    name: 'text mixed with a reference',
    build: lastText('Hi ${data.name}'),
    code: 'INVALID_PROPERTY_VALUE_FORMAT',
    pointer: `${LAST}/0/text`,
  },
  {
    name: 'undeclared data',
    build: lastText('${data.surname}'),
    code: 'INVALID_SCREEN_DYNAMIC_DATA',
    pointer: `${LAST}/0/text`,
  },
  {
    name: 'unknown form input',
    build: change((flow) => (component(formChildren(flow), 0).text = '${form.nobody}')),
    code: 'INVALID_SCREEN_DYNAMIC_DATA',
    pointer: `${FIRST_FORM}/0/text`,
  },
  {
    name: 'global reference to the current screen',
    build: lastText('${screen.LAST.data.name}'),
    code: 'INVALID_SCREEN_DATA',
    pointer: `${LAST}/0/text`,
  },
  {
    name: 'global reference to a missing screen',
    build: lastText('${screen.NOWHERE.form.name}'),
    code: 'INVALID_SCREEN_DATA',
    pointer: `${LAST}/0/text`,
  },
  {
    name: 'global reference to a missing input',
    build: lastText('${screen.FIRST.form.nobody}'),
    code: 'INVALID_SCREEN_DYNAMIC_DATA',
    pointer: `${LAST}/0/text`,
  },
  {
    name: 'text bound to a list',
    build: change((flow) => {
      screen(flow, 0).data = {
        tags: { type: 'array', items: { type: 'string' }, __example__: ['a'] },
      };
      component(formChildren(flow), 0).text = '${data.tags}';
    }),
    code: 'INVALID_SCREEN_DYNAMIC_DATA',
    pointer: `${FIRST_FORM}/0/text`,
  },
  {
    name: 'comparing text with a number',
    build: addToLast(If('`${data.name} > 3`', [text])),
    code: 'INVALID_PROPERTY_VALUE',
    pointer: `${LAST}/1/condition`,
  },
  {
    name: 'If condition without a dynamic value',
    build: addToLast(If('`1 == 1`', [text])),
    code: 'INVALID_PROPERTY_VALUE',
    pointer: `${LAST}/1/condition`,
  },
  {
    name: 'If condition that is not boolean',
    build: addToLast(If('${data.name}', [text])),
    code: 'INVALID_PROPERTY_VALUE',
    pointer: `${LAST}/1/condition`,
  },
  {
    name: 'dynamic name',
    build: addToLast({ ...optIn, name: '${data.name}' }),
    code: 'INVALID_PROPERTY_VALUE',
    pointer: `${LAST}/1/name`,
  },
];

const dataCases: InvalidCase[] = [
  {
    name: 'data field without __example__',
    build: change((flow) => declare(flow, 'name', { type: 'string' })),
    code: 'INVALID_SCREEN_DATA',
    pointer: '/screens/1/data/name',
  },
  {
    name: '__example__ of the wrong type',
    build: change((flow) => declare(flow, 'name', { type: 'string', __example__: 5 })),
    code: 'INVALID_SCREEN_DATA',
    pointer: '/screens/1/data/name/__example__',
  },
  {
    name: 'integer data type',
    build: change((flow) => {
      screen(flow, 0).data = { count: { type: 'integer', __example__: 1 } };
    }),
    code: 'INVALID_SCREEN_DATA',
    pointer: '/screens/0/data/count/type',
  },
  {
    name: 'array without items',
    build: change((flow) => {
      screen(flow, 0).data = { tags: { type: 'array', __example__: [] } };
    }),
    code: 'INVALID_SCREEN_DATA',
    pointer: '/screens/0/data/tags',
  },
  {
    name: '__example__ below the top level',
    build: change((flow) => {
      screen(flow, 0).data = {
        user: {
          type: 'object',
          properties: { name: { type: 'string', __example__: 'A' } },
          __example__: {},
        },
      };
    }),
    code: 'INVALID_SCREEN_DATA',
    pointer: '/screens/0/data/user/properties/name/__example__',
  },
  {
    name: 'navigate payload missing a key',
    build: change(
      (flow) => ((footer(flow)['on-click-action'] as { payload: unknown }).payload = {}),
    ),
    code: 'INVALID_NAVIGATE_ACTION_PAYLOAD',
    pointer: `${FIRST_FORM}/2/on-click-action/payload`,
  },
  {
    name: 'navigate payload with an extra key',
    build: change(
      (flow) =>
        ((footer(flow)['on-click-action'] as { payload: Record<string, unknown> }).payload.age =
          '3'),
    ),
    code: 'INVALID_NAVIGATE_ACTION_PAYLOAD',
    pointer: `${FIRST_FORM}/2/on-click-action/payload/age`,
  },
  {
    name: 'input text sent as a number',
    build: change((flow) => {
      declare(flow, 'age', { type: 'number', __example__: 1 });
      const action = footer(flow)['on-click-action'] as { payload: Record<string, unknown> };
      action.payload.age = '${form.first_name}';
    }),
    code: 'INVALID_NAVIGATE_ACTION_PAYLOAD',
    pointer: `${FIRST_FORM}/2/on-click-action/payload/age`,
  },
  {
    name: 'navigate to an unknown screen',
    build: change((flow) =>
      formChildren(flow).splice(2, 0, {
        type: 'EmbeddedLink',
        text: 'Elsewhere',
        'on-click-action': navigate('NOWHERE'),
      }),
    ),
    code: 'INVALID_NAVIGATE_ACTION_NEXT_SCREEN_NAME',
    pointer: `${FIRST_FORM}/2/on-click-action/next/name`,
  },
  {
    name: 'picker value in a navigate payload',
    build: change((flow) => {
      formChildren(flow).splice(2, 0, picker);
      const action = component(formChildren(flow), 3)['on-click-action'] as { payload: unknown };
      action.payload = { name: '${form.photo}' };
    }),
    code: 'INVALID_NAVIGATE_ACTION_PAYLOAD',
    pointer: `${FIRST_FORM}/3/on-click-action/payload/name`,
  },
  {
    name: 'picker in complete allowing several files',
    build: change((flow) => {
      lastChildren(flow).splice(1, 0, picker);
      (
        component(lastChildren(flow), 2)['on-click-action'] as { payload: Record<string, unknown> }
      ).payload.photo = '${form.photo}';
    }),
    code: 'INVALID_ACTION_PAYLOAD_PROPERTY',
    pointer: `${LAST}/2/on-click-action/payload/photo`,
  },
  {
    name: 'update_data of undeclared data',
    build: addToLast({
      type: 'OptIn',
      name: 'agree',
      label: 'I agree',
      'on-select-action': { name: 'update_data', payload: { nobody: true } },
    }),
    code: 'INVALID_ACTION_PAYLOAD_PROPERTY',
    pointer: `${LAST}/1/on-select-action/payload/nobody`,
  },
  {
    name: 'error-messages bound to text',
    build: change((flow) => {
      screen(flow, 0).data = { errors: { type: 'string', __example__: 'x' } };
      component(screen(flow, 0).layout.children, 0)['error-messages'] = '${data.errors}';
    }),
    code: 'INVALID_SCREEN_DYNAMIC_DATA',
    pointer: '/screens/0/layout/children/0/error-messages',
  },
];

const routingCases: InvalidCase[] = [
  {
    name: 'data_exchange without data_api_version',
    build: change((flow) => (component(lastChildren(flow), 1)['on-click-action'] = exchange)),
    code: 'MISSING_REQUIRED_PROPERTY',
    pointer: `${LAST}/1/on-click-action/name`,
  },
  {
    name: 'data_api_version without routing_model',
    build: endpoint((flow) => delete flow.routing_model),
    code: 'MISSING_REQUIRED_PROPERTY',
    pointer: '/routing_model',
  },
  {
    name: 'routing model names an unknown screen',
    build: endpoint((flow) => (flow.routing_model = { FIRST: ['LAST', 'NOWHERE'], LAST: [] })),
    code: 'INVALID_ROUTING_MODEL',
    pointer: '/routing_model/FIRST/1',
  },
  {
    name: 'routing model both ways',
    build: endpoint((flow) => (flow.routing_model = { FIRST: ['LAST'], LAST: ['FIRST'] })),
    code: 'INVALID_ROUTING_MODEL',
    pointer: '/routing_model/LAST',
  },
  {
    name: 'routing model self edge',
    build: endpoint((flow) => (flow.routing_model = { FIRST: ['LAST', 'FIRST'], LAST: [] })),
    code: 'INVALID_ROUTING_MODEL',
    pointer: '/routing_model/FIRST/1',
  },
  {
    name: 'navigate missing from the routing model',
    build: endpoint((flow) => (flow.routing_model = { FIRST: [], LAST: [] })),
    code: 'INVALID_ROUTING_MODEL',
    pointer: `${FIRST_FORM}/2/on-click-action/next/name`,
  },
  {
    name: 'unconnected screen',
    build: change((flow) =>
      flow.screens.push({
        id: 'ALONE',
        terminal: true,
        data: {},
        layout: {
          type: 'SingleColumnLayout',
          children: [
            { type: 'Footer', label: 'Done', 'on-click-action': { name: 'complete', payload: {} } },
          ],
        },
      }),
    ),
    code: 'INVALID_ROUTING_MODEL',
    pointer: '/screens/2',
  },
  {
    name: 'navigation cycle',
    build: change((flow) => {
      chain(flow, ['ONE', 'TWO', 'THREE']);
      const two = screen(flow, 1);
      two.layout.children.push({
        type: 'EmbeddedLink',
        text: 'Back',
        'on-click-action': navigate('ONE'),
      });
    }),
    code: 'INVALID_ROUTING_MODEL',
    pointer: '/screens/1/layout/children/1/on-click-action/next/name',
  },
  {
    name: 'more than 10 routes',
    build: change((flow) => {
      const ids = Array.from({ length: 12 }, (_, index) => `S_${String.fromCharCode(65 + index)}`);
      chain(flow, ids);
      flow.data_api_version = '3.0';
      flow.routing_model = { ...Object.fromEntries(ids.map((id) => [id, []])), S_A: ids.slice(1) };
      for (const found of flow.screens.slice(1)) {
        found.terminal = true;
        found.layout.children = [
          { type: 'Footer', label: 'Done', 'on-click-action': { name: 'complete', payload: {} } },
        ];
      }
      screen(flow, 0).layout.children = [
        {
          type: 'Footer',
          label: 'Next',
          'on-click-action': { name: 'data_exchange', payload: {} },
        },
      ];
    }),
    code: 'INVALID_ROUTING_MODEL',
    pointer: '/routing_model/S_A/10',
  },
  {
    name: 'terminal screen with routes',
    build: endpoint((flow) => {
      screen(flow, 0).terminal = true;
      footer(flow)['on-click-action'] = { name: 'complete', payload: {} };
      formChildren(flow).splice(2, 0, {
        type: 'EmbeddedLink',
        text: 'Terms',
        'on-click-action': navigate('LAST', { name: 'Ana' }),
      });
    }),
    code: 'INVALID_ROUTING_MODEL',
    pointer: '/routing_model/FIRST',
  },
];

export const INVALID_CASES_C: InvalidCase[] = [...expressionCases, ...dataCases, ...routingCases];
