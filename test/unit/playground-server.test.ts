/**
 * @module test/unit/playground-server — the playground page server over a real Slack stand-in and a
 * tiny Bolt app: static files under a strict CSP, request validation (bad JSON, oversized, missing
 * fields, too-long messages), Slack-like composer behaviour (unknown and in-thread slash commands,
 * `@mentor` → a real mention, `<script>` escaped), the SSE change feed, and the Host/Origin checks.
 */
import type { App } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBoltOnStandIn } from '../support/stand-in-bolt-app.js';
import { createPlaygroundServer } from '../../src/playground/page/index.js';
import { createSlackStandIn, type StandInChange } from '../../src/playground/slack-stand-in/index.js';

const slack = createSlackStandIn();
const tipCalls: number[] = [];
const page = createPlaygroundServer({
  standIn: slack,
  port: 0,
  heartbeatMs: 50,
  postTip: async () => {
    tipCalls.push(Date.now());
    return [{ channel: 'C0GENERAL' }];
  },
});
let app: App;
let baseUrl: string;
const mentions: string[] = [];
const clicks: string[] = [];

beforeAll(async () => {
  app = await startBoltOnStandIn(slack, (bolt) => {
    bolt.command('/ask-node', async ({ ack, command }) => {
      await ack({ response_type: 'ephemeral', text: `Thinking about ${command.text}…` });
    });
    bolt.event('app_mention', async ({ event }) => {
      mentions.push(event.text);
    });
    bolt.message(async () => {});
    bolt.action('tip_more', async ({ ack, action }) => {
      await ack();
      clicks.push((action as { value?: string }).value ?? '');
    });
  });
  baseUrl = await page.start();
});
afterAll(async () => {
  await page.stop();
  await app.stop();
  await slack.stop();
});
beforeEach(() => {
  slack.reset();
  mentions.length = 0;
  clicks.length = 0;
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const errorOf = async (response: Response) => ((await response.json()) as { error: string }).error;
const state = async () =>
  (await (await fetch(`${baseUrl}/api/state`)).json()) as ReturnType<typeof slack.snapshot>;

/** Reads the SSE stream until `predicate` matches a change (or times out). */
async function nextChange(predicate: (change: StandInChange) => boolean, trigger: () => Promise<unknown>) {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/api/events`, { signal: controller.signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const found = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('event stream ended');
      buffer += value;
      for (const line of buffer.split('\n')) {
        if (!line.startsWith('data: ')) continue;
        const change = JSON.parse(line.slice(6)) as StandInChange;
        if (predicate(change)) return { change, raw: buffer };
      }
    }
  })();
  await trigger();
  try {
    return await found;
  } finally {
    controller.abort();
  }
}

describe('the page', () => {
  it('serves the HTML, script and styles with a strict CSP and nosniff', async () => {
    const html = await fetch(`${baseUrl}/`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = html.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(html.headers.get('x-content-type-options')).toBe('nosniff');
    const body = await html.text();
    expect(body).toContain('<script type="module" src="/app.js">');
    expect(body).not.toMatch(/<script>(?!<\/script>)|\son\w+=/);
    const script = await fetch(`${baseUrl}/app.js`);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await fetch(`${baseUrl}/app.css`)).headers.get('content-type')).toMatch(/^text\/css/);
    expect((await fetch(`${baseUrl}/missing.js`)).status).toBe(404);
  });

  it('returns the workspace state', async () => {
    const snapshot = await state();
    expect(snapshot.channels.map((channel) => channel.name)).toEqual(
      expect.arrayContaining(['general', 'random', 'mentor-lab']),
    );
    expect(snapshot.bot.userId).toBe('U0MENTOR');
  });
});

describe('request validation', () => {
  it('answers 400 for a body that is not JSON, or not an object', async () => {
    const broken = await post('/api/send', '{"channel": ');
    expect(broken.status).toBe(400);
    expect(await errorOf(broken)).toMatch(/not valid JSON/);
    expect((await post('/api/send', '[1, 2]')).status).toBe(400);
  });

  it('answers 415 for a body that is not sent as JSON', async () => {
    const form = await post('/api/send', 'channel=general', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(415);
  });

  it('answers 413 for a body over 64 KB', async () => {
    const response = await post('/api/send', { channel: 'general', text: 'x'.repeat(70 * 1024) });
    expect(response.status).toBe(413);
    expect(await errorOf(response)).toMatch(/too large/);
  });

  it('names a missing or mistyped field', async () => {
    const missing = await post('/api/send', { text: 'hi' });
    expect(missing.status).toBe(400);
    expect(await errorOf(missing)).toMatch(/"channel" is required/);
    const mistyped = await post('/api/send', { channel: 'general', text: 'hi', thread_ts: 5 });
    expect(await errorOf(mistyped)).toMatch(/"thread_ts" must be a string/);
    const click = await post('/api/click', { channel: 'general', message_ts: '1.2' });
    expect(await errorOf(click)).toMatch(/"action_id" is required/);
  });

  it('refuses a message over 40,000 characters, as Slack does', async () => {
    const response = await post('/api/send', { channel: 'general', text: 'a'.repeat(40_001) });
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatch(/message too long/);
    expect(slack.history('general')).toHaveLength(0);
  });

  it('answers 400 for an unknown channel or thread', async () => {
    expect(await errorOf(await post('/api/send', { channel: 'nope', text: 'hi' }))).toMatch(
      /no channel "nope"/,
    );
    const thread = await post('/api/send', { channel: 'general', text: 'hi', thread_ts: '123.456' });
    expect(thread.status).toBe(400);
  });
});

describe('the composer, as Slack', () => {
  it('answers an unknown slash command with Slackbot’s ephemeral error, without calling the app', async () => {
    const response = await post('/api/send', { channel: 'general', text: '/foo bar' });
    expect(response.status).toBe(200);
    const { result } = (await response.json()) as { result: { kind: string; text: string } };
    expect(result.kind).toBe('slackbot');
    expect(result.text).toMatch(
      /^\/foo is not a valid command\. In Slack, messages starting with \/ are commands/,
    );
    const ephemerals = (await state()).ephemerals;
    expect(ephemerals).toEqual([
      expect.objectContaining({ channel: 'C0GENERAL', recipient: 'U0ALICE', source: 'playground' }),
    ]);
    expect(slack.deliveries).toHaveLength(0);
  });

  it('refuses a slash command in a thread, like Slack', async () => {
    const parent = await slack.postAsUser({ channel: 'general', text: 'parent', deliver: false });
    const response = await post('/api/send', {
      channel: 'general',
      text: '/ask-node hi',
      thread_ts: parent.message.ts,
    });
    const { result } = (await response.json()) as { result: { text: string } };
    expect(result.text).toBe('/ask-node is not supported in threads. Sorry!');
  });

  it('runs a known command and shows its immediate reply to the user only', async () => {
    await post('/api/send', { channel: 'general', text: '/ask-node what is <libuv>?' });
    expect(slack.deliveries[0]?.body).toMatchObject({ command: '/ask-node', text: 'what is &lt;libuv&gt;?' });
    expect(slack.ephemerals('U0ALICE')).toEqual([
      expect.objectContaining({
        source: 'response_url',
        message: expect.objectContaining({ text: 'Thinking about what is &lt;libuv&gt;?…' }),
      }),
    ]);
  });

  it('turns @mentor into a mention (app_mention) and escapes HTML like Slack', async () => {
    await post('/api/send', {
      channel: 'general',
      text: '@mentor is <script>alert(1)</script> & co safe? cc @bob',
    });
    expect(mentions).toEqual([
      '<@U0MENTOR> is &lt;script&gt;alert(1)&lt;/script&gt; &amp; co safe? cc <@U0BOB>',
    ]);
    await post('/api/send', { channel: 'general', text: '@Node Mentor hello, me@mentor.dev' });
    expect(mentions[1]).toBe('<@U0MENTOR> hello, me@mentor.dev');
  });

  it('tells you when you mention the app in a channel it is not in', async () => {
    await post('/api/send', { channel: 'random', text: '@mentor hello?' });
    const [entry] = (await state()).ephemerals;
    expect(entry?.message.text).toMatch(/You mentioned @node-mentor, but they're not in this channel/);
    expect(mentions).toHaveLength(0);
  });

  it('clicks a button, starts an assistant thread and posts the tip', async () => {
    const posted = await slack.postAsUser({ channel: 'general', text: 'seed', deliver: false });
    const blocks = [
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: 'tip_more',
            text: { type: 'plain_text', text: 'Tell me more' },
            value: 'streams#backpressure',
          },
        ],
      },
    ];
    const response = await fetch(`${slack.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${slack.botToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'C0GENERAL', text: 'tip', blocks, thread_ts: posted.message.ts }),
    });
    const { ts } = (await response.json()) as { ts: string };
    const click = await post('/api/click', { channel: 'C0GENERAL', message_ts: ts, action_id: 'tip_more' });
    expect(await click.json()).toEqual({ ok: true, status: 200 });
    expect(clicks).toEqual(['streams#backpressure']);

    const missing = await post('/api/click', { channel: 'C0GENERAL', message_ts: ts, action_id: 'nope' });
    expect(missing.status).toBe(400);

    const assistant = (await (await post('/api/assistant', {})).json()) as {
      channel: string;
      thread_ts: string;
    };
    expect(assistant.channel).toBe('D0DEFAULT');
    expect(assistant.thread_ts).toMatch(/^\d+\.\d{6}$/);

    const tip = (await (await post('/api/tip', {})).json()) as { result: unknown };
    expect(tip.result).toEqual([{ channel: 'C0GENERAL' }]);
    expect(tipCalls.length).toBeGreaterThan(0);
  });
});

