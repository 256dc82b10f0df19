import type { ComponentType } from '../components';
import { IDENTIFIER } from '../expression/parse';
import type { Problem } from '../problem';
import type { RuleContext } from './context';
import { versionAtLeast, versionBefore } from './context';
import { componentProblem, screenProblem } from './report';
import { INPUT_TYPES } from './screen-model';
import type { ComponentEntry, ScreenModel } from './screen-model';

export const MAX_COMPONENTS_PER_SCREEN = 50;

/** Per-screen limits of one component kind (spec A4), with Meta's code where it has one. */
const PER_SCREEN: ReadonlyArray<{ types: ComponentType[]; max: number; code: string }> = [
  { types: ['EmbeddedLink'], max: 2, code: 'MAX_EMBEDDED_LINK_PER_SCREEN' },
  { types: ['OptIn'], max: 5, code: 'MAX_OPT_IN_PER_SCREEN' },
  { types: ['Image'], max: 3, code: 'MAX_IMAGE_PER_SCREEN' },
  { types: ['ImageCarousel'], max: 2, code: 'MAX_IMAGE_CAROUSEL_PER_SCREEN' },
  { types: ['NavigationList'], max: 2, code: 'MAX_NAVIGATION_LIST_PER_SCREEN' },
  { types: ['PhotoPicker', 'DocumentPicker'], max: 1, code: 'MAX_MEDIA_PICKER_PER_SCREEN' },
];
const MAX_IMAGE_CAROUSELS_PER_FLOW = 3;

const TEXT_TYPES: ComponentType[] = ['TextHeading', 'TextSubheading', 'TextBody', 'TextCaption'];
/** What If and Switch may hold (spec A5). RichText and CalendarPicker are not listed: refused. */
const CONDITIONAL_CHILDREN = new Set<ComponentType>([
  ...TEXT_TYPES,
  'CheckboxGroup',
  'DatePicker',
  'Dropdown',
  'EmbeddedLink',
  'Footer',
  'Image',
  'OptIn',
  'RadioButtonsGroup',
  'TextArea',
  'TextInput',
]);
const MAX_CONDITIONAL_NESTING = 3;

/** Placement and counts: components per screen, where each kind may go (spec A4, A5). */
export function checkStructure(context: RuleContext): Problem[] {
  return [
    ...context.models.flatMap((model) => [
      ...checkCounts(model),
      ...checkNavigationListPlacement(model),
      ...checkRichTextPlacement(context, model),
      ...checkConditionalChildren(context, model),
      ...checkForms(context, model),
      ...checkInputNames(model),
    ]),
    ...checkCarouselsPerFlow(context),
  ];
}

function checkCounts(model: ScreenModel): Problem[] {
  const problems: Problem[] = [];
  const structural = model.components.filter(
    (entry) => entry.type !== 'Form' && entry.type !== 'If' && entry.type !== 'Switch',
  );
  if (model.components.length > MAX_COMPONENTS_PER_SCREEN) {
    const extra = model.components[MAX_COMPONENTS_PER_SCREEN];
    problems.push(
      screenProblem(
        model,
        'MAX_COMPONENTS_PER_SCREEN',
        `Screen “${model.entry.id ?? '?'}” has ${model.components.length} components; at most ${MAX_COMPONENTS_PER_SCREEN} are allowed.`,
        { pointer: extra?.visit.pointer },
      ),
    );
  }
  for (const limit of PER_SCREEN) {
    const found = structural.filter((entry) => limit.types.includes(entry.type));
    const extra = found[limit.max];
    if (extra !== undefined) {
      problems.push(
        componentProblem(
          model,
          extra,
          limit.code,
          `a screen may have at most ${limit.max} ${limit.types.join(' or ')} (this one has ${found.length}).`,
        ),
      );
    }
  }

  return problems;
}

function checkCarouselsPerFlow(context: RuleContext): Problem[] {
  const carousels = context.models.flatMap((model) =>
    model.components
      .filter((entry) => entry.type === 'ImageCarousel')
      .map((entry) => ({ model, entry })),
  );
  const extra = carousels[MAX_IMAGE_CAROUSELS_PER_FLOW];

  return extra === undefined
    ? []
    : [
        componentProblem(
          extra.model,
          extra.entry,
          'MAX_IMAGE_CAROUSEL_PER_FLOW',
          `a Flow may have at most ${MAX_IMAGE_CAROUSELS_PER_FLOW} ImageCarousels (this one has ${carousels.length}).`,
        ),
      ];
}

/** A NavigationList stands alone on a screen that is not terminal. */
function checkNavigationListPlacement(model: ScreenModel): Problem[] {
  const lists = model.components.filter((entry) => entry.type === 'NavigationList');
  const first = lists[0];
  if (first === undefined) {
    return [];
  }
  const others = model.components.filter((entry) => entry.type !== 'NavigationList');
  const problems = others
    .slice(0, 1)
    .map((other) =>
      componentProblem(
        model,
        other,
        'INVALID_PROPERTY_VALUE',
        'a screen with a NavigationList may hold nothing else.',
      ),
    );
  if (model.terminal) {
    problems.push(
      componentProblem(
        model,
        first,
        'INVALID_PROPERTY_VALUE',
        'a NavigationList cannot be on a terminal screen.',
      ),
    );
  }

  return problems;
}

