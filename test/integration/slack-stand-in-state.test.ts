/**
 * @module test/integration/slack-stand-in-state — the stand-in's streaming, assistant-thread,
 * reaction, user and conversation methods through the real WebClient, plus call recording, the
 * change stream, `snapshot()` and workspace overrides.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isMentorError } from '../../src/errors.js';
import { createSlackStandIn, type StandInChange } from '../../src/playground/slack-stand-in/index.js';
import { createTestWebClient, slackError } from '../support/slack-web-client.js';

const slack = createSlackStandIn();
let client: ReturnType<typeof createTestWebClient>;

beforeAll(async () => {
  client = createTestWebClient(await slack.start(), slack.botToken);
});
afterAll(() => slack.stop());
beforeEach(() => slack.reset());

const alice = 'U0ALICE';
const recipient = { recipient_team_id: 'T0STANDIN', recipient_user_id: alice };
const feedbackBlock = {
  type: 'context',
  block_id: 'sources',
  elements: [{ type: 'mrkdwn', text: 'from streams.md' }],
};

async function question(channel = 'general') {
  return (await slack.postAsUser({ channel, text: 'explain streams', deliver: false })).message.ts;
}

describe('chat streaming', () => {
  it('grows the message live through the real ChatStreamer and finalises it on stop', async () => {
    const parentTs = await question();
    const streamChanges: Array<Extract<StandInChange, { type: 'stream' }>> = [];
    const unsubscribe = slack.subscribe((change) => change.type === 'stream' && streamChanges.push(change));
    const streamer = client.chatStream({
      channel: 'C0GENERAL',
      thread_ts: parentTs,
      ...recipient,
      buffer_size: 5,
    });
    await streamer.append({ markdown_text: 'Hello ' });
    await streamer.append({ markdown_text: 'wor' });
    await streamer.append({ markdown_text: 'ld' });
    await streamer.stop({ blocks: [feedbackBlock] });
    unsubscribe();

    expect(slack.calls.map((call) => [call.method, call.args])).toEqual([
      [
        'chat.startStream',
        {
          channel: 'C0GENERAL',
          thread_ts: parentTs,
          ...recipient,
          chunks: [{ type: 'markdown_text', text: 'Hello ' }],
        },
      ],
      [
        'chat.appendStream',
        { channel: 'C0GENERAL', ts: streamer.ts, chunks: [{ type: 'markdown_text', text: 'world' }] },
      ],
      ['chat.stopStream', { channel: 'C0GENERAL', ts: streamer.ts, chunks: [], blocks: [feedbackBlock] }],
    ]);
    expect(streamChanges.map((change) => [change.phase, change.text])).toEqual([
      ['start', 'Hello '],
      ['append', 'Hello world'],
      ['stop', 'Hello world'],
    ]);
    const [, reply] = slack.history('general');
    expect(reply).toMatchObject({
      ts: streamer.ts,
      thread_ts: parentTs,
      text: 'Hello world',
      streaming_state: 'completed',
      bot_id: 'B0MENTOR',
    });
    expect(reply?.blocks).toEqual([feedbackBlock]);
    expect(slack.callsTo('chat.stopStream')[0]?.response).toMatchObject({
      ok: true,
      message: { text: 'Hello world' },
    });
  });

  it('refuses appends after stop, and edits while streaming', async () => {
    const parentTs = await question();
    const started = await client.chat.startStream({
      channel: 'C0GENERAL',
      thread_ts: parentTs,
      ...recipient,
      markdown_text: 'Hi',
    });
    const ts = started.ts ?? '';
    expect(await slackError(client.chat.update({ channel: 'C0GENERAL', ts, text: 'x' }))).toBe(
      'streaming_state_conflict',
    );
    await client.chat.stopStream({ channel: 'C0GENERAL', ts });
    expect(
      await slackError(client.chat.appendStream({ channel: 'C0GENERAL', ts, markdown_text: 'more' })),
    ).toBe('message_not_in_streaming_state');
    expect(slack.history('general')[1]?.text).toBe('Hi');
  });

  it('answers Slack’s streaming errors', async () => {
    const parentTs = await question();
    const noRecipient = client.chat.startStream({
      channel: 'C0GENERAL',
      thread_ts: parentTs,
      markdown_text: 'x',
    });
    expect(await slackError(noRecipient)).toBe('missing_recipient_user_id');
    expect(
      await slackError(client.chat.appendStream({ channel: 'C0GENERAL', ts: parentTs, markdown_text: 'x' })),
    ).toBe('message_not_owned_by_app');
    expect(
      await slackError(
        client.chat.appendStream({ channel: 'C0GENERAL', ts: '1.000001', markdown_text: 'x' }),
      ),
    ).toBe('message_not_found');
    const started = await client.chat.startStream({
      channel: 'C0GENERAL',
      thread_ts: parentTs,
      ...recipient,
    });
    const both = client.chat.appendStream({
      channel: 'C0GENERAL',
      ts: started.ts ?? '',
      markdown_text: 'x',
      chunks: [{ type: 'markdown_text', text: 'y' }],
    });
    expect(await slackError(both)).toBe('cannot_provide_both_markdown_text_and_chunks');
  });

  it('needs no recipient in a DM', async () => {
    const dm = slack.imChannel();
    const parentTs = await question(dm);
    const started = await client.chat.startStream({
      channel: dm,
      thread_ts: parentTs,
      markdown_text: 'Sure',
    });
    expect(started).toMatchObject({ ok: true, channel: dm });
  });
});

describe('assistant threads', () => {
  it('stores status, suggested prompts and title per thread and publishes them', async () => {
    const dm = slack.imChannel();
    const threadTs = await question(dm);
    const changes: StandInChange[] = [];
    const unsubscribe = slack.subscribe((change) => changes.push(change));
    await client.assistant.threads.setStatus({
      channel_id: dm,
      thread_ts: threadTs,
      status: 'is thinking…',
      loading_messages: ['Reading playbooks'],
    });
    const prompts = [{ title: 'Streams', message: 'Explain backpressure' }];
    await client.assistant.threads.setSuggestedPrompts({
      channel_id: dm,
      thread_ts: threadTs,
      title: 'Try',
      prompts,
    });
    await client.assistant.threads.setTitle({ channel_id: dm, thread_ts: threadTs, title: 'Streams' });
    unsubscribe();
    expect(slack.callsTo('assistant.threads.setSuggestedPrompts')[0]?.args.prompts).toEqual(prompts);
    expect(slack.snapshot().assistantThreads).toEqual([
      {
        channel: dm,
        thread_ts: threadTs,
        status: 'is thinking…',
        loading_messages: ['Reading playbooks'],
        suggested_prompts: { title: 'Try', prompts },
        title: 'Streams',
      },
    ]);
    expect(changes.filter((change) => change.type === 'status')).toMatchObject([{ status: 'is thinking…' }]);
    await client.assistant.threads.setStatus({ channel_id: dm, thread_ts: threadTs, status: '' });
    expect(slack.snapshot().assistantThreads[0]?.status).toBe('');
  });

  it('answers invalid_thread_ts for a thread that does not exist', async () => {
    const call = client.assistant.threads.setStatus({
      channel_id: slack.imChannel(),
      thread_ts: '1.000001',
      status: 'x',
    });
    expect(await slackError(call)).toBe('invalid_thread_ts');
  });
});

describe('reactions, users and conversations', () => {
  it('adds a reaction once and publishes it', async () => {
    const ts = await question();
    const changes: StandInChange[] = [];
    const unsubscribe = slack.subscribe((change) => change.type === 'reaction' && changes.push(change));
    await client.reactions.add({ channel: 'C0GENERAL', timestamp: ts, name: 'eyes' });
    expect(
      await slackError(client.reactions.add({ channel: 'C0GENERAL', timestamp: ts, name: 'eyes' })),
    ).toBe('already_reacted');
    expect(
      await slackError(client.reactions.add({ channel: 'C0GENERAL', timestamp: '1.000001', name: 'eyes' })),
    ).toBe('message_not_found');
    unsubscribe();
    expect(slack.history('general')[0]?.reactions).toEqual([{ name: 'eyes', users: ['U0MENTOR'], count: 1 }]);
    expect(changes).toEqual([{ type: 'reaction', channel: 'C0GENERAL', ts, name: 'eyes', user: 'U0MENTOR' }]);
  });

  it('users.info describes people and the bot, or answers user_not_found', async () => {
    expect((await client.users.info({ user: alice })).user).toMatchObject({
      id: alice,
      name: 'alice',
      real_name: 'Alice Example',
      is_bot: false,
    });
    expect((await client.users.info({ user: 'U0MENTOR' })).user).toMatchObject({
      is_bot: true,
      profile: { bot_id: 'B0MENTOR' },
    });
    expect(await slackError(client.users.info({ user: 'U0NOBODY' }))).toBe('user_not_found');
  });

  it('conversations.info shows membership, kind and DM partner', async () => {
    expect((await client.conversations.info({ channel: 'C0GENERAL' })).channel).toMatchObject({
      name: 'general',
      is_channel: true,
      is_private: false,
      is_member: true,
    });
    expect((await client.conversations.info({ channel: 'C0RANDOM' })).channel).toMatchObject({
      is_member: false,
    });
    expect((await client.conversations.info({ channel: 'C0MENTORLAB' })).channel).toMatchObject({
      is_private: true,
      is_member: true,
    });
    expect((await client.conversations.info({ channel: slack.imChannel() })).channel).toMatchObject({
      is_im: true,
      user: alice,
    });
    expect(await slackError(client.conversations.info({ channel: 'C0NOPE' }))).toBe('channel_not_found');
  });
});

describe('recording', () => {
  it('waitForCall resolves on a later matching call and ignores ones that do not match', async () => {
    await client.chat.postMessage({ channel: 'C0GENERAL', text: 'first' });
    const waiting = slack.waitForCall('chat.postMessage', (call) => call.args.text === 'second');
    await client.chat.postMessage({ channel: 'C0GENERAL', text: 'second' });
    expect((await waiting).index).toBe(1);
    expect((await slack.waitForCall('chat.postMessage')).args.text).toBe('first');
  });

  it('waitForCall rejects with a MentorError naming what it saw', async () => {
    await client.auth.test();
    const error = await slack.waitForCall('chat.update', undefined, 20).catch((caught: unknown) => caught);
    expect(isMentorError(error)).toBe(true);
    expect((error as Error).message).toContain('calls seen: auth.test');
  });

  it('clearCalls forgets calls but keeps messages; reset restores the seed', async () => {
    await client.chat.postMessage({ channel: 'C0GENERAL', text: 'kept' });
    slack.clearCalls();
    expect(slack.calls).toEqual([]);
    expect(slack.history('general')).toHaveLength(1);
    slack.reset();
    expect(slack.history('general')).toEqual([]);
  });
});

describe('snapshot and options', () => {
  it('snapshot() is JSON-able and shows channels with bot membership and messages', async () => {
    await client.chat.postMessage({ channel: 'C0GENERAL', text: 'hello' });
    const snapshot = slack.snapshot();
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
    const byName = Object.fromEntries(snapshot.channels.map((channel) => [channel.name, channel]));
    expect(byName.general).toMatchObject({ kind: 'public', is_member: true, messages: [{ text: 'hello' }] });
    expect(byName.random).toMatchObject({ kind: 'public', is_member: false });
    expect(snapshot.channels.find((channel) => channel.kind === 'im')).toMatchObject({
      imUser: alice,
      is_member: true,
    });
  });

  it('takes a custom workspace, token and clock', async () => {
    const custom = createSlackStandIn({
      botToken: 'xoxb-custom',
      now: () => 1_700_000_000_000,
      workspace: {
        channels: [
          { id: 'C1OPS', name: 'ops', kind: 'public', members: ['U0MENTOR', alice] },
          { id: 'C1SECRET', name: 'secret', kind: 'private', members: [alice] },
        ],
      },
    });
    const customClient = createTestWebClient(await custom.start(), 'xoxb-custom');
    try {
      const posted = await customClient.chat.postMessage({ channel: 'ops', text: 'a' });
      const next = await customClient.chat.postMessage({ channel: 'ops', text: 'b' });
      expect([posted.ts, next.ts]).toEqual(['1700000000.000000', '1700000000.000001']);
      expect(await slackError(customClient.chat.postMessage({ channel: 'C1SECRET', text: 'x' }))).toBe(
        'channel_not_found',
      );
      expect(custom.snapshot().channels.map((channel) => channel.id)).toEqual(['C1OPS', 'C1SECRET']);
    } finally {
      await custom.stop();
    }
  });

  it('refuses to act as a user before an app is connected, changing nothing, but can seed history', async () => {
    const error = await slack
      .postAsUser({ channel: 'general', text: 'hi' })
      .catch((caught: unknown) => caught);
    expect(isMentorError(error, 'bad_request')).toBe(true);
    expect((error as Error).message).toContain('connectApp');
    expect(slack.history('general')).toEqual([]);
    await slack.postAsUser({ channel: 'general', text: 'seeded', deliver: false });
    expect(slack.history('general')).toMatchObject([{ text: 'seeded', user: alice }]);
    const outsider = slack.postAsUser({ user: 'U0BOB', channel: 'mentor-lab', text: 'x', deliver: false });
    await expect(outsider).rejects.toThrow(/bob is not a member of mentor-lab/);
  });

  it('answers 404 expired_url for a response_url it never issued', async () => {
    const response = await fetch(`${slack.url}/response/unknown`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'hi' }),
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ ok: false, error: 'expired_url' });
    expect(slack.callsTo('response_url')).toHaveLength(1);
  });
});
