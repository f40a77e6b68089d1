/**
 * @module observability/logger — the service's pino logger: JSON lines, secrets masked twice over
 * (known keys by pino's `redact`, token-shaped strings anywhere in the line by `redactSecrets`).
 */
import { pino } from 'pino';
import type { DestinationStream, LevelWithSilent, Logger } from 'pino';
import { redactSecrets } from './redact-secrets.js';

export { createBoltLogger } from './bolt-logger.js';
export { redactSecrets } from './redact-secrets.js';

export interface LoggerOptions {
  /** Lowest level written, e.g. `config.LOG_LEVEL`. */
  level: LevelWithSilent;
  /** Where JSON lines go; stdout when omitted. Tests pass a stream that records them. */
  destination?: DestinationStream;
  /** Fields on every line; pino's default (pid, hostname) when omitted. */
  base?: Record<string, unknown>;
}

/** What replaces the value of a known secret key. */
export const REDACTED = '[redacted]';

/** Keys whose values are never logged, at the top level and one object down. */
const SECRET_KEYS = [
  'token',
  'botToken',
  'appToken',
  'accessToken',
  'apiKey',
  'api_key',
  'password',
  'secret',
  'signingSecret',
  'clientSecret',
  'authorization',
  'cookie',
];

export const REDACT_PATHS: readonly string[] = [
  ...SECRET_KEYS.flatMap((key) => [key, `*.${key}`]),
  'headers.authorization',
  'headers.cookie',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.headers["x-api-key"]',
];

/**
 * Creates the logger. Every line passes through `redactSecrets` just before it is written, so a
 * token in a message, an error stack or a nested value is masked as well.
 * @example const logger = createLogger({ level: config.LOG_LEVEL }); logger.info({ channel }, 'slack: answered');
 */
export function createLogger(options: LoggerOptions): Logger {
  const pinoOptions = {
    level: options.level,
    ...(options.base === undefined ? {} : { base: options.base }),
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: [...REDACT_PATHS], censor: REDACTED },
    hooks: { streamWrite: redactSecrets },
  };
  return options.destination === undefined ? pino(pinoOptions) : pino(pinoOptions, options.destination);
}
