import { findDataMismatch, RUNTIME_ERROR_INFO } from '@sanjay-flow/runtime';
import type { Program, RuntimeError, Session } from '@sanjay-flow/runtime';

/**
 * What the phone can be shown after the program failed: the current screen again with the
 * error's safe message as a snackbar, when that screen's data model is satisfied by
 * `error_message` alone. `null` when there is no such screen (the caller answers 500).
 */
// TODO: keep the data last sent to each screen in the session, so that a screen with declared
// data can be re-shown with an error too; until then such failures answer 500.
export function errorScreenReply(
  program: Program,
  session: Session,
  error: RuntimeError,
): { screen: string; data: { error_message: string } } | null {
  const screen = session.currentScreen;
  const model = screen === null ? undefined : program.screens[screen];
  if (screen === null || model === undefined) {
    return null;
  }
  const data = { error_message: RUNTIME_ERROR_INFO[error.code].userMessage };

  return findDataMismatch(model.data, data) === null ? { screen, data } : null;
}
