import {
  FIRST_FORM,
  LAST,
  TINY_PNG,
  baseFlow,
  component,
  formChildren,
  lastChildren,
  manyScreens,
  navigate,
  screen,
  withEndpoint,
} from './base-flow.test-helper';
import type { Component, Flow } from './base-flow.test-helper';

/** One invalid Flow: a change to the base Flow that breaks exactly one rule. */
export interface InvalidCase {
  name: string;
  build: () => Flow;
  code: string;
  pointer: string;
}

function change(mutate: (flow: Flow) => void): () => Flow {
  return () => {
    const flow = baseFlow();
    mutate(flow);

    return flow;
  };
}

const addToLast = (...components: Component[]) =>
  change((flow) => lastChildren(flow).splice(1, 0, ...components));
const addToForm = (...components: Component[]) =>
  change((flow) => formChildren(flow).splice(2, 0, ...components));
const options = (count: number) =>
  Array.from({ length: count }, (_, index) => ({ id: String(index), title: `Option ${index}` }));
const openUrl = { name: 'open_url', url: 'https://example.com' };
const picker = { type: 'PhotoPicker', name: 'photo', label: 'Photo' };
const If = (condition: string, then: Component[], otherwise?: Component[]) => ({
  type: 'If',
  condition,
  then,
  ...(otherwise ? { else: otherwise } : {}),
});
const text = { type: 'TextBody', text: 'Hi' };
const complete = {
  type: 'Footer',
  label: 'Done',
  'on-click-action': { name: 'complete', payload: {} },
};
const optIn = { type: 'OptIn', name: 'agree', label: 'I agree' };

const documentCases: InvalidCase[] = [
  {
    name: 'missing version',
    build: change((flow) => delete (flow as Partial<Flow>).version),
    code: 'MISSING_FLOW_JSON_VERSION',
    pointer: '/version',
  },
  {
    name: 'unknown version',
    build: change((flow) => (flow.version = '9.9')),
    code: 'INVALID_FLOW_JSON_VERSION',
    pointer: '/version',
  },
  {
    name: 'unknown top-level key',
    build: change((flow) => (flow.colour = 'red')),
    code: 'INVALID_PROPERTY_KEY',
    pointer: '/colour',
  },
  {
    name: 'data_channel_uri after 2.1',
    build: change((flow) => (flow.data_channel_uri = 'https://example.com')),
    code: 'INVALID_PROPERTY_KEY',
    pointer: '/data_channel_uri',
  },
  {
    name: 'no screens',
    build: change((flow) => (flow.screens = [])),
    code: 'MIN_ITEMS_REQUIRED',
    pointer: '/screens',
  },
  {
    name: '101 screens',
    build: () => manyScreens(101),
    code: 'MAX_SCREENS_NUMBER',
    pointer: '/screens',
  },
  {
    name: 'bad data_api_version',
    build: change((flow) => Object.assign(withEndpoint(flow), { data_api_version: '2.0' })),
    code: 'INVALID_PROPERTY_VALUE',
    pointer: '/data_api_version',
  },
];

