/**
 * @module test/integration/slack-stand-in-app — a real Bolt app (HTTP receiver, port 0) wired to the
 * stand-in: signed slash commands, events and block actions reach its listeners, bad or stale
 * signatures get 401, and the simulated user's actions produce the events Slack would send.
 */
import { Assistant, type App, type SlashCommand } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startBoltOnStandIn } from '../support/stand-in-bolt-app.js';
import { createSlackStandIn } from '../../src/playground/slack-stand-in/index.js';

const slack = createSlackStandIn();
let app: App;
const commands: SlashCommand[] = [];
const events: Array<{
  type: string;
  eventId: string;
  channelType?: string;
  ts?: string;
  retryNum?: number;
  retryReason?: string;
}> = [];
const actions: Array<Record<string, unknown>> = [];
const tellMeMore = {
  type: 'button',
  action_id: 'tell_me_more',
  text: { type: 'plain_text', text: 'Tell me more' },
  value: 'streams',
} as const;

function registerListeners(target: App): void {
  target.use(async ({ body, context, next }) => {
    const envelope = body as {
      event_id?: string;
      event?: { type: string; channel_type?: string; ts?: string };
    };
    if (envelope.event && envelope.event_id) {
      const { type, channel_type: channelType, ts } = envelope.event;
      events.push({
        type,
        eventId: envelope.event_id,
        channelType,
        ts,
        retryNum: context.retryNum,
        retryReason: context.retryReason,
      });
    }
    await next();
  });
  target.command('/ask-node', async ({ command, ack, respond }) => {
    await ack();
    commands.push(command);
    const inChannel = command.text === 'share';
    await respond({ response_type: inChannel ? 'in_channel' : 'ephemeral', text: `Answer: ${command.text}` });
  });
  target.event('app_mention', async ({ event, say, sayStream }) => {
    if (!event.text.includes('stream')) {
      await say({ text: 'Answer in thread', thread_ts: event.thread_ts ?? event.ts });
      return;
    }
    const streamer = sayStream();
    await streamer.append({ markdown_text: 'Streaming answer' });
    await streamer.stop();
  });
  target.message(async () => {});
  target.action('tell_me_more', async ({ ack, body, respond }) => {
    await ack();
    actions.push(body as unknown as Record<string, unknown>);
    await respond({ replace_original: true, text: 'More about streams' });
  });
  target.assistant(
    new Assistant({
      threadStarted: async ({ say, setSuggestedPrompts }) => {
        await say('Hi! Ask me about Node.js.');
        await setSuggestedPrompts({
          title: 'Try',
          prompts: [{ title: 'Streams', message: 'What is backpressure?' }],
        });
      },
      userMessage: async ({ message, say, setStatus }) => {
        await setStatus('is thinking…');
        await say(`Answer: ${'text' in message ? message.text : ''}`);
      },
    }),
  );
}

beforeAll(async () => {
  app = await startBoltOnStandIn(slack, registerListeners);
});
afterAll(async () => {
  await app.stop();
  await slack.stop();
});
beforeEach(() => {
  slack.reset();
  commands.length = 0;
  events.length = 0;
  actions.length = 0;
});

