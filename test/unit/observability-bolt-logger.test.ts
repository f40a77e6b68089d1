import { Writable } from 'node:stream';
import { LogLevel } from '@slack/bolt';
import type { Logger as BoltLogger } from '@slack/bolt';
import type { LevelWithSilent } from 'pino';
import { describe, expect, it } from 'vitest';
import { createBoltLogger, createLogger } from '../../src/observability/index.js';

function capture(level: LevelWithSilent = 'debug') {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      callback();
    },
  });
  const logger = createLogger({ level, destination, base: {} });
  const records = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, records };
}

describe('createBoltLogger', () => {
  it('writes Bolt messages as one formatted pino line named bolt', () => {
    const { logger, records } = capture();
    const bolt: BoltLogger = createBoltLogger(logger);
    bolt.info('listening on port', 3000, { path: '/slack/events' });
    bolt.warn('slow ack');
    expect(records()).toMatchObject([
      { level: 30, name: 'bolt', msg: "listening on port 3000 { path: '/slack/events' }" },
      { level: 40, name: 'bolt', msg: 'slow ack' },
    ]);
  });

  it('puts an Error in err with its stack, and redacts tokens in it', () => {
    const { logger, records } = capture();
    createBoltLogger(logger).error(
      'An API error occurred:',
      new Error('invalid_auth for xoxb-1-2-secretvalue'),
    );
    const [record] = records();
    expect(record?.msg).toBe('An API error occurred:');
    const err = record?.err as { message: string; stack: string; type: string };
    expect(err.type).toBe('Error');
    expect(err.message).toBe('invalid_auth for xoxb-***');
    expect(err.stack).toContain('observability-bolt-logger.test.ts');
    expect(JSON.stringify(record)).not.toContain('secretvalue');
  });

  it('uses the error message when the Error is the only argument', () => {
    const { logger, records } = capture();
    createBoltLogger(logger).error(new Error('boom'));
    expect(records()[0]).toMatchObject({ level: 50, msg: 'boom', err: { message: 'boom' } });
  });

  it('narrows its level with setLevel but never below the service level', () => {
    const { logger, records } = capture('info');
    const bolt = createBoltLogger(logger);
    expect(bolt.getLevel()).toBe(LogLevel.INFO);
    bolt.setLevel(LogLevel.DEBUG);
    bolt.debug('hidden: the service logs from info');
    expect(bolt.getLevel()).toBe(LogLevel.INFO);
    bolt.setLevel(LogLevel.WARN);
    bolt.info('hidden: Bolt asked for warn');
    bolt.warn('shown');
    expect(bolt.getLevel()).toBe(LogLevel.WARN);
    expect(records().map((record) => record.msg)).toEqual(['shown']);
    logger.info('the service logger keeps its own level');
    expect(records()).toHaveLength(2);
  });

  it('maps pino levels Bolt does not have', () => {
    expect(createBoltLogger(capture('trace').logger).getLevel()).toBe(LogLevel.DEBUG);
    expect(createBoltLogger(capture('fatal').logger).getLevel()).toBe(LogLevel.ERROR);
    expect(createBoltLogger(capture('silent').logger).getLevel()).toBe(LogLevel.ERROR);
  });

  it('renames its lines with setName and keeps the level', () => {
    const { logger, records } = capture();
    const bolt = createBoltLogger(logger, { name: 'bolt-app' });
    bolt.setLevel(LogLevel.WARN);
    bolt.setName('web-api');
    bolt.info('hidden');
    bolt.warn('renamed');
    expect(records()).toMatchObject([{ name: 'web-api', msg: 'renamed' }]);
  });
});
