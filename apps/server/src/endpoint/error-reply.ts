import { findDataMismatch, RUNTIME_ERROR_INFO, screenDataOf } from '@sanjay-flow/runtime';
import type { JsonObject, Program, RuntimeError, Session } from '@sanjay-flow/runtime';

export interface ErrorScreenReply {
  screen: string;
  data: JsonObject;
}

/**
 * What the phone can be shown after the program failed: the screen it is on again, with the
 * data last sent to that screen and the error's safe message as a snackbar. When that data is
 * not known (the phone reached the screen without the endpoint), the session's current screen
 * is tried. `null` when neither can be shown (data too large to keep, or never sent): the
 * caller answers 500 and the phone shows its generic error.
 */
export function errorScreenReply(
  program: Program,
  session: Session,
  request: unknown,
  error: RuntimeError,
): ErrorScreenReply | null {
  const message = RUNTIME_ERROR_INFO[error.code].userMessage;
  const candidates = [screenOf(request), session.currentScreen];
  for (const screen of candidates) {
    const reply = screen === null ? null : replyFor(program, session, screen, message);
    if (reply !== null) {
      return reply;
    }
  }

  return null;
}

function replyFor(
  program: Program,
  session: Session,
  screen: string,
  message: string,
): ErrorScreenReply | null {
  const model = program.screens[screen];
  const shown = screenDataOf(session, program, screen);
  if (model === undefined || shown === null) {
    return null;
  }
  const data = { ...shown, error_message: message };

  return findDataMismatch(model.data, data) === null ? { screen, data } : null;
}

// The screen the phone says it is on; the session's current screen when it does not say.
function screenOf(request: unknown): string | null {
  const screen =
    typeof request === 'object' && request !== null && 'screen' in request
      ? request.screen
      : undefined;

  return typeof screen === 'string' && screen !== '' ? screen : null;
}
