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
import {
  If,
  addToForm,
  addToLast,
  change,
  complete,
  optIn,
  options,
  openUrl,
  picker,
  text,
} from './cases.test-helper';
import type { InvalidCase } from './cases.test-helper';

const long = (length: number) => 'x'.repeat(length);
const input = (extra: Record<string, unknown>) =>
  change((flow) => Object.assign(component(formChildren(flow), 1), extra));
const checkbox = (extra: Record<string, unknown>) => ({
  type: 'CheckboxGroup',
  name: 'pick',
  label: 'Pick',
  'data-source': options(3),
  ...extra,
});

const componentCases: InvalidCase[] = [
  {
    name: 'unknown component type',
    build: addToLast({ type: 'Slider' }),
    code: 'UNKNOWN_COMPONENT_TYPE',
    pointer: `${LAST}/1/type`,
  },
  {
    name: 'unknown component property',
    build: input({ colour: 'red' }),
    code: 'INVALID_PROPERTY_KEY',
    pointer: `${FIRST_FORM}/1/colour`,
  },
  {
    name: 'missing required label',
    build: change((flow) => delete component(formChildren(flow), 1).label),
    code: 'MISSING_REQUIRED_PROPERTY',
    pointer: `${FIRST_FORM}/1/label`,
  },
  {
    name: 'property of the wrong type',
    build: input({ required: 'yes' }),
    code: 'INVALID_PROPERTY_TYPE',
    pointer: `${FIRST_FORM}/1/required`,
  },
  {
    name: 'enum value not allowed',
    build: input({ 'input-type': 'colour' }),
    code: 'INVALID_ENUM_VALUE',
    pointer: `${FIRST_FORM}/1/input-type`,
  },
  {
    name: 'TextHeading over 80 characters',
    build: change((flow) => (component(formChildren(flow), 0).text = long(81))),
    code: 'MAX_CHARS_EXCEEDED',
    pointer: `${FIRST_FORM}/0/text`,
  },
  {
    name: 'TextInput label over 20 characters',
    build: input({ label: long(21) }),
    code: 'MAX_CHARS_EXCEEDED',
    pointer: `${FIRST_FORM}/1/label`,
  },
  {
    name: 'Footer label over 35 characters',
    build: change((flow) => (component(lastChildren(flow), 1).label = long(36))),
    code: 'MAX_CHARS_EXCEEDED',
    pointer: `${LAST}/1/label`,
  },
  {
    name: 'EmbeddedLink text over 25 characters',
    build: addToLast({ type: 'EmbeddedLink', text: long(26), 'on-click-action': openUrl }),
    code: 'MAX_CHARS_EXCEEDED',
    pointer: `${LAST}/1/text`,
  },
  {
    name: 'blank text from 6.0',
    build: change((flow) => (component(formChildren(flow), 0).text = '  ')),
    code: 'MIN_CHARS_REQUIRED',
    pointer: `${FIRST_FORM}/0/text`,
  },
  {
    name: 'blank name from 4.0',
    build: change((flow) => {
      flow.version = '5.1';
      lastChildren(flow).splice(1, 0, { ...optIn, name: ' ' });
    }),
    code: 'MIN_CHARS_REQUIRED',
    pointer: `${LAST}/1/name`,
  },
  {
    name: 'CheckboxGroup without label from 4.0',
    build: addToForm({ type: 'CheckboxGroup', name: 'pick', 'data-source': options(2) }),
    code: 'MISSING_REQUIRED_PROPERTY',
    pointer: `${FIRST_FORM}/2/label`,
  },
  {
    name: 'CheckboxGroup with 21 options',
    build: addToForm(checkbox({ 'data-source': options(21) })),
    code: 'MAX_ITEMS_EXCEEDED',
    pointer: `${FIRST_FORM}/2/data-source`,
  },
  {
    name: 'CheckboxGroup without options',
    build: addToForm(checkbox({ 'data-source': [] })),
    code: 'MIN_ITEMS_REQUIRED',
    pointer: `${FIRST_FORM}/2/data-source`,
  },
  {
    name: 'ChipsSelector with one option',
    build: addToForm({
      type: 'ChipsSelector',
      name: 'chips',
      label: 'Chips',
      'data-source': options(1),
    }),
    code: 'MIN_ITEMS_REQUIRED',
    pointer: `${FIRST_FORM}/2/data-source`,
  },
  {
    name: 'option description over 300 characters',
    build: addToForm(
      checkbox({ 'data-source': [{ id: '1', title: 'One', description: long(301) }] }),
    ),
    code: 'MAX_CHARS_EXCEEDED',
    pointer: `${FIRST_FORM}/2/data-source/0/description`,
  },
  {
    name: 'min-selected over max-selected',
    build: addToForm(checkbox({ 'min-selected-items': 3, 'max-selected-items': 2 })),
    code: 'MIN_VALUE_GREATER_THAN_MAX',
    pointer: `${FIRST_FORM}/2/min-selected-items`,
  },
  {
    name: 'PhotoPicker min over max',
    build: addToLast({ ...picker, 'min-uploaded-photos': 5, 'max-uploaded-photos': 2 }),
    code: 'MIN_VALUE_GREATER_THAN_MAX',
    pointer: `${LAST}/1/min-uploaded-photos`,
  },
  {
    name: 'list item image over 100 KB from 6.0',
    build: addToForm(
      checkbox({ 'data-source': [{ id: '1', title: 'One', image: long(140_000) }] }),
    ),
    code: 'INVALID_PROPERTY_VALUE',
    pointer: `${FIRST_FORM}/2/data-source/0/image`,
  },
  {
    name: 'epoch date from 5.0',
    build: addToForm({
      type: 'DatePicker',
      name: 'when',
      label: 'When',
      'min-date': '1696892400000',
    }),
    code: 'INVALID_PROPERTY_VALUE_FORMAT',
    pointer: `${FIRST_FORM}/2/min-date`,
  },
  {
    name: 'ISO date before 5.0',
    build: change((flow) => {
      flow.version = '4.0';
      formChildren(flow).splice(2, 0, {
        type: 'DatePicker',
        name: 'when',
        label: 'When',
        'max-date': '2024-10-21',
      });
    }),
    code: 'INVALID_PROPERTY_VALUE_FORMAT',
    pointer: `${FIRST_FORM}/2/max-date`,
  },
  {
    name: 'CalendarPicker title in single mode',
    build: addToForm({ type: 'CalendarPicker', name: 'when', label: 'When', title: 'Pick' }),
    code: 'INVALID_DEPENDENCIES',
    pointer: `${FIRST_FORM}/2/title`,
  },
  {
    name: 'pattern without helper-text',
    build: input({ pattern: '[0-9]+' }),
    code: 'INVALID_DEPENDENCIES',
    pointer: `${FIRST_FORM}/1/pattern`,
  },
  {
    name: 'pattern that is no regular expression',
    build: input({ pattern: '[0-9', 'helper-text': 'Digits' }),
    code: 'INVALID_PROPERTY_VALUE',
    pointer: `${FIRST_FORM}/1/pattern`,
  },
  {
    name: 'component newer than the version',
    build: change((flow) => {
      flow.version = '6.0';
      formChildren(flow).splice(2, 0, { type: 'CalendarPicker', name: 'when', label: 'When' });
    }),
    code: 'COMPONENT_NEEDS_NEWER_VERSION',
    pointer: `${FIRST_FORM}/2/type`,
  },
  {
    name: 'property newer than the version',
    build: change((flow) => {
      flow.version = '6.3';
      component(formChildren(flow), 1)['label-variant'] = 'large';
    }),
    code: 'INVALID_PROPERTY_KEY',
    pointer: `${FIRST_FORM}/1/label-variant`,
  },
  {
    name: 'action newer than the version',
    build: change((flow) => {
      flow.version = '5.1';
      lastChildren(flow).splice(1, 0, {
        type: 'EmbeddedLink',
        text: 'More',
        'on-click-action': openUrl,
      });
    }),
    code: 'INVALID_PROPERTY_VALUE',
    pointer: `${LAST}/1/on-click-action/name`,
  },
  {
    name: 'NavigationList item with open_url',
    build: change((flow) => {
      screen(flow, 0).layout.children = [
        {
          type: 'NavigationList',
          name: 'menu',
          'list-items': [
            { id: 'a', 'main-content': { title: 'Go' }, 'on-click-action': openUrl },
            {
              id: 'b',
              'main-content': { title: 'On' },
              'on-click-action': navigate('LAST', { name: 'Ana' }),
            },
          ],
        },
      ];
    }),
    code: 'INVALID_PROPERTY_VALUE',
    pointer: '/screens/0/layout/children/0/list-items/0/on-click-action/name',
  },
  {
    name: 'NavigationList with other components',
    build: change((flow) => {
      screen(flow, 0).layout.children = [
        {
          type: 'NavigationList',
          name: 'menu',
          'on-click-action': navigate('LAST', { name: 'Ana' }),
          'list-items': [{ id: 'a', 'main-content': { title: 'Go' } }],
        },
        text,
      ];
    }),
    code: 'INVALID_PROPERTY_VALUE',
    pointer: '/screens/0/layout/children/1',
  },
  {
    name: 'NavigationList actions on list and items',
    build: change((flow) => {
      screen(flow, 0).layout.children = [
        {
          type: 'NavigationList',
          name: 'menu',
          'on-click-action': navigate('LAST', { name: 'Ana' }),
          'list-items': [
            {
              id: 'a',
              'main-content': { title: 'Go' },
              'on-click-action': navigate('LAST', { name: 'Ana' }),
            },
          ],
        },
      ];
    }),
    code: 'INVALID_DEPENDENCIES',
    pointer: '/screens/0/layout/children/0/on-click-action',
  },
  {
    name: 'two badges in a NavigationList',
    build: change((flow) => {
      screen(flow, 0).layout.children = [
        {
          type: 'NavigationList',
          name: 'menu',
          'on-click-action': navigate('LAST', { name: 'Ana' }),
          'list-items': [
            { id: 'a', 'main-content': { title: 'Go' }, badge: 'New' },
            { id: 'b', 'main-content': { title: 'On' }, badge: 'Hot' },
          ],
        },
      ];
    }),
    code: 'INVALID_PROPERTY_VALUE',
    pointer: '/screens/0/layout/children/0/list-items',
  },
];

