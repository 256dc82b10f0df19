import { COMPONENT_SCHEMAS } from '../model';
import { isComponentType } from '../components';
import { isJsonObject } from '../json-value';
import type { JsonObject } from '../json-value';
import { childPointer } from '../pointer';
import { walkComponents } from '../walk';
import type { FlowJsonVersion } from '../versions';

/** Something the upgrade did, or something left for a person, at a place in the Flow. */
export interface UpgradeNote {
  pointer: string;
  message: string;
}

export interface StepResult {
  changes: UpgradeNote[];
  manual: UpgradeNote[];
}

/** A mechanical rewrite for crossing into `version`; it edits the Flow in place. */
export interface UpgradeStep {
  version: FlowJsonVersion;
  apply: (flow: JsonObject) => StepResult;
}

interface Place {
  component: JsonObject;
  pointer: string;
}

export function componentsOf(flow: JsonObject): Place[] {
  const screens = Array.isArray(flow.screens) ? flow.screens : [];

  return screens.flatMap((screen: unknown, index) => {
    const places: Place[] = [];
    const layout = isJsonObject(screen) && isJsonObject(screen.layout) ? screen.layout : {};
    walkComponents(
      layout.children,
      `/screens/${index}/layout/children`,
      ({ component, pointer }) => {
        if (isJsonObject(component)) {
          places.push({ component, pointer });
        }
      },
    );

    return places;
  });
}

/** 3.0: the endpoint address left Flow JSON. */
const removeDataChannelUri: UpgradeStep = {
  version: '3.0',
  apply: (flow) => {
    if (!('data_channel_uri' in flow)) {
      return { changes: [], manual: [] };
    }
    const uri = String(flow.data_channel_uri);
    delete flow.data_channel_uri;

    return {
      changes: [
        {
          pointer: '/data_channel_uri',
          message: `removed “data_channel_uri”; set ${uri} as the Flow's endpoint URI in WhatsApp Manager or through the API (endpoint_uri)`,
        },
      ],
      manual: [],
    };
  },
};

/** 4.0: CheckboxGroup and RadioButtonsGroup need a label; one is made from the name. */
const addGroupLabels: UpgradeStep = {
  version: '4.0',
  apply: (flow) => {
    const changes = componentsOf(flow)
      .filter(
        ({ component }) =>
          (component.type === 'CheckboxGroup' || component.type === 'RadioButtonsGroup') &&
          component.label === undefined,
      )
      .map(({ component, pointer }) => {
        component.label = labelFromName(component.name);

        return {
          pointer: childPointer(pointer, 'label'),
          message: `added the label “${String(component.label)}” (a label is required from 4.0; check its wording)`,
        };
      });

    return { changes, manual: [] };
  },
};

function labelFromName(name: unknown): string {
  const words =
    typeof name === 'string'
      ? name
          .replace(/[_-]+/g, ' ')
          .replace(/([a-z])([A-Z])/g, '$1 $2')
          .trim()
      : '';
  const label =
    words === '' ? 'Choose' : words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();

  return label.slice(0, 30).trim();
}

const DATE_KEYS = ['min-date', 'max-date', 'unavailable-dates', 'init-value'] as const;

/** 5.0: DatePicker values change from ms-epoch text to "YYYY-MM-DD". */
const convertDatePickerDates: UpgradeStep = {
  version: '5.0',
  apply: (flow) => {
    const result: StepResult = { changes: [], manual: [] };
    for (const { component, pointer } of componentsOf(flow).filter(
      (place) => place.component.type === 'DatePicker',
    )) {
      for (const key of DATE_KEYS) {
        const value = component[key];
        const at = childPointer(pointer, key);
        if (typeof value === 'string' && value.startsWith('${')) {
          result.manual.push({
            pointer: at,
            message: `“${key}” comes from ${value}: from 5.0 whatever fills it must send "YYYY-MM-DD" dates instead of milliseconds`,
          });
        } else if (typeof value === 'string' || Array.isArray(value)) {
          const converted = Array.isArray(value) ? value.map(epochToIso) : epochToIso(value);
          if (JSON.stringify(converted) !== JSON.stringify(value)) {
            component[key] = converted;
            result.changes.push({
              pointer: at,
              message: `converted “${key}” to "YYYY-MM-DD" (UTC)`,
            });
          }
        }
      }
    }

    return result;
  },
};

function epochToIso(value: unknown): unknown {
  if (typeof value !== 'string' || !/^\d+$/.test(value)) {
    return value;
  }
  const date = new Date(Number(value));

  return Number.isNaN(date.getTime()) ? value : date.toISOString().slice(0, 10);
}

/** 6.0: blank text is refused; blank optional properties are dropped (required ones stay for a person). */
const dropBlankOptionalText: UpgradeStep = {
  version: '6.0',
  apply: (flow) => {
    const changes: UpgradeNote[] = [];
    for (const { component, pointer } of componentsOf(flow)) {
      if (!isComponentType(component.type)) {
        continue;
      }
      const shape = COMPONENT_SCHEMAS[component.type].shape as Record<
        string,
        { safeParse: (value: unknown) => { success: boolean } }
      >;
      for (const [key, value] of Object.entries(component)) {
        if (
          typeof value === 'string' &&
          value.trim() === '' &&
          shape[key]?.safeParse(undefined).success === true
        ) {
          delete component[key];
          changes.push({
            pointer: childPointer(pointer, key),
            message: `removed the blank “${key}” (blank text is refused from 6.0)`,
          });
        }
      }
    }

    return { changes, manual: [] };
  },
};

export const UPGRADE_STEPS: readonly UpgradeStep[] = [
  removeDataChannelUri,
  addGroupLabels,
  convertDatePickerDates,
  dropBlankOptionalText,
];
