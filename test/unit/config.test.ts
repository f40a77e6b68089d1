import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { MentorError } from '../../src/errors.js';

const load = (env: NodeJS.ProcessEnv) => loadConfig(env, { dotenv: false, cwd: '/srv/mentor' });

function failure(env: NodeJS.ProcessEnv): MentorError {
  try {
    load(env);
  } catch (error) {
    if (error instanceof MentorError) return error;
  }
  throw new Error('expected a config error');
}

describe('loadConfig', () => {
  it('needs nothing: local embedder, offline answers, playground, in-process runtime', () => {
    const config = load({});
    expect(config).toMatchObject({
      knowledgeDir: '/srv/mentor/knowledge',
      dataDir: '/srv/mentor/.data',
      embeddings: { provider: 'local' },
      answer: { provider: 'offline' },
      slack: { mode: 'playground', port: 3000 },
      redis: { url: undefined },
      role: 'all',
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.slack)).toBe(true);
  });

  it('picks the Slack transport from the credentials', () => {
    expect(load({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).slack.mode).toBe('http');
    expect(load({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).slack.mode).toBe('socket');
  });

  it('names every bad variable in one error, without echoing values', () => {
    const error = failure({
      PORT: 'eighty',
      ANSWER_PROVIDER: 'gpt',
      SLACK_BOT_TOKEN: 'xoxp-secret-user-token',
      TIP_TIMEZONE: 'Mars/Olympus',
      REDIS_URL: 'not a url',
    });
    expect(error.code).toBe('config_invalid');
    for (const name of ['PORT', 'ANSWER_PROVIDER', 'SLACK_BOT_TOKEN', 'TIP_TIMEZONE', 'REDIS_URL']) {
      expect(error.message).toContain(name);
    }
    expect(error.message).toContain('5 invalid settings');
    expect(error.message).not.toContain('xoxp-secret-user-token');
  });

  it('checks settings that depend on each other', () => {
    expect(failure({ ANSWER_PROVIDER: 'openai' }).message).toMatch(/OPENAI_API_KEY: required/);
    expect(failure({ SLACK_BOT_TOKEN: 'xoxb-1' }).message).toMatch(/SLACK_SIGNING_SECRET: required/);
    expect(failure({ MENTOR_ROLE: 'worker' }).message).toMatch(/MENTOR_ROLE: "worker" needs REDIS_URL/);
  });

  it('reads .env, with the real environment winning', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'mentor-config-'));
    try {
      await writeFile(path.join(directory, '.env'), 'PORT=4100\nLOG_LEVEL=debug\n');
      const config = loadConfig({ LOG_LEVEL: 'warn' }, { cwd: directory });
      expect(config.slack.port).toBe(4100);
      expect(config.logLevel).toBe('warn');
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