/**
 * RichText: alone on its screen up to 6.2; from 6.3 a Footer may join it. Other pairings are
 * unconfirmed (U), so the stricter reading refuses them.
 */
function checkRichTextPlacement(context: RuleContext, model: ScreenModel): Problem[] {
  if (!model.components.some((entry) => entry.type === 'RichText')) {
    return [];
  }
  const footerAllowed = versionAtLeast(context, '6.3');
  const other = model.components.find(
    (entry) => entry.type !== 'RichText' && !(footerAllowed && entry.type === 'Footer'),
  );
  const allowed = footerAllowed ? 'a Footer' : 'nothing else (a Footer is allowed from 6.3)';

  return other === undefined
    ? []
    : [
        componentProblem(
          model,
          other,
          'INVALID_PROPERTY_VALUE',
          `a screen with RichText may hold only ${allowed}.`,
        ),
      ];
}

/** If/Switch: which components they may hold, nesting depth, and no Form inside a Form. */
function checkConditionalChildren(context: RuleContext, model: ScreenModel): Problem[] {
  return model.components.flatMap((entry) => {
    const parent = entry.visit.parents.at(-1);
    if (parent === undefined) {
      return [];
    }
    if (parent.type === 'Form') {
      return entry.type === 'Form'
        ? [
            componentProblem(
              model,
              entry,
              'COMPONENT_NOT_ALLOWED_HERE',
              'a Form cannot hold another Form.',
            ),
          ]
        : [];
    }
    const problems: Problem[] = [];
    if (!allowedInConditional(context, parent.type, entry.type)) {
      problems.push(
        componentProblem(
          model,
          entry,
          'COMPONENT_NOT_ALLOWED_HERE',
          `${entry.type} cannot be placed inside ${parent.type === 'If' ? 'an If' : 'a Switch'}${entry.type === 'ChipsSelector' ? ' before Flow JSON 7.1' : ''}.`,
        ),
      );
    }
    if (
      (entry.type === 'If' || entry.type === 'Switch') &&
      entry.conditionalDepth + 1 > MAX_CONDITIONAL_NESTING
    ) {
      problems.push(
        componentProblem(
          model,
          entry,
          'COMPONENT_NOT_ALLOWED_HERE',
          `If and Switch may be nested at most ${MAX_CONDITIONAL_NESTING} deep.`,
        ),
      );
    }

    return problems;
  });
}

function allowedInConditional(
  context: RuleContext,
  parent: ComponentType,
  child: ComponentType,
): boolean {
  if (child === 'ChipsSelector') {
    return versionAtLeast(context, '7.1');
  }
  if (child === 'If' || child === 'Switch') {
    return parent === 'If';
  }

  return CONDITIONAL_CHILDREN.has(child);
}

/** Before 4.0 every input sits in a Form; from 4.0 a screen with a Form keeps all its inputs in it. */
function checkForms(context: RuleContext, model: ScreenModel): Problem[] {
  const hasForm = model.components.some((entry) => entry.type === 'Form');
  const outside = model.components.filter((entry) => INPUT_TYPES.has(entry.type) && !entry.inForm);
  if (versionBefore(context, '4.0')) {
    return outside.map((entry) =>
      componentProblem(
        model,
        entry,
        'KEYWORD_ONE_OF',
        'before Flow JSON 4.0 every input must be inside a Form.',
      ),
    );
  }
  if (!hasForm) {
    return [];
  }

  return outside.map((entry) =>
    componentProblem(
      model,
      entry,
      'COMPONENTS_OUTSIDE_FORM',
      'this screen has a Form, so every input must be inside it.',
    ),
  );
}

/**
 * Input names are unique per screen, across If and Switch branches too. A name that is not an
 * identifier is only a warning (Meta publishes no rule), but nothing can refer to its answer.
 */
function checkInputNames(model: ScreenModel): Problem[] {
  const seen = new Map<string, ComponentEntry>();
  const problems: Problem[] = [];
  for (const entry of model.components) {
    const name = entry.component.name;
    if (!INPUT_TYPES.has(entry.type) || typeof name !== 'string') {
      continue;
    }
    if (name.trim() !== '' && !IDENTIFIER.test(name)) {
      problems.push(
        componentProblem(
          model,
          entry,
          'NAME_CANNOT_BE_REFERENCED',
          `“${name}” cannot be used in \${form.…} references or as a payload key the endpoint reads; use letters, digits and underscores, not starting with a digit.`,
          { at: ['name'], severity: 'warning' },
        ),
      );
    }
    const first = seen.get(name);
    if (first === undefined) {
      seen.set(name, entry);
    } else {
      problems.push(
        componentProblem(
          model,
          entry,
          'DUPLICATE_FORM_COMPONENT_NAMES',
          `the name “${name}” is already used by ${first.path}.`,
          { at: ['name'] },
        ),
      );
    }
  }

  return problems;
}