const placementCases: InvalidCase[] = [
  {
    name: 'CalendarPicker inside If',
    build: addToLast(
      optIn,
      If('${form.agree}', [{ type: 'CalendarPicker', name: 'when', label: 'When' }]),
    ),
    code: 'COMPONENT_NOT_ALLOWED_HERE',
    pointer: `${LAST}/2/then/0`,
  },
  {
    name: 'ChipsSelector inside If before 7.1',
    build: change((flow) => {
      flow.version = '7.0';
      lastChildren(flow).splice(
        1,
        0,
        optIn,
        If('${form.agree}', [
          { type: 'ChipsSelector', name: 'chips', label: 'Chips', 'data-source': options(2) },
        ]),
      );
    }),
    code: 'COMPONENT_NOT_ALLOWED_HERE',
    pointer: `${LAST}/2/then/0`,
  },
  {
    name: 'If nested four deep',
    build: addToLast(
      optIn,
      If('${form.agree}', [
        If('${form.agree}', [If('${form.agree}', [If('${form.agree}', [text])])]),
      ]),
    ),
    code: 'COMPONENT_NOT_ALLOWED_HERE',
    pointer: `${LAST}/2/then/0/then/0/then/0`,
  },
  {
    name: 'input outside the Form from 4.0',
    build: change((flow) =>
      screen(flow, 0).layout.children.push({ type: 'TextArea', name: 'notes', label: 'Notes' }),
    ),
    code: 'COMPONENTS_OUTSIDE_FORM',
    pointer: '/screens/0/layout/children/1',
  },
  {
    name: 'input without a Form before 4.0',
    build: change((flow) => {
      flow.version = '3.1';
      lastChildren(flow).splice(1, 0, { type: 'TextArea', name: 'notes', label: 'Notes' });
    }),
    code: 'KEYWORD_ONE_OF',
    pointer: `${LAST}/1`,
  },
  {
    name: 'init-value inside a Form',
    build: input({ 'init-value': 'Ana' }),
    code: 'INVALID_PROPERTY_KEY',
    pointer: `${FIRST_FORM}/1/init-value`,
  },
  {
    name: 'duplicate input names',
    build: addToForm({ type: 'TextArea', name: 'first_name', label: 'Notes' }),
    code: 'DUPLICATE_FORM_COMPONENT_NAMES',
    pointer: `${FIRST_FORM}/2/name`,
  },
  {
    name: 'init-values for no input',
    build: change(
      (flow) => (component(screen(flow, 0).layout.children, 0)['init-values'] = { nobody: 'x' }),
    ),
    code: 'INVALID_PROPERTY_VALUE',
    pointer: '/screens/0/layout/children/0/init-values/nobody',
  },
  {
    name: 'init-values of the wrong type from 7.0',
    build: change(
      (flow) => (component(screen(flow, 0).layout.children, 0)['init-values'] = { first_name: 5 }),
    ),
    code: 'INVALID_PROPERTY_VALUE',
    pointer: '/screens/0/layout/children/0/init-values/first_name',
  },
  {
    name: 'init-values for a picker',
    build: change((flow) => {
      formChildren(flow).splice(2, 0, picker);
      component(screen(flow, 0).layout.children, 0)['init-values'] = { photo: [] };
    }),
    code: 'NATIVE_COMPONENT_IN_FORM_INIT_VALUES',
    pointer: '/screens/0/layout/children/0/init-values/photo',
  },
];

export const INVALID_CASES_B: InvalidCase[] = [...componentCases, ...placementCases];
export { complete, text, withEndpoint };
