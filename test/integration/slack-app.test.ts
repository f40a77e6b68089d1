/**
 * @module test/integration/slack-app — the real app over HTTP: Bolt's receiver on a free port, its
 * Web API client pointed at the Slack stand-in, which sends correctly signed commands, events and
 * clicks and records every Web API call the app makes in answer.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/observability/logger.js';
import type { RecordedCall } from '../../src/playground/slack-stand-in/index.js';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../support/fake-openai-server.js';
import { buttonOf, visibleText } from '../support/slack-blocks.js';
import { startMentorApp, type MentorAppHarness } from '../support/mentor-app.js';

const GENERAL = 'C0GENERAL';
const RANDOM = 'C0RANDOM';
const BOT = 'U0MENTOR';

let dataDir: string;
let harness: MentorAppHarness;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'slack-app-'));
  // One worker slot keeps answers in arrival order, so "answered once" can be checked against a later question.
  harness = await startMentorApp({
    dataDir,
    env: {
      WORKER_CONCURRENCY: '1',
      RATE_LIMIT_USER_PER_MINUTE: '1000',
      RATE_LIMIT_CHANNEL_PER_MINUTE: '1000',
    },
  });
});

afterAll(async () => {
  await harness?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

beforeEach(() => harness.slack.clearCalls());

const posts = (predicate: (call: RecordedCall) => boolean = () => true) =>
  harness.slack.callsTo('chat.postMessage').filter(predicate);

const inThread = (channel: string, threadTs: string) => (call: RecordedCall) =>
  call.args.channel === channel && call.args.thread_ts === threadTs;

/** Asks a fresh question in #general and waits for its answer; earlier queued work is done by then. */
async function settle(target: MentorAppHarness = harness): Promise<void> {
  const { message } = await target.slack.postAsUser({
    channel: 'general',
    text: `<@${BOT}> how do I read a heap snapshot?`,
  });
  await target.slack.waitForCall('chat.postMessage', inThread(GENERAL, message.ts));
}

