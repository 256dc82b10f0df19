import { childPointer } from '../pointer';
import type { Problem, Severity } from '../problem';
import type { ComponentEntry, ScreenModel } from './screen-model';

/** A problem about a component: carries its screen and its readable path. */
export function componentProblem(
  model: ScreenModel,
  entry: ComponentEntry,
  code: string,
  message: string,
  options: { at?: Array<string | number>; pointer?: string; severity?: Severity } = {},
): Problem {
  const pointer = options.pointer ?? childPointer(entry.visit.pointer, ...(options.at ?? []));
  const problem: Problem = {
    pointer,
    code,
    message: `${entry.path}${model.entry.id === undefined ? '' : ` on screen “${model.entry.id}”`}: ${message}`,
    severity: options.severity ?? 'error',
    componentPath: entry.path,
  };

  return model.entry.id === undefined ? problem : { ...problem, screenId: model.entry.id };
}

/** A problem about a screen as a whole. */
export function screenProblem(
  model: ScreenModel,
  code: string,
  message: string,
  options: { at?: Array<string | number>; pointer?: string; severity?: Severity } = {},
): Problem {
  const pointer = options.pointer ?? childPointer(model.entry.pointer, ...(options.at ?? []));
  const problem: Problem = { pointer, code, message, severity: options.severity ?? 'error' };

  return model.entry.id === undefined ? problem : { ...problem, screenId: model.entry.id };
}
