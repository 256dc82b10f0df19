/** What the responses filters hold, as the form edits them. */
export interface ResponsesFilters {
  /** `YYYY-MM-DD` from a date input, or empty. */
  from: string;
  to: string;
  status: '' | 'received' | 'delivered' | 'dead' | 'no_destination';
  text: string;
}

export const NO_FILTERS: ResponsesFilters = { from: '', to: '', status: '', text: '' };

export interface ResponsesQuery {
  flowId: string;
  receivedFrom?: string;
  receivedTo?: string;
  status?: Exclude<ResponsesFilters['status'], ''>;
  text?: string;
}

/**
 * The API query of a Flow's responses. Dates are the user's local days: `from` starts at its
 * midnight, `to` ends at the last millisecond of its day.
 */
export function responsesQuery(flowId: string, filters: ResponsesFilters): ResponsesQuery {
  const text = filters.text.trim();

  return {
    flowId,
    ...(filters.from === '' ? {} : { receivedFrom: localDayStart(filters.from).toISOString() }),
    ...(filters.to === '' ? {} : { receivedTo: localDayEnd(filters.to).toISOString() }),
    ...(filters.status === '' ? {} : { status: filters.status }),
    ...(text === '' ? {} : { text }),
  };
}

function localDayStart(day: string): Date {
  const [year = 1970, month = 1, date = 1] = day.split('-').map(Number);

  return new Date(year, month - 1, date);
}

function localDayEnd(day: string): Date {
  return new Date(localDayStart(day).getTime() + 24 * 60 * 60 * 1000 - 1);
}

export const STATUS_LABELS: Record<Exclude<ResponsesFilters['status'], ''>, string> = {
  received: 'Waiting for delivery',
  delivered: 'Delivered',
  dead: 'Delivery failed',
  no_destination: 'Kept here (no destination)',
};

/** Where a response came from, said under its time; a Flow completion goes without saying. */
export const SOURCE_LABELS = {
  completion: null,
  endpoint: 'Saved by a step on a screen',
  message: 'Saved by a step on a message',
} as const;