describe('signed requests', () => {
  it('delivers a slash command with Slack’s fields, and respond() lands as an ephemeral message', async () => {
    const run = await slack.runSlashCommand({
      channel: 'general',
      command: '/ask-node',
      text: 'what is libuv?',
    });
    expect(run.response.status).toBe(200);
    await vi.waitFor(() => expect(commands).toHaveLength(1));
    expect(commands).toEqual([
      expect.objectContaining({
        command: '/ask-node',
        text: 'what is libuv?',
        user_id: 'U0ALICE',
        channel_id: 'C0GENERAL',
        team_id: 'T0STANDIN',
        response_url: run.responseUrl,
      }),
    ]);
    const respond = await slack.waitForCall('response_url');
    expect(respond).toMatchObject({
      responseUrl: run.responseUrl,
      args: { text: 'Answer: what is libuv?' },
      response: { ok: true },
    });
    expect(slack.ephemerals('U0ALICE')).toMatchObject([
      { channel: 'C0GENERAL', source: 'response_url', message: { text: 'Answer: what is libuv?' } },
    ]);
    expect(slack.history('general')).toEqual([]);
  });

  it('posts an in_channel response as a bot message in the channel', async () => {
    await slack.runSlashCommand({ channel: 'random', command: 'ask-node', text: 'share' });
    await slack.waitForCall('response_url');
    expect(slack.history('random')).toMatchObject([{ text: 'Answer: share', bot_id: 'B0MENTOR' }]);
  });

  it('gets 401 for a bad signature or a stale timestamp, and the listener never runs', async () => {
    const fields = {
      command: '/ask-node',
      text: 'forged',
      user_id: 'U0ALICE',
      channel_id: 'C0GENERAL',
      team_id: 'T0STANDIN',
    };
    expect((await slack.app.sendSlashCommand(fields, { signingSecret: 'not-the-secret' })).status).toBe(401);
    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;
    expect((await slack.app.sendSlashCommand(fields, { timestamp: tenMinutesAgo })).status).toBe(401);
    expect((await slack.app.sendSlashCommand(fields, { signature: 'v0=00' })).status).toBe(401);
    expect(commands).toEqual([]);
  });

  it('lets a response_url be used five times, like Slack', async () => {
    const run = await slack.runSlashCommand({ channel: 'general', command: '/ask-node', text: 'hi' });
    await slack.waitForCall('response_url');
    const post = () =>
      fetch(run.responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'again' }),
      });
    const statuses = [];
    for (let count = 0; count < 5; count += 1) statuses.push((await post()).status);
    expect(statuses).toEqual([200, 200, 200, 200, 404]);
    expect(slack.ephemerals('U0ALICE')).toHaveLength(5);
  });

  it('answers url_verification with the challenge', async () => {
    const response = await slack.app.sendUrlVerification('challenge-123');
    expect(response).toMatchObject({ status: 200, json: { challenge: 'challenge-123' } });
  });

  it('sends a retry with the same event id and the retry headers Bolt reads', async () => {
    const { deliveries } = await slack.postAsUser({ channel: slack.imChannel(), text: 'hello' });
    const eventId = deliveries[0]?.id ?? '';
    await slack.redeliverEvent(eventId, { retryNum: 2, retryReason: 'http_error' });
    await vi.waitFor(() => expect(events).toHaveLength(2));
    expect(events).toEqual([
      expect.objectContaining({ eventId, retryNum: undefined }),
      expect.objectContaining({ eventId, retryNum: 2, retryReason: 'http_error' }),
    ]);
  });
});

