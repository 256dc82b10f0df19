import type { JsonObject } from '../json';
import { ownProperty, setOwn } from '../json';
import type { Program } from '../program/schema';
import type { ScreenReply, Session } from '../protocol';

/** Serialized size of the data kept for one screen; larger data (big images) is not kept. */
export const MAX_SCREEN_DATA_CHARS = 64_000;

/**
 * The session after sending `reply`: the keys of its data that the screen declares are kept
 * for that screen, and screens no longer in the history are forgotten, so the memory is
 * bounded by the history and by `MAX_SCREEN_DATA_CHARS` per screen.
 */
export function keepScreenData(session: Session, program: Program, reply: ScreenReply): Session {
  const kept: Record<string, JsonObject> = {};
  for (const screen of session.history) {
    const data = session.screenData?.[screen];
    if (data !== undefined && screen !== reply.screen) {
      kept[screen] = data;
    }
  }
  const declared = declaredData(program, reply);
  if (declared !== null) {
    kept[reply.screen] = declared;
  }

  return { ...session, screenData: kept };
}

/** The data last sent to `screen`; `{}` for a screen that declares none. */
export function screenDataOf(
  session: Session,
  program: Program,
  screen: string,
): JsonObject | null {
  const model = program.screens[screen];
  if (model === undefined) {
    return null;
  }
  if (Object.keys(model.data).length === 0) {
    return {};
  }

  return session.screenData?.[screen] ?? null;
}

function declaredData(program: Program, reply: ScreenReply): JsonObject | null {
  const model = program.screens[reply.screen]?.data ?? {};
  const data: JsonObject = {};
  for (const key of Object.keys(model)) {
    const value = ownProperty(reply.data, key);
    if (value !== undefined) {
      setOwn(data, key, value);
    }
  }
  if (Object.keys(data).length === 0) {
    return null;
  }

  return JSON.stringify(data).length > MAX_SCREEN_DATA_CHARS ? null : data;
}
