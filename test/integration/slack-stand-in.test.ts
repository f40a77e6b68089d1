/**
 * @module test/integration/slack-stand-in — the stand-in's Web API, driven by the real
 * `@slack/web-api` WebClient (the client Bolt uses, so form encoding is exercised for real): response
 * shapes and errors per method, call recording, threads, streaming, assistant threads and the
 * change stream.
 */
import type { webApi } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSlackStandIn, type StandInChange } from '../../src/playground/slack-stand-in/index.js';
import { createTestWebClient, slackError } from '../support/slack-web-client.js';

const slack = createSlackStandIn();
let client: webApi.WebClient;
let apiUrl: string;

const clientWith = (token?: string) => createTestWebClient(apiUrl, token);

beforeAll(async () => {
  apiUrl = await slack.start();
  client = clientWith(slack.botToken);
});
afterAll(() => slack.stop());
beforeEach(() => slack.reset());

const alice = 'U0ALICE';
const blocks = [
  { type: 'section', text: { type: 'mrkdwn', text: '*Use streams*' } },
  {
    type: 'actions',
    block_id: 'feedback',
    elements: [
      { type: 'button', action_id: 'helpful', text: { type: 'plain_text', text: 'Helpful' }, value: 'yes' },
    ],
  },
];

describe('authentication and routing', () => {
  it('auth.test answers with the bot identity', async () => {
    const result = await client.auth.test();
    expect(result).toMatchObject({
      ok: true,
      user_id: 'U0MENTOR',
      bot_id: 'B0MENTOR',
      team_id: 'T0STANDIN',
      user: 'node-mentor',
    });
  });

  it('rejects a wrong token with invalid_auth and a missing one with not_authed', async () => {
    expect(await slackError(clientWith('xoxb-wrong').auth.test())).toBe('invalid_auth');
    expect(await slackError(clientWith().auth.test())).toBe('not_authed');
  });

  it('accepts the token as a form field, and ignores it inside a JSON body, like Slack', async () => {
    const form = await fetch(`${apiUrl}auth.test`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: slack.botToken }).toString(),
    });
    expect(await form.json()).toMatchObject({ ok: true, user_id: 'U0MENTOR' });
    const json = await fetch(`${apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: slack.botToken, channel: 'C0GENERAL', text: 'hi' }),
    });
    expect(json.status).toBe(200);
    expect(await json.json()).toEqual({ ok: false, error: 'not_authed' });
  });

  it('takes JSON bodies with a Bearer token, decoding nothing twice', async () => {
    const response = await fetch(`${apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        authorization: `Bearer ${slack.botToken}`,
      },
      body: JSON.stringify({ channel: 'C0GENERAL', text: 'json', blocks }),
    });
    const body = (await response.json()) as { ok: boolean; ts: string };
    expect(body.ok).toBe(true);
    expect(slack.callsTo('chat.postMessage')[0]?.args).toEqual({
      channel: 'C0GENERAL',
      text: 'json',
      blocks,
    });
  });

  it('answers unknown_method for methods it does not implement, and records the call', async () => {
    expect(await slackError(client.apiCall('chat.scheduleMessage', { channel: 'C0GENERAL' }))).toBe(
      'unknown_method',
    );
    expect(slack.callsTo('chat.scheduleMessage')).toHaveLength(1);
  });
});