const screenCases: InvalidCase[] = [
  {
    name: 'duplicate screen id',
    build: change((flow) => flow.screens.push({ ...structuredClone(screen(flow, 1)) })),
    code: 'DUPLICATE_SCREEN_IDS',
    pointer: '/screens/2/id',
  },
  {
    name: 'reserved id SUCCESS',
    build: change((flow) => {
      screen(flow, 1).id = 'Success';
      component(formChildren(flow), 2)['on-click-action'] = navigate('Success', {
        name: '${form.first_name}',
      });
    }),
    code: 'SCREEN_ID_IS_RESERVED_KEYWORD',
    pointer: '/screens/1/id',
  },
  {
    name: 'digit in screen id',
    build: change((flow) => {
      screen(flow, 1).id = 'LAST2';
      component(formChildren(flow), 2)['on-click-action'] = navigate('LAST2', {
        name: '${form.first_name}',
      });
    }),
    code: 'PATTERN_MISMATCH',
    pointer: '/screens/1/id',
  },
  {
    name: 'unknown screen key',
    build: change((flow) => (screen(flow, 0).colour = 'red')),
    code: 'INVALID_PROPERTY_KEY',
    pointer: '/screens/0/colour',
  },
  {
    name: 'title not text',
    build: change((flow) => (screen(flow, 0).title = 5 as unknown as string)),
    code: 'INVALID_PROPERTY_TYPE',
    pointer: '/screens/0/title',
  },
  {
    name: 'wrong layout type',
    build: change((flow) => (screen(flow, 0).layout.type = 'Grid')),
    code: 'INVALID_PROPERTY_VALUE',
    pointer: '/screens/0/layout/type',
  },
  {
    name: 'success on a non-terminal screen',
    build: change((flow) => (screen(flow, 0).success = true)),
    code: 'NOT_KEYWORD_SCHEMA_VALIDATION_FAILED',
    pointer: '/screens/0/success',
  },
  {
    name: 'success before 3.1',
    build: change((flow) => {
      flow.version = '3.0';
      screen(flow, 1).success = true;
    }),
    code: 'INVALID_PROPERTY_KEY',
    pointer: '/screens/1/success',
  },
  {
    name: 'refresh_on_back without endpoint',
    build: change((flow) => (screen(flow, 1).refresh_on_back = true)),
    code: 'INVALID_PROPERTY_VALUE',
    pointer: '/screens/1/refresh_on_back',
  },
  {
    name: 'sensitive names no input',
    build: change((flow) => (screen(flow, 0).sensitive = ['password'])),
    code: 'INVALID_PROPERTY_VALUE',
    pointer: '/screens/0/sensitive/0',
  },
  {
    name: 'no terminal screen',
    build: change((flow) => {
      delete screen(flow, 1).terminal;
      lastChildren(flow).pop();
    }),
    code: 'MISSING_TERMINAL_SCREEN',
    pointer: '/screens',
  },
  {
    name: 'terminal screen without Footer',
    build: change((flow) => lastChildren(flow).pop()),
    code: 'MISSING_FOOTER_ON_TERMINAL_SCREEN',
    pointer: `${LAST}`,
  },
];

const footerCases: InvalidCase[] = [
  {
    name: 'complete on a non-terminal screen',
    build: change((flow) =>
      formChildren(flow).splice(
        2,
        1,
        {
          type: 'EmbeddedLink',
          text: 'Go on',
          'on-click-action': navigate('LAST', { name: '${form.first_name}' }),
        },
        complete,
      ),
    ),
    code: 'INVALID_COMPLETE_ACTION',
    pointer: `${FIRST_FORM}/3/on-click-action/name`,
  },
  {
    name: 'navigate from a terminal Footer',
    build: change((flow) => (screen(flow, 0).terminal = true)),
    code: 'INVALID_ON_CLICK_ACTION_PAYLOAD',
    pointer: `${FIRST_FORM}/2/on-click-action/name`,
  },
  {
    name: 'two Footers',
    build: addToLast(complete),
    code: 'MORE_THAN_ONE_FOOTER',
    pointer: `${LAST}/2`,
  },
  {
    name: 'Footer in one If branch only',
    build: change((flow) =>
      lastChildren(flow).splice(1, 1, optIn, If('${form.agree}', [complete], [text])),
    ),
    code: 'MISSING_FOOTER_IN_IF_ELSE_BRANCHES',
    pointer: `${LAST}/2/else`,
  },
  {
    name: 'Footer in one Switch case only',
    build: change((flow) =>
      lastChildren(flow).splice(1, 1, {
        type: 'Switch',
        value: '${data.name}',
        cases: { a: [complete], b: [text] },
      }),
    ),
    code: 'MISSING_FOOTER_IN_SWITCH_BRANCHES',
    pointer: `${LAST}/1/cases/b`,
  },
  {
    name: 'Footer in a nested If',
    build: change((flow) =>
      lastChildren(flow).splice(
        1,
        1,
        optIn,
        If(
          '${form.agree}',
          [If('${form.agree}', [complete], [complete])],
          [If('${form.agree}', [complete], [complete])],
        ),
      ),
    ),
    code: 'COMPONENT_NOT_ALLOWED_HERE',
    pointer: `${LAST}/2/then/0/then/0`,
  },
  {
    name: 'left caption without right',
    build: change((flow) => (component(lastChildren(flow), 1)['left-caption'] = 'Left')),
    code: 'INVALID_DEPENDENCIES',
    pointer: `${LAST}/1/left-caption`,
  },
  {
    name: 'Footer with update_data',
    build: change(
      (flow) =>
        (component(lastChildren(flow), 1)['on-click-action'] = {
          name: 'update_data',
          payload: {},
        }),
    ),
    code: 'INVALID_PROPERTY_VALUE',
    pointer: `${LAST}/1/on-click-action/name`,
  },
];

