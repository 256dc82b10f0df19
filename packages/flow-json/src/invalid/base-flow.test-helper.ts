import { buildSampleFlow } from '../sample';

export type Component = Record<string, unknown>;

export interface Screen {
  id: string;
  title?: string;
  terminal?: boolean;
  data: Record<string, unknown>;
  layout: { type: string; children: Component[] };
  [key: string]: unknown;
}

export interface Flow {
  version: string;
  screens: Screen[];
  [key: string]: unknown;
}

/** A small valid Flow: FIRST (a Form with a TextInput) navigates to the terminal screen LAST. */
export function baseFlow(): Flow {
  return {
    version: '7.3',
    screens: [
      {
        id: 'FIRST',
        title: 'First',
        data: {},
        layout: {
          type: 'SingleColumnLayout',
          children: [
            {
              type: 'Form',
              name: 'form',
              children: [
                { type: 'TextHeading', text: 'Welcome' },
                { type: 'TextInput', name: 'first_name', label: 'First name' },
                {
                  type: 'Footer',
                  label: 'Next',
                  'on-click-action': navigate('LAST', { name: '${form.first_name}' }),
                },
              ],
            },
          ],
        },
      },
      {
        id: 'LAST',
        title: 'Last',
        terminal: true,
        data: { name: { type: 'string', __example__: 'Ana' } },
        layout: {
          type: 'SingleColumnLayout',
          children: [
            { type: 'TextBody', text: '${data.name}' },
            {
              type: 'Footer',
              label: 'Done',
              'on-click-action': { name: 'complete', payload: { name: '${data.name}' } },
            },
          ],
        },
      },
    ],
  };
}

export function navigate(target: string, payload: Record<string, unknown> = {}): Component {
  return { name: 'navigate', next: { type: 'screen', name: target }, payload };
}

export function screen(flow: Flow, index: number): Screen {
  const found = flow.screens[index];
  if (found === undefined) {
    throw new Error(`no screen ${index}`);
  }

  return found;
}

/** The FIRST screen's Form children. */
export function formChildren(flow: Flow): Component[] {
  const form = screen(flow, 0).layout.children[0] as { children: Component[] };

  return form.children;
}

/** The LAST screen's children. */
export function lastChildren(flow: Flow): Component[] {
  return screen(flow, 1).layout.children;
}

export function component(list: Component[], index: number): Component {
  const found = list[index];
  if (found === undefined) {
    throw new Error(`no component ${index}`);
  }

  return found;
}

/** Makes the Flow an endpoint Flow whose routing model matches its navigation. */
export function withEndpoint(flow: Flow): Flow {
  flow.data_api_version = '3.0';
  flow.routing_model = { FIRST: ['LAST'], LAST: [] };

  return flow;
}

/** A Flow of `count` screens built by the sample builder (valid apart from the count). */
export function manyScreens(count: number): Flow {
  const screens = Array.from({ length: count }, (_, index) => ({
    parent: index - 1,
    inputs: [],
    texts: ['Hello'],
    useForm: false,
    passData: false,
  }));

  return buildSampleFlow({ version: '7.3', withEndpoint: false, screens }) as unknown as Flow;
}

export const FIRST_FORM = '/screens/0/layout/children/0/children';
export const LAST = '/screens/1/layout/children';
export const TINY_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNk+A8AAQUBAScY42YAAAAASUVORK5CYII=';
