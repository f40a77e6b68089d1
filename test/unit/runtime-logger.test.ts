import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { RuntimeLogger } from '../../src/runtime/logger.js';
import { asError } from '../../src/runtime/logger.js';
import { backoffDelayMs } from '../../src/runtime/queue.js';

describe('RuntimeLogger', () => {
  it('is satisfied by a pino logger, which logs details and message', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        lines.push(chunk.toString());
        callback();
      },
    });
    const logger: RuntimeLogger = pino({ base: undefined }, destination);
    logger.warn({ url: 'redis://:***@cache:6379' }, 'runtime: lost the connection to Redis; retrying');
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      level: 40,
      url: 'redis://:***@cache:6379',
      msg: 'runtime: lost the connection to Redis; retrying',
    });
  });

  it('asError keeps errors and wraps anything else', () => {
    const error = new Error('boom');
    expect(asError(error)).toBe(error);
    expect(asError('text')).toEqual(new Error('text'));
  });
});

describe('backoffDelayMs', () => {
  it('doubles the delay for each failed attempt', () => {
    expect([1, 2, 3, 4].map((failed) => backoffDelayMs(500, failed))).toEqual([500, 1_000, 2_000, 4_000]);
  });
});