describe('user simulation', () => {
  it('a mention in a channel sends app_mention and message with distinct event ids and the same ts', async () => {
    const { message, deliveries } = await slack.postAsUser({
      channel: 'general',
      text: `<@${slack.bot.userId}> what is libuv?`,
    });
    expect(deliveries.map((delivery) => delivery.response.status)).toEqual([200, 200]);
    await vi.waitFor(() => expect(events).toHaveLength(2));
    expect(events.map((event) => [event.type, event.channelType, event.ts])).toEqual([
      ['app_mention', undefined, message.ts],
      ['message', 'channel', message.ts],
    ]);
    expect(new Set(events.map((event) => event.eventId)).size).toBe(2);
    const reply = await slack.waitForCall('chat.postMessage');
    // Bolt's client adds the event's team_id to every call it makes for that event.
    expect(reply.args).toEqual({
      team_id: 'T0STANDIN',
      channel: 'C0GENERAL',
      text: 'Answer in thread',
      thread_ts: message.ts,
    });
    const thread = slack.history('general');
    expect(thread.map((entry) => entry.text)).toEqual([message.text, 'Answer in thread']);
    expect(thread[0]).toMatchObject({ reply_count: 1, thread_ts: message.ts });
  });

  it('a DM sends one message event with channel_type im; a plain channel message sends channel_type channel', async () => {
    await slack.postAsUser({ channel: slack.imChannel(), text: 'hi there' });
    await slack.postAsUser({ channel: 'general', text: 'no mention here' });
    await vi.waitFor(() => expect(events).toHaveLength(2));
    expect(events.map((event) => [event.type, event.channelType])).toEqual([
      ['message', 'im'],
      ['message', 'channel'],
    ]);
  });

  it('sends nothing for a channel the bot is not in', async () => {
    const { deliveries } = await slack.postAsUser({
      channel: 'random',
      text: `<@${slack.bot.userId}> hello?`,
    });
    expect(deliveries).toEqual([]);
    expect(slack.history('random')).toHaveLength(1);
    expect(events).toEqual([]);
  });

  it('Bolt’s sayStream() streams into the thread with the recipient filled in', async () => {
    const { message } = await slack.postAsUser({
      channel: 'general',
      text: `<@${slack.bot.userId}> stream please`,
    });
    const stop = await slack.waitForCall('chat.stopStream');
    const start = slack.callsTo('chat.startStream')[0];
    expect(start?.args).toMatchObject({
      channel: 'C0GENERAL',
      thread_ts: message.ts,
      recipient_user_id: 'U0ALICE',
      recipient_team_id: 'T0STANDIN',
    });
    expect(stop.response).toMatchObject({
      ok: true,
      message: { text: 'Streaming answer', thread_ts: message.ts },
    });
  });

  it('a button click carries the message and action; replace_original rewrites the message', async () => {
    const posted = await app.client.chat.postMessage({
      channel: 'C0GENERAL',
      text: 'Streams in short',
      blocks: [{ type: 'actions', block_id: 'follow_up', elements: [tellMeMore] }],
    });
    const click = await slack.clickButton({
      channel: 'general',
      message_ts: posted.ts ?? '',
      action_id: 'tell_me_more',
    });
    expect(click.response.status).toBe(200);
    await vi.waitFor(() => expect(actions).toHaveLength(1));
    expect(actions[0]).toMatchObject({
      type: 'block_actions',
      user: { id: 'U0ALICE' },
      container: { type: 'message', message_ts: posted.ts, channel_id: 'C0GENERAL', is_ephemeral: false },
      channel: { id: 'C0GENERAL', name: 'general' },
      message: { ts: posted.ts, text: 'Streams in short' },
      response_url: click.responseUrl,
      actions: [{ action_id: 'tell_me_more', block_id: 'follow_up', type: 'button', value: 'streams' }],
    });
    await slack.waitForCall('response_url');
    expect(slack.history('general')).toMatchObject([{ ts: posted.ts, text: 'More about streams' }]);
    expect(slack.history('general')[0]?.blocks).toBeUndefined();
  });

  it('a click on an ephemeral message says so and replaces the ephemeral', async () => {
    const posted = await app.client.chat.postEphemeral({
      channel: 'C0GENERAL',
      user: 'U0ALICE',
      text: 'Only you',
      blocks: [{ type: 'actions', elements: [tellMeMore] }],
    });
    await slack.clickButton({
      channel: 'general',
      message_ts: posted.message_ts ?? '',
      action_id: 'tell_me_more',
    });
    await vi.waitFor(() => expect(actions).toHaveLength(1));
    expect(actions[0]).toMatchObject({ container: { is_ephemeral: true, message_ts: posted.message_ts } });
    expect(actions[0]).not.toHaveProperty('message');
    await slack.waitForCall('response_url');
    expect(slack.ephemerals('U0ALICE')).toMatchObject([
      { message: { ts: posted.message_ts, text: 'More about streams' } },
    ]);
  });

  it('an assistant thread starts in the DM, and a reply in it reaches the Assistant', async () => {
    const thread = await slack.startAssistantThread({ context: { channel_id: 'C0GENERAL' } });
    expect(thread.delivery.body).toMatchObject({
      type: 'event_callback',
      event: {
        type: 'assistant_thread_started',
        assistant_thread: {
          user_id: 'U0ALICE',
          channel_id: slack.imChannel(),
          thread_ts: thread.thread_ts,
          context: { channel_id: 'C0GENERAL', team_id: 'T0STANDIN' },
        },
      },
    });
    const prompts = await slack.waitForCall('assistant.threads.setSuggestedPrompts');
    expect(prompts.args).toEqual({
      team_id: 'T0STANDIN',
      channel_id: thread.channel,
      thread_ts: thread.thread_ts,
      title: 'Try',
      prompts: [{ title: 'Streams', message: 'What is backpressure?' }],
    });
    await slack.postAsUser({
      channel: thread.channel,
      thread_ts: thread.thread_ts,
      text: 'what is backpressure?',
    });
    const status = await slack.waitForCall('assistant.threads.setStatus');
    expect(status.args).toMatchObject({
      channel_id: thread.channel,
      thread_ts: thread.thread_ts,
      status: 'is thinking…',
    });
    const answer = await slack.waitForCall(
      'chat.postMessage',
      (call) => call.args.text === 'Answer: what is backpressure?',
    );
    expect(answer.args).toMatchObject({ channel: thread.channel, thread_ts: thread.thread_ts });
  });
});
