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

/**
 * Adds the path of the innermost component holding the problem's pointer, for problems found
 * by walking texts rather than components.
 */
export function withComponentPath(model: ScreenModel, problem: Problem): Problem {
  const byPointer = new Map(model.components.map((entry) => [entry.visit.pointer, entry]));
  for (
    let pointer = problem.pointer;
    pointer.length > model.entry.pointer.length;
    pointer = pointer.slice(0, pointer.lastIndexOf('/'))
  ) {
    const entry = byPointer.get(pointer);
    if (entry !== undefined) {
      return { ...problem, componentPath: entry.path };
    }
  }

  return problem;
}