describe('chat.postMessage', () => {
  it('returns ts, channel and the stored bot message, with blocks decoded from the form', async () => {
    const result = await client.chat.postMessage({ channel: 'C0GENERAL', text: 'Use streams', blocks });
    expect(result.ts).toMatch(/^\d+\.\d{6}$/);
    expect(result).toMatchObject({
      ok: true,
      channel: 'C0GENERAL',
      message: {
        type: 'message',
        user: 'U0MENTOR',
        bot_id: 'B0MENTOR',
        app_id: 'A0MENTOR',
        text: 'Use streams',
        ts: result.ts,
      },
    });
    expect(result.message?.blocks?.[1]).toMatchObject({ block_id: 'feedback' });
    expect(result.message?.blocks?.[0]?.block_id).toEqual(expect.any(String));
    expect(slack.calls).toEqual([
      {
        index: 0,
        method: 'chat.postMessage',
        args: { channel: 'C0GENERAL', text: 'Use streams', blocks },
        response: { ok: true, channel: 'C0GENERAL', ts: result.ts, message: result.message },
      },
    ]);
    expect(slack.history('general').map((message) => message.ts)).toEqual([result.ts]);
  });

  it('resolves a channel name and opens the DM when given a user id', async () => {
    expect((await client.chat.postMessage({ channel: '#general', text: 'by name' })).channel).toBe(
      'C0GENERAL',
    );
    const direct = await client.chat.postMessage({ channel: 'U0BOB', text: 'tip of the day' });
    expect(direct.channel).toBe(slack.imChannel('U0BOB'));
    expect(slack.history(slack.imChannel('U0BOB'))[0]?.text).toBe('tip of the day');
  });

  it('answers channel_not_found, not_in_channel and no_text as Slack does', async () => {
    expect(await slackError(client.chat.postMessage({ channel: 'C0NOPE', text: 'x' }))).toBe(
      'channel_not_found',
    );
    expect(await slackError(client.chat.postMessage({ channel: 'C0RANDOM', text: 'x' }))).toBe(
      'not_in_channel',
    );
    expect(await slackError(client.chat.postMessage({ channel: 'C0GENERAL', text: '' }))).toBe('no_text');
    expect(slack.history('general')).toEqual([]);
  });

  it('produces timestamps that strictly increase', async () => {
    const stamps: string[] = [];
    for (let count = 0; count < 5; count += 1) {
      stamps.push((await client.chat.postMessage({ channel: 'C0GENERAL', text: `n${count}` })).ts ?? '');
    }
    const sorted = [...stamps].sort(
      (left, right) => Number(left) - Number(right) || left.localeCompare(right),
    );
    expect(new Set(stamps).size).toBe(5);
    expect(stamps).toEqual(sorted);
  });
});

describe('threads', () => {
  async function seedThread() {
    const { message: parent } = await slack.postAsUser({
      channel: 'general',
      text: 'How do I stream a file?',
      deliver: false,
    });
    await client.chat.postMessage({ channel: 'C0GENERAL', thread_ts: parent.ts, text: 'Use pipeline()' });
    await slack.postAsUser({
      user: 'U0BOB',
      channel: 'general',
      thread_ts: parent.ts,
      text: 'and backpressure?',
      deliver: false,
    });
    await client.chat.postMessage({
      channel: 'C0GENERAL',
      thread_ts: parent.ts,
      text: 'pipeline handles it',
    });
    return parent.ts;
  }

  it('conversations.replies returns the parent with thread fields, then replies oldest first', async () => {
    const parentTs = await seedThread();
    const result = await client.conversations.replies({ channel: 'C0GENERAL', ts: parentTs });
    expect(result.has_more).toBe(false);
    expect(result.messages?.map((message) => message.text)).toEqual([
      'How do I stream a file?',
      'Use pipeline()',
      'and backpressure?',
      'pipeline handles it',
    ]);
    expect(result.messages?.[0]).toMatchObject({
      ts: parentTs,
      thread_ts: parentTs,
      reply_count: 3,
      reply_users_count: 2,
      user: alice,
    });
    expect(result.messages?.[0]?.reply_users).toEqual(['U0MENTOR', 'U0BOB']);
    expect(result.messages?.[3]).toMatchObject({
      thread_ts: parentTs,
      parent_user_id: alice,
      bot_id: 'B0MENTOR',
    });
  });

  it('pages with limit and cursor, and finds the thread from a reply ts', async () => {
    const parentTs = await seedThread();
    const first = await client.conversations.replies({ channel: 'C0GENERAL', ts: parentTs, limit: 2 });
    expect(first.messages?.map((message) => message.text)).toEqual([
      'How do I stream a file?',
      'Use pipeline()',
    ]);
    expect(first.has_more).toBe(true);
    const cursor = first.response_metadata?.next_cursor ?? '';
    const second = await client.conversations.replies({
      channel: 'C0GENERAL',
      ts: parentTs,
      limit: 2,
      cursor,
    });
    expect(second.messages?.map((message) => message.text)).toEqual([
      'and backpressure?',
      'pipeline handles it',
    ]);
    expect(second.has_more).toBe(false);
    const replyTs = second.messages?.[0]?.ts ?? '';
    expect((await client.conversations.replies({ channel: 'C0GENERAL', ts: replyTs })).messages).toHaveLength(
      4,
    );
  });

  it('answers thread_not_found for an unknown ts and not_in_channel where the bot is absent', async () => {
    expect(await slackError(client.conversations.replies({ channel: 'C0GENERAL', ts: '1.000001' }))).toBe(
      'thread_not_found',
    );
    expect(await slackError(client.conversations.replies({ channel: 'C0RANDOM', ts: '1.000001' }))).toBe(
      'not_in_channel',
    );
  });

  it('conversations.history lists top-level messages newest first', async () => {
    const parentTs = await seedThread();
    const later = await client.chat.postMessage({ channel: 'C0GENERAL', text: 'later' });
    const result = await client.conversations.history({ channel: 'C0GENERAL' });
    expect(result.messages?.map((message) => message.ts)).toEqual([later.ts, parentTs]);
  });
});