const countCases: InvalidCase[] = [
  {
    name: '51 components',
    build: addToLast(...Array.from({ length: 50 }, () => text)),
    code: 'MAX_COMPONENTS_PER_SCREEN',
    pointer: `${LAST}/50`,
  },
  {
    name: '3 EmbeddedLinks',
    build: addToLast(
      ...Array.from({ length: 3 }, () => ({
        type: 'EmbeddedLink',
        text: 'More',
        'on-click-action': openUrl,
      })),
    ),
    code: 'MAX_EMBEDDED_LINK_PER_SCREEN',
    pointer: `${LAST}/3`,
  },
  {
    name: '6 OptIns',
    build: addToLast(
      ...Array.from({ length: 6 }, (_, index) => ({
        type: 'OptIn',
        name: `agree_${String.fromCharCode(97 + index)}`,
        label: 'I agree',
      })),
    ),
    code: 'MAX_OPT_IN_PER_SCREEN',
    pointer: `${LAST}/6`,
  },
  {
    name: '4 Images',
    build: addToLast(...Array.from({ length: 4 }, () => ({ type: 'Image', src: TINY_PNG }))),
    code: 'MAX_IMAGE_PER_SCREEN',
    pointer: `${LAST}/4`,
  },
  {
    name: '3 ImageCarousels on a screen',
    build: addToLast(
      ...Array.from({ length: 3 }, () => ({
        type: 'ImageCarousel',
        images: [{ src: TINY_PNG, 'alt-text': 'A' }],
      })),
    ),
    code: 'MAX_IMAGE_CAROUSEL_PER_SCREEN',
    pointer: `${LAST}/3`,
  },
  {
    name: 'PhotoPicker and DocumentPicker',
    build: addToLast(picker, { type: 'DocumentPicker', name: 'file', label: 'File' }),
    code: 'MAX_MEDIA_PICKER_PER_SCREEN',
    pointer: `${LAST}/2`,
  },
  {
    name: 'RichText with a TextBody',
    build: change((flow) => lastChildren(flow).splice(0, 0, { type: 'RichText', text: '# Terms' })),
    code: 'INVALID_PROPERTY_VALUE',
    pointer: `${LAST}/1`,
  },
  {
    name: 'RichText with a Footer before 6.3',
    build: change((flow) => {
      flow.version = '6.2';
      lastChildren(flow).splice(0, 1, { type: 'RichText', text: ['# Terms'] });
    }),
    code: 'INVALID_PROPERTY_VALUE',
    pointer: `${LAST}/1`,
  },
];

export const INVALID_CASES_A: InvalidCase[] = [
  ...documentCases,
  ...screenCases,
  ...footerCases,
  ...countCases,
];
export { addToForm, addToLast, change, If, options, openUrl, optIn, picker, text, complete };
