import { describe, expect, it } from 'vitest';
import { redactUrl } from '../../src/runtime/redact-url.js';

describe('redactUrl', () => {
  it('replaces the password and keeps host, port, user and database', () => {
    expect(redactUrl('redis://:hunter2@cache.internal:6380/2')).toBe('redis://:***@cache.internal:6380/2');
    expect(redactUrl('rediss://mentor:p%40ss@cache:6379')).toBe('rediss://mentor:***@cache:6379');
  });

  it('leaves a URL without a password as it is', () => {
    expect(redactUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
    expect(redactUrl('redis://mentor@cache:6379')).toBe('redis://mentor@cache:6379');
  });

  it('masks credentials even in a URL it cannot parse', () => {
    const redacted = redactUrl('redis://user:secret@[bad-host:6379');
    expect(redacted).not.toContain('secret');
    expect(redacted).toContain('***@');
  });
});