describe('Slack over HTTP', () => {
  it('answers the URL verification challenge', async () => {
    const response = await harness.slack.app.sendUrlVerification('challenge-7f3a');
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ challenge: 'challenge-7f3a' });
  });

  it('/ask-node: acks with an ephemeral thinking line, then posts the question and the cited answer', async () => {
    const { response } = await harness.slack.runSlashCommand({
      channel: GENERAL,
      command: '/ask-node',
      text: 'our api pod keeps getting OOMKilled, how do I find the leak?',
    });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(response.json)).toContain('Thinking about');

    const answer = await harness.slack.waitForCall(
      'chat.postMessage',
      (call) => call.args.channel === GENERAL,
    );
    const shown = visibleText(answer);
    expect(shown).toContain('<@U0ALICE>');
    expect(shown).toMatch(/heap snapshot/i);
    expect(shown).toMatch(/memory-leaks\.md/);
    expect(buttonOf(answer, 'feedback_up').value).toBeTruthy();
    expect(answer.response).toMatchObject({ ok: true });
  });

  it('/ask-node help, topics, tip and an empty command answer in the ack itself', async () => {
    const run = async (text: string) =>
      JSON.stringify(
        (await harness.slack.runSlashCommand({ channel: GENERAL, command: '/ask-node', text })).response.json,
      );
    const help = await run('help');
    expect(help).toContain('/ask-node topics');
    expect(await run('')).toBe(help);
    expect(await run('topics')).toMatch(/Playbooks I answer from.*Memory leaks/s);
    const tip = await run('tip');
    expect(tip).toContain('Tell me more');
    expect(tip).toContain('"response_type":"ephemeral"');
    expect(posts()).toEqual([]);
  });

  it('answers privately through response_url, with an invite hint, where it is not a member', async () => {
    const { responseUrl } = await harness.slack.runSlashCommand({
      channel: RANDOM,
      command: '/ask-node',
      text: 'should I use fastify or express for a new service?',
    });
    const reply = await harness.slack.waitForCall('response_url', (call) => call.responseUrl === responseUrl);
    const shown = JSON.stringify(reply.args);
    expect(shown).toContain('/invite');
    expect(shown).toMatch(/fastify/i);
    expect(harness.slack.callsTo('chat.postMessage').filter((call) => call.response.ok === true)).toEqual([]);
  });

  it('a mention gets 👀 and a threaded answer, once, though Slack sends message and app_mention', async () => {
    const { message, deliveries } = await harness.slack.postAsUser({
      channel: 'general',
      text: `<@${BOT}> my express app stalls under load and the event loop lag graph spikes`,
    });
    expect(
      deliveries.map((delivery) => delivery.body.event && (delivery.body.event as { type: string }).type),
    ).toEqual(expect.arrayContaining(['message', 'app_mention']));
    const answer = await harness.slack.waitForCall('chat.postMessage', inThread(GENERAL, message.ts));
    expect(visibleText(answer)).toMatch(/event loop/i);
    expect(harness.slack.callsTo('reactions.add')[0]?.args).toMatchObject({
      name: 'eyes',
      timestamp: message.ts,
    });
    await settle();
    expect(posts(inThread(GENERAL, message.ts))).toHaveLength(1);
  });

  it('answers a retried event once', async () => {
    const { message, deliveries } = await harness.slack.postAsUser({
      channel: 'general',
      text: `<@${BOT}> what does backpressure mean for streams?`,
    });
    await harness.slack.waitForCall('chat.postMessage', inThread(GENERAL, message.ts));
    for (const delivery of deliveries) {
      const retry = await harness.slack.redeliverEvent(delivery.id, { retryNum: 1 });
      expect(retry.response.status).toBe(200);
    }
    await settle();
    expect(posts(inThread(GENERAL, message.ts))).toHaveLength(1);
  });

  it('a follow-up mention in a thread reads the thread and answers about its subject', async () => {
    const { message: root } = await harness.slack.postAsUser({
      channel: 'general',
      text: `<@${BOT}> our worker's memory grows every hour until it restarts`,
    });
    await harness.slack.waitForCall('chat.postMessage', inThread(GENERAL, root.ts));
    harness.slack.clearCalls();
    await harness.slack.postAsUser({
      channel: 'general',
      thread_ts: root.ts,
      text: `<@${BOT}> and how do I fix it?`,
    });
    const followUp = await harness.slack.waitForCall(
      'chat.postMessage',
      (call) => inThread(GENERAL, root.ts)(call) && visibleText(call).includes('memory'),
    );
    expect(harness.slack.callsTo('conversations.replies')[0]?.args).toMatchObject({
      channel: GENERAL,
      ts: root.ts,
    });
    expect(visibleText(followUp)).toMatch(/memory-leaks\.md/);
  });

  it('answers a direct message in the DM', async () => {
    const dm = harness.slack.imChannel();
    const { message } = await harness.slack.postAsUser({
      channel: dm,
      text: 'how should I validate request bodies?',
    });
    const answer = await harness.slack.waitForCall('chat.postMessage', (call) => call.args.channel === dm);
    expect(visibleText(answer)).toMatch(/valid/i);
    expect(answer.args.thread_ts ?? message.ts).toBe(message.ts);
  });

  it('greets an assistant thread with suggested prompts, shows status while thinking, then answers', async () => {
    const thread = await harness.slack.startAssistantThread();
    const prompts = await harness.slack.waitForCall('assistant.threads.setSuggestedPrompts');
    expect(prompts.args).toMatchObject({ channel_id: thread.channel, thread_ts: thread.thread_ts });
    expect(JSON.stringify(prompts.args.prompts)).not.toBe('[]');
    await harness.slack.waitForCall('chat.postMessage', inThread(thread.channel, thread.thread_ts));
    harness.slack.clearCalls();
    const contextKey = `assistant-context:${thread.channel}:${thread.thread_ts}`;
    await vi.waitFor(async () => {
      const onDisk = JSON.parse(await readFile(path.join(dataDir, 'state.json'), 'utf8')) as {
        expiresAt: Record<string, string>;
      };
      const daysLeft = (Date.parse(onDisk.expiresAt[contextKey] ?? '') - Date.now()) / 86_400_000;
      expect(daysLeft).toBeGreaterThan(29);
      expect(daysLeft).toBeLessThanOrEqual(30);
    });

    await harness.slack.postAsUser({
      channel: thread.channel,
      thread_ts: thread.thread_ts,
      text: 'how do I shut down gracefully in kubernetes?',
    });
    const answer = await harness.slack.waitForCall(
      'chat.postMessage',
      inThread(thread.channel, thread.thread_ts),
    );
    expect(visibleText(answer)).toMatch(/SIGTERM/);
    const status = harness.slack.callsTo('assistant.threads.setStatus');
    expect(status.map((call) => call.args.status)).toContain('is thinking…');
  });

  it('records a 👍 once per person and message, and thanks the clicker', async () => {
    await harness.slack.runSlashCommand({
      channel: GENERAL,
      command: '/ask-node',
      text: 'how do I profile cpu usage?',
    });
    const answer = await harness.slack.waitForCall(
      'chat.postMessage',
      (call) => call.args.channel === GENERAL,
    );
    const up = buttonOf(answer, 'feedback_up');
    const before = Number((await harness.app.runtime.state.get('feedback:up')) ?? 0);
    for (let click = 0; click < 3; click += 1) {
      const { response } = await harness.slack.clickButton({
        channel: GENERAL,
        message_ts: String(answer.response.ts),
        action_id: up.action_id,
        value: up.value,
      });
      expect(response.status).toBe(200);
    }
    const thanks = await harness.slack.waitForCall('chat.postEphemeral');
    expect(thanks.args).toMatchObject({ user: 'U0ALICE', channel: GENERAL });
    await settle();
    expect(Number(await harness.app.runtime.state.get('feedback:up'))).toBe(before + 1);
    expect(harness.slack.callsTo('chat.postEphemeral')).toHaveLength(1);
  });

  it('refuses a bad signature or a stale timestamp with 401 and calls no Web API', async () => {
    const fields = {
      command: '/ask-node',
      text: 'what is the event loop?',
      channel_id: GENERAL,
      user_id: 'U0ALICE',
    };
    const forged = await harness.slack.app.sendSlashCommand(fields, { signature: 'v0=' + '0'.repeat(64) });
    const wrongSecret = await harness.slack.app.sendSlashCommand(fields, { signingSecret: 'not-the-secret' });
    const stale = await harness.slack.app.sendSlashCommand(fields, {
      timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect([forged.status, wrongSecret.status, stale.status]).toEqual([401, 401, 401]);
    expect(harness.slack.calls).toEqual([]);
    await settle();
  });

  it('answers a malformed body with 400 and keeps serving', async () => {
    const broken = await harness.slack.app.send({
      body: '{"type":"event_callback",',
      contentType: 'application/json',
    });
    expect(broken.status).toBe(400);
    const noPayload = await harness.slack.app.send({
      body: 'payload=%7Bnot-json',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(noPayload.status).toBe(400);
    expect(harness.slack.calls).toEqual([]);
    await settle();
  });

  it('serves health, readiness and metrics on the receiver port', async () => {
    const base = new URL(harness.urls.health ?? '').origin;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/slack_ack_latency_seconds_count\{kind="command"\} [1-9]/);
    expect(metrics).toMatch(/mentor_answer_latency_seconds_count\{surface="mention"\} [1-9]/);
    expect(metrics).toMatch(/mentor_retrieval_latency_seconds_count [1-9]/);
    expect(metrics).toMatch(/mentor_feedback_total\{vote="up"\} 1/);
  });
});

describe('rate limits and failures', () => {
  let limited: MentorAppHarness;
  const logLines: string[] = [];

  beforeAll(async () => {
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString());
        done();
      },
    });
    limited = await startMentorApp({
      dataDir,
      env: { RATE_LIMIT_USER_PER_MINUTE: '2', JOB_ATTEMPTS: '1' },
      logger: createLogger({ level: 'info', destination }),
    });
  });

  afterAll(async () => {
    await limited?.stop();
  });

  it('tells a user who asks too fast to wait, ephemerally, without queueing the question', async () => {
    const ask = () =>
      limited.slack.runSlashCommand({
        channel: GENERAL,
        command: '/ask-node',
        text: 'how do I use worker threads?',
      });
    const acks = [await ask(), await ask(), await ask()].map((run) => JSON.stringify(run.response.json));
    expect(acks.filter((ack) => ack.includes('Thinking about'))).toHaveLength(2);
    expect(acks[2]).toContain('try again in');
    expect(acks[2]).toContain('"response_type":"ephemeral"');
    await limited.slack.waitForCall('chat.postMessage');
    await vi.waitFor(() => expect(limited.slack.callsTo('chat.postMessage')).toHaveLength(2));
  });

  it('a failed answer gets a friendly message with a reference id that is also in the logs', async () => {
    const ask = vi
      .spyOn(limited.app.mentor, 'ask')
      .mockRejectedValue(new Error('model exploded with xoxb-123-secret'));
    try {
      const { message } = await limited.slack.postAsUser({
        user: 'U0BOB',
        channel: 'general',
        text: `<@${BOT}> why is my p99 latency so bad?`,
      });
      const notice = await limited.slack.waitForCall(
        'chat.postEphemeral',
        (call) => call.args.user === 'U0BOB' && call.args.thread_ts === message.ts,
      );
      const reference = /ref `?([A-Za-z0-9-]+)`?/.exec(visibleText(notice))?.[1];
      expect(reference).toBeTruthy();
      expect(visibleText(notice)).not.toContain('exploded');
      const logged = logLines.filter((line) => line.includes(String(reference)));
      expect(logged.join('')).toContain('model exploded');
      expect(logLines.join('')).not.toContain('xoxb-123-secret');
      expect(logLines.join('')).not.toContain(limited.slack.botToken);
    } finally {
      ask.mockRestore();
    }
  });
});

