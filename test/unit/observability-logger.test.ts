import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redactSecrets } from '../../src/observability/index.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      callback();
    },
  });
  const logger = createLogger({ level: 'debug', destination });
  return { logger, lines, records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

const BOT_TOKEN = 'xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp';
const APP_TOKEN = 'xapp-1-A0123456789-1234567890-abcdef0123456789';
const OPENAI_KEY = 'sk-proj-Ab3dEf6hIj9lMn2pQr5tUv8x';
const REDIS_PASSWORD = 'hunter2-Secret';

describe('createLogger redaction', () => {
  it('masks a bot token, an authorization header, an OpenAI key and a Redis password in the JSON output', () => {
    const { logger, lines, records } = capture();
    logger.info({ token: BOT_TOKEN }, 'posting');
    logger.info({ request: { headers: { authorization: `Bearer ${BOT_TOKEN}` } } }, 'calling Slack');
    logger.info({ config: { openai: { apiKey: OPENAI_KEY, model: 'gpt-4o-mini' } } }, 'provider ready');
    logger.warn({ url: `redis://mentor:${REDIS_PASSWORD}@cache:6379/0` }, 'lost Redis');
    const output = lines.join('\n');
    for (const secret of [BOT_TOKEN, OPENAI_KEY, REDIS_PASSWORD, '1234567890-0987654321']) {
      expect(output).not.toContain(secret);
    }
    const [token, headers, provider, redis] = records();
    expect(token?.token).toBe('[redacted]');
    expect(headers?.request).toEqual({ headers: { authorization: '[redacted]' } });
    expect(provider?.config).toEqual({ openai: { apiKey: 'sk-***', model: 'gpt-4o-mini' } });
    expect(redis?.url).toBe('redis://mentor:***@cache:6379/0');
  });

  it('masks secrets inside messages, error messages and stacks, and child bindings', () => {
    const { logger, lines, records } = capture();
    logger.error({ err: new Error(`auth failed for ${BOT_TOKEN}`) }, `retrying with ${APP_TOKEN}`);
    logger.child({ connection: `rediss://:${REDIS_PASSWORD}@redis.internal:6380` }).info('connected');
    logger.info(`header was Authorization: Bearer abcdefghijklmnop and key ${OPENAI_KEY}`);
    const output = lines.join('\n');
    for (const secret of [BOT_TOKEN, APP_TOKEN, OPENAI_KEY, REDIS_PASSWORD, 'abcdefghijklmnop']) {
      expect(output).not.toContain(secret);
    }
    const [failure, child, message] = records();
    expect(failure?.msg).toBe('retrying with xapp-***');
    expect((failure?.err as { message: string }).message).toBe('auth failed for xoxb-***');
    expect(child?.connection).toBe('rediss://:***@redis.internal:6380');
    expect(message?.msg).toBe('header was Authorization: Bearer *** and key sk-***');
  });

  it('keeps ordinary fields and levels', () => {
    const { logger, records } = capture();
    logger.debug({ channel: 'C123', durationMs: 12 }, 'answered');
    expect(records()[0]).toMatchObject({ level: 20, channel: 'C123', durationMs: 12, msg: 'answered' });
  });
});

describe('redactSecrets', () => {
  it.each([
    ['xoxb-123-456-abc', 'xoxb-***'],
    ['user token xoxp-1-2-3-zz and refresh xoxe-1-abc', 'user token xoxp-*** and refresh xoxe-***'],
    ['xapp-1-A1-2-ff', 'xapp-***'],
    ['key=sk-abcdefghijklmnop1234', 'key=sk-***'],
    ['Authorization: bearer abc.def.ghi-123', 'Authorization: bearer ***'],
    ['Basic dXNlcjpwYXNzd29yZA==', 'Basic ***'],
    ['redis://:pa55word@cache:6379', 'redis://:***@cache:6379'],
    ['postgres://app:p%40ss@db/mentor', 'postgres://app:***@db/mentor'],
    ['"url":"redis://u:a\\"b@h"', '"url":"redis://u:***@h"'],
  ])('masks %s', (text, expected) => {
    expect(redactSecrets(text)).toBe(expected);
  });

  it.each([
    'expected a bot token starting with xoxb- (OAuth & Permissions page)',
    'a risk-free task-runner and sk-short',
    'redis://cache:6379/0 and https://nodejs.org/api/',
    'Bearer tokens are short',
  ])('leaves %s alone', (text) => {
    expect(redactSecrets(text)).toBe(text);
  });
});
