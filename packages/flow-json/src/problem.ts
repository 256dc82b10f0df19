export type Severity = 'error' | 'warning';

/**
 * One thing wrong with a Flow JSON document. `code` uses Meta's error family names where one
 * fits, so a problem found here reads the same as the one Meta would report on upload.
 */
export interface Problem {
  /** RFC 6901 JSON pointer to the value at fault (or to where a missing value belongs). */
  pointer: string;
  code: string;
  message: string;
  severity: Severity;
  /** 1-based position of the value the pointer names, when the source text is known. */
  line?: number;
  column?: number;
  screenId?: string;
  /** Readable place of the component at fault, e.g. `Form "form" > TextInput "email"`. */
  componentPath?: string;
}

export function error(pointer: string, code: string, message: string, screenId?: string): Problem {
  return withScreen({ pointer, code, message, severity: 'error' }, screenId);
}

export function warning(
  pointer: string,
  code: string,
  message: string,
  screenId?: string,
): Problem {
  return withScreen({ pointer, code, message, severity: 'warning' }, screenId);
}

function withScreen(problem: Problem, screenId: string | undefined): Problem {
  return screenId === undefined ? problem : { ...problem, screenId };
}
