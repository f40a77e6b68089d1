/**
 * @module test/integration/slack-socket-mode — the real app over Socket Mode (`SLACK_APP_TOKEN`):
 * Bolt's Socket Mode client opens its connection through `apps.connections.open` on the stand-in's
 * Web API, receives commands, events and clicks as envelopes on the WebSocket and acknowledges
 * them there; answers go out through the Web API as over HTTP.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type MentorApp } from '../../src/app/create-app.js';
import { loadConfig } from '../../src/config/index.js';
import { createSlackStandIn } from '../../src/playground/slack-stand-in/index.js';
import { buttonOf, visibleText } from '../support/slack-blocks.js';

const root = path.resolve(import.meta.dirname, '../..');
const slack = createSlackStandIn();
let app: MentorApp;
let dataDir: string;
let healthPort: number;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'socket-mode-'));
  healthPort = await freePort();
  const config = loadConfig(
    {
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_APP_TOKEN: slack.appToken,
      SLACK_API_URL: await slack.start(),
      PORT: String(healthPort),
      MENTOR_DATA_DIR: dataDir,
      MENTOR_KNOWLEDGE_DIR: path.join(root, 'knowledge'),
      MENTOR_PERSONAS_DIR: path.join(root, 'personas'),
      LOG_LEVEL: 'silent',
    },
    { cwd: root, dotenv: false },
  );
  app = await createApp(config, { slackClientOptions: { retryConfig: { retries: 0 } } });
  await app.start();
  await slack.waitForSocketMode();
});

afterAll(async () => {
  await app?.stop();
  await slack.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('Socket Mode', () => {
  it('opens its connection with the app-level token through SLACK_API_URL', () => {
    const [open] = slack.callsTo('apps.connections.open');
    expect(open?.response).toMatchObject({ ok: true });
    expect(String(open?.response.url)).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/socket-mode\?ticket=/);
  });

  it('keeps the two tokens apart, as Slack does', async () => {
    const call = async (method: string, token: string) => {
      const response = await fetch(`${slack.apiUrl}${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ channel: 'C0GENERAL', text: 'hi' }),
      });
      return ((await response.json()) as { error?: string }).error;
    };
    expect(await call('chat.postMessage', slack.appToken)).toBe('not_allowed_token_type');
    expect(await call('apps.connections.open', slack.botToken)).toBe('not_allowed_token_type');
    expect(await call('apps.connections.open', 'xapp-forged')).toBe('invalid_auth');
    slack.clearCalls();
  });

  it('acks /ask-node on the socket with the thinking line, then posts the answer', async () => {
    const { response } = await slack.runSlashCommand({
      channel: 'C0GENERAL',
      command: '/ask-node',
      text: 'our api pod keeps getting OOMKilled, how do I find the leak?',
    });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(response.json)).toContain('Thinking about');
    const answer = await slack.waitForCall('chat.postMessage', (call) => call.args.channel === 'C0GENERAL');
    expect(visibleText(answer)).toMatch(/memory-leaks\.md/);

    const up = buttonOf(answer, 'feedback_up');
    await slack.clickButton({
      channel: 'C0GENERAL',
      message_ts: String(answer.response.ts),
      action_id: up.action_id,
      value: up.value,
    });
    const thanks = await slack.waitForCall('chat.postEphemeral');
    expect(visibleText(thanks)).toContain('Thanks for the 👍');
  });

  it('answers a mention in its thread, once, for a retried envelope', async () => {
    const { message, deliveries } = await slack.postAsUser({
      channel: 'general',
      text: '<@U0MENTOR> why does my event loop lag under load?',
    });
    const inThread = (call: { args: Record<string, unknown> }) => call.args.thread_ts === message.ts;
    await slack.waitForCall('chat.postMessage', inThread);
    for (const delivery of deliveries) await slack.redeliverEvent(delivery.id, { retryNum: 1 });
    const { message: later } = await slack.postAsUser({
      channel: 'general',
      text: '<@U0MENTOR> what is backpressure?',
    });
    await slack.waitForCall('chat.postMessage', (call) => call.args.thread_ts === later.ts);
    expect(slack.callsTo('chat.postMessage').filter(inThread)).toHaveLength(1);
  });

  it('serves health on PORT beside the socket', async () => {
    expect((await fetch(`http://127.0.0.1:${healthPort}/healthz`)).status).toBe(200);
  });
});