describe('chat.update and chat.postEphemeral', () => {
  it('updates a bot message, marks it edited and publishes message_changed', async () => {
    const changes: StandInChange[] = [];
    const unsubscribe = slack.subscribe((change) => changes.push(change));
    const posted = await client.chat.postMessage({ channel: 'C0GENERAL', text: 'draft' });
    const updated = await client.chat.update({ channel: 'C0GENERAL', ts: posted.ts ?? '', text: 'final' });
    unsubscribe();
    expect(updated).toMatchObject({ ok: true, channel: 'C0GENERAL', ts: posted.ts, text: 'final' });
    expect(slack.history('general')[0]).toMatchObject({ text: 'final', edited: { user: 'U0MENTOR' } });
    expect(changes.map((change) => change.type)).toEqual([
      'message',
      'api_call',
      'message_changed',
      'api_call',
    ]);
    expect(changes.find((change) => change.type === 'message_changed')).toMatchObject({
      message: { text: 'final' },
      previous_message: { text: 'draft' },
    });
  });

  it('refuses to update a missing message or a person’s message', async () => {
    expect(await slackError(client.chat.update({ channel: 'C0GENERAL', ts: '1.000001', text: 'x' }))).toBe(
      'message_not_found',
    );
    const { message } = await slack.postAsUser({ channel: 'general', text: 'mine', deliver: false });
    expect(await slackError(client.chat.update({ channel: 'C0GENERAL', ts: message.ts, text: 'x' }))).toBe(
      'cant_update_message',
    );
  });

  it('posts an ephemeral message visible to one user, and checks membership', async () => {
    const result = await client.chat.postEphemeral({
      channel: 'C0GENERAL',
      user: 'U0BOB',
      text: 'only for bob',
    });
    expect(result.message_ts).toMatch(/^\d+\.\d{6}$/);
    expect(slack.ephemerals('U0BOB')).toMatchObject([
      { channel: 'C0GENERAL', recipient: 'U0BOB', message: { text: 'only for bob', ts: result.message_ts } },
    ]);
    expect(slack.ephemerals(alice)).toEqual([]);
    expect(slack.history('general')).toEqual([]);
    expect(
      await slackError(client.chat.postEphemeral({ channel: 'C0MENTORLAB', user: 'U0BOB', text: 'x' })),
    ).toBe('user_not_in_channel');
  });
});
