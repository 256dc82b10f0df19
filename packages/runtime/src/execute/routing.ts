import { RuntimeError } from '../errors';
import { findDataMismatch } from '../program/data-model';
import type { Program } from '../program/schema';
import type { ScreenReply, Session } from '../protocol';
import { MAX_HISTORY } from '../protocol';

interface Move {
  action: 'INIT' | 'data_exchange' | 'BACK';
  from: string | null;
  history: readonly string[];
}

/**
 * Refuses a screen reply the phone would reject: an unknown screen, a move the routing model
 * does not allow (`invalid-screen-transition`), or data that breaks the screen's model
 * (`payload-schema-error`).
 */
export function checkScreenReply(
  program: Program,
  reply: ScreenReply,
  move: Move,
  nodeId: string,
): void {
  const screen = program.screens[reply.screen];
  if (screen === undefined) {
    throw new RuntimeError('UNKNOWN_SCREEN', `Screen '${reply.screen}' is not in the program`, {
      nodeId,
      details: { screen: reply.screen },
    });
  }
  if (!isAllowedMove(program.routes, reply.screen, move)) {
    throw new RuntimeError(
      'INVALID_TRANSITION',
      `The routing model does not allow moving from '${move.from ?? '(start)'}' to '${reply.screen}'`,
      {
        nodeId,
        details: { from: move.from, to: reply.screen },
      },
    );
  }
  const mismatch = findDataMismatch(screen.data, reply.data);
  if (mismatch !== null) {
    throw new RuntimeError(
      'REPLY_SCHEMA_MISMATCH',
      `Reply to '${reply.screen}' does not fit its data model: ${mismatch}`,
      {
        nodeId,
        details: { screen: reply.screen },
      },
    );
  }
}

function isAllowedMove(routes: Program['routes'], to: string, move: Move): boolean {
  if (move.from === null) {
    return isEntryScreen(routes, to);
  }
  if (to === move.from || (routes[move.from] ?? []).includes(to)) {
    return true;
  }
  // Going back follows an edge in reverse, or returns to a screen already shown.
  return (
    move.action === 'BACK' && ((routes[to] ?? []).includes(move.from) || move.history.includes(to))
  );
}

// An entry screen has no inbound route. Without a routing model every screen is an entry.
function isEntryScreen(routes: Program['routes'], screen: string): boolean {
  return !Object.values(routes).some((targets) => targets.includes(screen));
}

/** The session after showing `screen`: BACK unwinds the history, a forward move extends it. */
export function moveSession(session: Session, screen: string, action: Move['action']): Session {
  const history = [...session.history];
  const shownAt = history.lastIndexOf(screen);
  if (action === 'BACK' && shownAt !== -1) {
    history.length = shownAt + 1;
  } else if (history[history.length - 1] !== screen) {
    history.push(screen);
  }

  return { ...session, currentScreen: screen, history: history.slice(-MAX_HISTORY) };
}
