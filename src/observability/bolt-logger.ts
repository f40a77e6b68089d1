/**
 * @module observability/bolt-logger — Bolt's `Logger` interface over the pino logger, so Bolt and
 * its Web API client write the same redacted JSON lines as the rest of the service.
 */
import { format } from 'node:util';
import type { Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from 'pino';

export interface BoltLoggerOptions {
  /** The `name` field on Bolt's lines; default "bolt". */
  name?: string;
}

type BoltLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * Adapts a pino logger to Bolt. Bolt's arguments become one message (`util.format`), and an
 * `Error` among them goes to `err` with its stack. `setLevel` can only narrow the pino logger's
 * level: Bolt sets its own default ("info") at start-up, which must not turn on lines the service
 * was configured to hide.
 * @example new App({ logger: createBoltLogger(logger), logLevel: LogLevel.INFO, … })
 */
export function createBoltLogger(logger: Logger, options: BoltLoggerOptions = {}): BoltLogger {
  let current = logger.child({ name: options.name ?? 'bolt' });
  const write =
    (level: BoltLevel) =>
    (...messages: unknown[]): void => {
      const error = messages.find((message): message is Error => message instanceof Error);
      const rest = messages.filter((message) => message !== error);
      const text = rest.length > 0 ? format(...rest) : (error?.message ?? '');
      if (error) current[level]({ err: error }, text);
      else current[level](text);
    };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    setLevel(level: LogLevel): void {
      const requested = logger.levels.values[level] ?? logger.levelVal;
      current.level = requested >= logger.levelVal ? level : logger.level;
    },
    getLevel(): LogLevel {
      return toBoltLevel(current.levelVal, logger.levels.values);
    },
    setName(name: string): void {
      const level = current.level;
      current = logger.child({ name });
      current.level = level;
    },
  };
}

/** pino has trace (→ debug) and fatal/silent (→ error) that Bolt does not. */
function toBoltLevel(value: number, values: Record<string, number>): LogLevel {
  const order: BoltLevel[] = ['debug', 'info', 'warn', 'error'];
  const level = order.find((name) => value <= (values[name] ?? 0)) ?? 'error';
  return level as LogLevel;
}
