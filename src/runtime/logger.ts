/**
 * @module runtime/logger — the slice of a pino logger the runtime needs (pino's own logger fits),
 * and a silent default for tests and the CLI.
 */

export interface RuntimeLogger {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
  /** Per-job detail (e.g. how long a job waited); optional, pino's logger has it. */
  debug?(details: Record<string, unknown>, message: string): void;
}

const ignore = (): void => undefined;

export const silentLogger: RuntimeLogger = { info: ignore, warn: ignore, error: ignore };

/** Turns anything thrown into an `Error`, so handlers and callbacks always get one. */
export function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}
