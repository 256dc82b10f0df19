import { isJsonObject, walkComponents } from '@sanjay-flow/flow-json';

export interface ComponentSummary {
  type: string;
  label?: string;
  /** 0 for the screen's own components, +1 inside each Form, If branch or Switch case. */
  depth: number;
}

export interface ScreenSummary {
  title: string;
  components: ComponentSummary[];
}

/** The properties that best name a component on a canvas card, in order of preference. */
const LABEL_KEYS = ['label', 'text', 'title', 'name', 'alt-text', 'condition', 'value'] as const;
const MAX_LABEL_LENGTH = 100;

/** What a screen's card shows: its title and its component tree, flattened in document order. */
export function summarizeScreen(screen: Record<string, unknown>): ScreenSummary {
  const components: ComponentSummary[] = [];
  const layout = isJsonObject(screen.layout) ? screen.layout : {};
  walkComponents(layout.children, '', ({ component, depth }) => {
    components.push(summarizeComponent(component, depth));
  });

  return { title: screenTitle(screen), components };
}

function screenTitle(screen: Record<string, unknown>): string {
  if (typeof screen.title === 'string' && screen.title.trim() !== '') {
    return screen.title;
  }

  return typeof screen.id === 'string' ? screen.id : 'Untitled screen';
}

function summarizeComponent(component: unknown, depth: number): ComponentSummary {
  if (!isJsonObject(component)) {
    return { type: 'Unknown', depth };
  }
  const type = typeof component.type === 'string' ? component.type : 'Unknown';
  const label = LABEL_KEYS.map((key) => firstText(component[key])).find(
    (text) => text !== undefined,
  );

  return label === undefined ? { type, depth } : { type, label: shorten(label), depth };
}

/** A plain string, the first string of a list (RichText), or of an object (range CalendarPicker). */
function firstText(value: unknown): string | undefined {
  if (typeof value === 'string') {
    return value.trim() === '' ? undefined : value;
  }
  if (Array.isArray(value)) {
    return value.map(firstText).find((text) => text !== undefined);
  }
  if (isJsonObject(value)) {
    return Object.values(value)
      .map(firstText)
      .find((text) => text !== undefined);
  }

  return undefined;
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();

  return oneLine.length > MAX_LABEL_LENGTH ? `${oneLine.slice(0, MAX_LABEL_LENGTH - 1)}…` : oneLine;
}
