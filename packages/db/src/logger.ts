/**
 * The logging shape the package writes to: a subset of pino's `Logger`, so a pino logger (or a
 * child of one) can be passed as it is. The package never writes to the console.
 */
export interface DbLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLogger: DbLogger = {
  info: () => {},
  warn: () => {},
  error: () => {},
};