describe('the live change stream', () => {
  it('streams the stand-in’s changes as SSE data lines, with heartbeats', async () => {
    const { change, raw } = await nextChange(
      (candidate) => candidate.type === 'message',
      () => post('/api/send', { channel: 'general', text: 'hello' }),
    );
    expect(change).toMatchObject({
      type: 'message',
      channel: 'C0GENERAL',
      message: { text: 'hello', user: 'U0ALICE' },
    });
    expect(raw).not.toContain('"api_call"');
    const { raw: later } = await nextChange(
      (candidate) => candidate.type === 'ephemeral',
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 120));
        await post('/api/send', { channel: 'general', text: '/nope' });
      },
    );
    expect(later).toContain(': heartbeat');
  });
});

describe('other sites', () => {
  it('refuses a cross-origin POST and an unexpected Host header', async () => {
    const crossSite = await post(
      '/api/send',
      { channel: 'general', text: 'hi' },
      { origin: 'https://evil.example' },
    );
    expect(crossSite.status).toBe(403);
    const sameSite = await post('/api/send', { channel: 'general', text: 'hi' }, { origin: baseUrl });
    expect(sameSite.status).toBe(200);
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL(baseUrl);
      request(
        { host: '127.0.0.1', port: url.port, path: '/api/state', headers: { host: 'evil.example' } },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      )
        .on('error', reject)
        .end();
    });
    expect(status).toBe(403);
  });
});
