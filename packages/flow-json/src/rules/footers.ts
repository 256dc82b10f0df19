import { isJsonObject } from '../json-value';
import type { JsonObject } from '../json-value';
import { error } from '../problem';
import type { Problem } from '../problem';
import type { RuleContext } from './context';
import { componentProblem, screenProblem } from './report';
import type { ComponentEntry, ScreenModel } from './screen-model';

/**
 * Terminal screens and Footers (spec A2, A4, A5): ≥ 1 terminal screen, each with a Footer
 * that completes the Flow (or asks the endpoint, which may answer SUCCESS); at most one
 * Footer per screen counting every If/Switch branch; Footers in an If sit in both branches of
 * a first-level If; a Footer in one Switch case means one in every case.
 */
export function checkFooters(context: RuleContext): Problem[] {
  return [
    ...checkTerminalExists(context),
    ...context.models.flatMap((model) => [
      ...checkFooterCount(model),
      ...checkConditionalFooters(model),
      ...checkTerminalFooter(model),
      ...checkSuccess(model),
    ]),
    ...checkSuccessSomewhere(context),
  ];
}

function checkTerminalExists(context: RuleContext): Problem[] {
  if (context.models.length === 0 || context.models.some((model) => model.terminal)) {
    return [];
  }

  return [
    error(
      '/screens',
      'MISSING_TERMINAL_SCREEN',
      'No screen is terminal. Mark the screen that ends the Flow with "terminal": true.',
    ),
  ];
}

/** The most Footers one rendering of a component list can show. */
function footersShown(list: unknown): number {
  if (!Array.isArray(list)) {
    return 0;
  }

  return list.reduce((sum: number, component: unknown) => sum + footersOf(component), 0);
}

function footersOf(component: unknown): number {
  if (!isJsonObject(component)) {
    return 0;
  }
  switch (component.type) {
    case 'Footer':
      return 1;
    case 'Form':
      return footersShown(component.children);
    case 'If':
      return Math.max(footersShown(component.then), footersShown(component.else));
    case 'Switch':
      return isJsonObject(component.cases)
        ? Math.max(0, ...Object.values(component.cases).map(footersShown))
        : 0;
    default:
      return 0;
  }
}

function checkFooterCount(model: ScreenModel): Problem[] {
  const layout = isJsonObject(model.screen.layout) ? model.screen.layout : {};
  const shown = footersShown(layout.children);
  const footers = model.components.filter((entry) => entry.type === 'Footer');
  const extra = footers[1];
  if (shown <= 1 || extra === undefined) {
    return [];
  }

  return [
    componentProblem(
      model,
      extra,
      'MORE_THAN_ONE_FOOTER',
      'a screen may show only one Footer, counting every If and Switch branch.',
    ),
  ];
}

function checkConditionalFooters(model: ScreenModel): Problem[] {
  return model.components.flatMap((entry) => {
    if (entry.type === 'If') {
      return checkIfFooters(model, entry);
    }
    if (entry.type === 'Switch') {
      return checkSwitchFooters(model, entry);
    }
    if (entry.type === 'Footer' && entry.conditionalDepth > 1) {
      return [
        componentProblem(
          model,
          entry,
          'COMPONENT_NOT_ALLOWED_HERE',
          'a Footer may only sit in a first-level If or Switch, not in a nested one.',
        ),
      ];
    }

    return [];
  });
}

function directFooter(list: unknown): boolean {
  return (
    Array.isArray(list) &&
    list.some((component: unknown) => isJsonObject(component) && component.type === 'Footer')
  );
}

function checkIfFooters(model: ScreenModel, entry: ComponentEntry): Problem[] {
  const inThen = directFooter(entry.component.then);
  const inElse = directFooter(entry.component.else);
  if (inThen === inElse) {
    return [];
  }
  const missing = inThen ? 'else' : 'then';

  return [
    componentProblem(
      model,
      entry,
      'MISSING_FOOTER_IN_IF_ELSE_BRANCHES',
      `a Footer in one branch of an If needs a Footer in the other branch (“${missing}”) too.`,
      { at: [missing] },
    ),
  ];
}

function checkSwitchFooters(model: ScreenModel, entry: ComponentEntry): Problem[] {
  const cases = isJsonObject(entry.component.cases) ? entry.component.cases : {};
  const withFooter = Object.entries(cases).filter(([, list]) => directFooter(list));
  if (withFooter.length === 0) {
    return [];
  }

  return Object.entries(cases)
    .filter(([, list]) => !directFooter(list))
    .map(([caseKey]) =>
      componentProblem(
        model,
        entry,
        'MISSING_FOOTER_IN_SWITCH_BRANCHES',
        `the case “${caseKey}” has no Footer, but other cases do: every case needs one.`,
        { at: ['cases', caseKey] },
      ),
    );
}

function actionName(component: JsonObject): unknown {
  const action = component['on-click-action'];

  return isJsonObject(action) ? action.name : undefined;
}

function checkTerminalFooter(model: ScreenModel): Problem[] {
  const footers = model.components.filter((entry) => entry.type === 'Footer');
  if (model.terminal && footers.length === 0) {
    return [
      screenProblem(
        model,
        'MISSING_FOOTER_ON_TERMINAL_SCREEN',
        `Screen “${model.entry.id ?? '?'}” is terminal, so it needs a Footer that completes the Flow.`,
        { at: ['layout', 'children'] },
      ),
    ];
  }

  return footers.flatMap((footer) => {
    const name = actionName(footer.component);
    if (name === 'complete' && !model.terminal) {
      return [
        componentProblem(
          model,
          footer,
          'INVALID_COMPLETE_ACTION',
          '“complete” ends the Flow, so it may only be used on a terminal screen.',
          { at: ['on-click-action', 'name'] },
        ),
      ];
    }
    if (name === 'navigate' && model.terminal) {
      return [
        componentProblem(
          model,
          footer,
          'INVALID_ON_CLICK_ACTION_PAYLOAD',
          'the Footer of a terminal screen must complete the Flow (or ask the endpoint), not navigate.',
          { at: ['on-click-action', 'name'] },
        ),
      ];
    }

    return [];
  });
}

/** `success` (3.1+) only on terminal screens. */
function checkSuccess(model: ScreenModel): Problem[] {
  if (model.screen.success === undefined || model.terminal) {
    return [];
  }

  return [
    screenProblem(
      model,
      'NOT_KEYWORD_SCHEMA_VALIDATION_FAILED',
      '“success” may only be set on a terminal screen.',
      { at: ['success'] },
    ),
  ];
}

function checkSuccessSomewhere(context: RuleContext): Problem[] {
  const terminals = context.models.filter((model) => model.terminal);
  const allFailures =
    terminals.length > 0 && terminals.every((model) => model.screen.success === false);
  const last = terminals.at(-1);

  return allFailures && last !== undefined
    ? [
        screenProblem(
          last,
          'INVALID_PROPERTY_VALUE',
          'At least one terminal screen must end the Flow successfully ("success": true, the default).',
          { at: ['success'] },
        ),
      ]
    : [];
}
