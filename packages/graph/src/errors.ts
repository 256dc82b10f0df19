export type GraphErrorCode =
  'INVALID_GRAPH_DOCUMENT' | 'UNSUPPORTED_SCHEMA_VERSION' | 'INVALID_FLOW_JSON';

/** Detail for a problem at one place of the input, as a JSON pointer. */
export interface GraphIssue {
  pointer: string;
  message: string;
}

/** The one error type of this package: a closed code list, a readable message, the issues. */
export class GraphError extends Error {
  override readonly name = 'GraphError';

  constructor(
    readonly code: GraphErrorCode,
    message: string,
    readonly issues: readonly GraphIssue[] = [],
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