describe('tip of the day', () => {
  let tips: MentorAppHarness;

  beforeAll(async () => {
    tips = await startMentorApp({
      dataDir,
      env: { TIP_CHANNELS: GENERAL, TIP_SCHEDULE: '* * * * * *', WORKER_CONCURRENCY: '1' },
    });
  });

  afterAll(async () => {
    await tips?.stop();
  });

  const tipPosts = () =>
    tips.slack
      .callsTo('chat.postMessage')
      .filter((call) => call.args.channel === GENERAL && visibleText(call).includes('Tip of the day'));

  it('posts on the schedule and never repeats a tip, across a restart', async () => {
    await vi.waitFor(() => expect(tipPosts().length).toBeGreaterThanOrEqual(2), { timeout: 10_000 });
    tips = await tips.restart();
    const beforeRestart = tipPosts().length;
    await vi.waitFor(() => expect(tipPosts().length).toBeGreaterThanOrEqual(beforeRestart + 2), {
      timeout: 10_000,
    });
    const titles = tipPosts().map((call) => visibleText(call).split('\n')[0]);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it('"Tell me more" answers from the linked playbook in the tip thread, once for repeated clicks', async () => {
    const tip = tipPosts()[0];
    if (!tip) throw new Error('no tip was posted');
    const more = buttonOf(tip, 'tip_more');
    const tipTs = String(tip.response.ts);
    for (let click = 0; click < 3; click += 1) {
      await tips.slack.clickButton({
        channel: GENERAL,
        message_ts: tipTs,
        action_id: more.action_id,
        value: more.value,
      });
    }
    const answer = await tips.slack.waitForCall('chat.postMessage', inThread(GENERAL, tipTs));
    const playbook = String(more.value).split('#')[0] ?? '';
    expect(visibleText(answer)).toContain(path.basename(playbook));
    await settle(tips);
    expect(tips.slack.callsTo('chat.postMessage').filter(inThread(GENERAL, tipTs))).toHaveLength(1);
  });
});

/** The markdown a chat-streaming call carried, in either of the shapes Slack accepts. */
function streamedText(call: RecordedCall): string {
  const chunks = Array.isArray(call.args.chunks) ? (call.args.chunks as Array<{ text?: string }>) : [];
  return String(call.args.markdown_text ?? '') + chunks.map((chunk) => chunk.text ?? '').join('');
}

const padding = 'Retained size is what matters, not shallow size. '.repeat(12);

describe('with the LLM generator', () => {
  let llm: MentorAppHarness;
  let model: FakeOpenAIServer;

  beforeAll(async () => {
    model = await startFakeOpenAIServer({
      reply: {
        text: `Run \`node --inspect\` and take a heap snapshot in DevTools [1]. ${padding}Compare two snapshots [2].`,
      },
    });
    llm = await startMentorApp({
      dataDir,
      env: { ANSWER_PROVIDER: 'openai', OPENAI_BASE_URL: model.url, OPENAI_API_KEY: 'sk-test-key' },
    });
  });

  afterAll(async () => {
    await llm?.stop();
    await model?.close();
  });

  it('streams the answer into a DM with chat streaming and closes it with the sources', async () => {
    const dm = llm.slack.imChannel();
    const { message } = await llm.slack.postAsUser({ channel: dm, text: 'how do I find a memory leak?' });
    const stop = await llm.slack.waitForCall('chat.stopStream');
    const start = llm.slack.callsTo('chat.startStream')[0];
    expect(start?.args).toMatchObject({ channel: dm, thread_ts: message.ts, recipient_user_id: 'U0ALICE' });
    const appends = llm.slack.callsTo('chat.appendStream');
    // The Web API client sends a few hundred characters per call; this answer takes start, append and stop.
    expect(appends.length).toBeGreaterThanOrEqual(1);
    const streamed = [start, ...appends, stop].map((call) => (call ? streamedText(call) : '')).join('');
    expect(streamed).toContain('take a heap snapshot in DevTools');
    expect(streamed).toContain('Compare two snapshots');
    expect(JSON.stringify(stop.args.blocks)).toMatch(/memory-leaks\.md/);
    const [request] = model.chatRequests();
    expect(JSON.stringify(request?.body)).toContain('how do I find a memory leak?');
    expect(request?.headers.authorization).toBe('Bearer sk-test-key');
  });

  it('posts one message for a mention, not a stream', async () => {
    llm.slack.clearCalls();
    const { message } = await llm.slack.postAsUser({
      channel: 'general',
      text: `<@${BOT}> where do I start with a memory leak?`,
    });
    const answer = await llm.slack.waitForCall('chat.postMessage', inThread(GENERAL, message.ts));
    expect(visibleText(answer)).toContain('take a heap snapshot in DevTools');
    expect(llm.slack.callsTo('chat.startStream')).toEqual([]);
  });
});
