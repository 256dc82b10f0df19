import type { Action } from '@sanjay-flow/flow-json';

import { runAction } from './actions';
import type { FlowContext } from './context';
import { FlowPlayerError } from './errors';
import { isEnabled } from './evaluate';
import type { PlayerState } from './state';
import { ensureActive } from './steps';
import type { InputError, Step } from './steps';
import { listItems, shownComponents, viewScreen } from './view';
import type { ShownComponent } from './view';

/**
 * Presses the Footer (`target` omitted or "footer"), an EmbeddedLink or an OptIn's "Read more"
 * (the component's pointer), or a NavigationList item (pointer#item-id), as listed in the
 * view's `targets`. The Footer first checks the screen's inputs, as the phone keeps it
 * disabled until they are filled in correctly.
 */
export function press(context: FlowContext, state: PlayerState, target = 'footer'): Step {
  ensureActive(state);
  const shown = shownComponents(context, state);
  if (target === 'footer') {
    return pressFooter(context, state, shown);
  }
  const [pointer, itemId] = splitTarget(target);
  const item = shown.find((candidate) => candidate.placed.pointer === pointer);
  if (item?.placed.component.type === 'Footer' && itemId === undefined) {
    return pressFooter(context, state, shown);
  }
  const action = item === undefined ? undefined : actionOf(item, itemId);
  if (action === undefined) {
    throw unknownTarget(context, state, target);
  }

  return runAction(context, state, action);
}

function pressFooter(context: FlowContext, state: PlayerState, shown: ShownComponent[]): Step {
  const footer = shown.find((item) => item.placed.component.type === 'Footer');
  if (footer === undefined) {
    throw unknownTarget(context, state, 'footer');
  }
  const errors: InputError[] = shown.flatMap((item) =>
    item.input?.error === undefined ? [] : [{ name: item.input.name, message: item.input.error }],
  );
  if (!isEnabled(footer.properties.enabled)) {
    errors.unshift({ name: 'footer', message: 'the Footer is disabled' });
  }
  if (errors.length > 0) {
    return { kind: 'invalid', errors, state };
  }

  return runAction(context, state, footer.placed.component['on-click-action'] as Action);
}

function splitTarget(target: string): [string, string | undefined] {
  const hash = target.indexOf('#');

  return hash === -1 ? [target, undefined] : [target.slice(0, hash), target.slice(hash + 1)];
}

function actionOf(item: ShownComponent, itemId: string | undefined): Action | undefined {
  const own = item.placed.component['on-click-action'] as Action | undefined;
  if (item.placed.component.type !== 'NavigationList') {
    return itemId === undefined ? own : undefined;
  }
  const entry = listItems(item.properties).find((candidate) => candidate.id === itemId);

  return entry === undefined
    ? undefined
    : ((entry['on-click-action'] as Action | undefined) ?? own);
}

function unknownTarget(context: FlowContext, state: PlayerState, target: string): FlowPlayerError {
  const targets = viewScreen(context, state).targets.map((entry) => entry.target);

  return new FlowPlayerError(
    'UNKNOWN_TARGET',
    `screen ${state.screen} shows nothing to press at “${target}”; it offers ${targets.join(', ') || 'nothing'}`,
  );
}
