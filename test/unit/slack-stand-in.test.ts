/**
 * @module test/unit/slack-stand-in — the stand-in's pure parts: signatures (checked with Bolt's own
 * verifier), monotonic timestamps, Web API body parsing, message building and block lookup.
 */
import { isValidSlackRequest } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { actionFromElement, findActionElement } from '../../src/playground/slack-stand-in/block-elements.js';
import { mentionsUser, richTextBlocks } from '../../src/playground/slack-stand-in/message-factory.js';
import { compareTs } from '../../src/playground/slack-stand-in/message-store.js';
import { parseApiRequest } from '../../src/playground/slack-stand-in/request-body.js';
import { createSlackClock } from '../../src/playground/slack-stand-in/slack-ids.js';
import { createSignatureHeaders } from '../../src/playground/slack-stand-in/slack-request-signer.js';

describe('slack request signer', () => {
  const rawBody = 'command=%2Fask-node&text=what+is+libuv%3F';
  const timestamp = 1_700_000_000;
  const headers = createSignatureHeaders({ signingSecret: 'secret', timestamp, rawBody });
  const verify = (secret: string, body: string) =>
    isValidSlackRequest({
      signingSecret: secret,
      body,
      headers: {
        'x-slack-signature': headers['x-slack-signature'] ?? '',
        'x-slack-request-timestamp': Number(headers['x-slack-request-timestamp']),
      },
      nowMilliseconds: timestamp * 1000,
    });

  it('produces a v0 signature that Bolt accepts, and only for that secret and body', () => {
    expect(headers['x-slack-signature']).toMatch(/^v0=[0-9a-f]{64}$/);
    expect(headers['x-slack-request-timestamp']).toBe('1700000000');
    expect(verify('secret', rawBody)).toBe(true);
    expect(verify('other-secret', rawBody)).toBe(false);
    expect(verify('secret', `${rawBody}&x=1`)).toBe(false);
  });
});

describe('slack clock', () => {
  it('never repeats or goes back, even when the clock stands still or steps back', () => {
    const times = [1_000_000, 1_000_000, 999_000];
    const clock = createSlackClock(() => times.shift() ?? 0);
    expect([clock.nextTs(), clock.nextTs(), clock.nextTs()]).toEqual([
      '1000.000000',
      '1000.000001',
      '1000.000002',
    ]);
  });

  it('orders timestamps exactly', () => {
    expect(compareTs('1700000000.000002', '1700000000.000010')).toBe(-1);
    expect(compareTs('1700000001.000000', '1700000000.999999')).toBe(1);
    expect(compareTs('5.1', '5.100000')).toBe(0);
  });
});

describe('Web API body parsing', () => {
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };

  it('decodes JSON-valued form fields, keeps the rest as strings and lifts the token out', () => {
    const parsed = parseApiRequest(
      form({
        token: 'xoxb-1',
        channel: 'C1',
        limit: '2',
        blocks: '[{"type":"divider"}]',
        text: '[not json]',
      }),
      formHeaders,
      new URLSearchParams(),
    );
    expect(parsed).toEqual({
      ok: true,
      token: 'xoxb-1',
      args: { channel: 'C1', limit: '2', blocks: [{ type: 'divider' }], text: '[not json]' },
    });
  });

  it('prefers the Bearer header, and reports malformed blocks as Slack does', () => {
    const parsed = parseApiRequest(
      form({ token: 'field' }),
      { ...formHeaders, authorization: 'Bearer header' },
      new URLSearchParams(),
    );
    expect(parsed).toMatchObject({ ok: true, token: 'header' });
    const broken = parseApiRequest(form({ blocks: '[{' }), formHeaders, new URLSearchParams());
    expect(broken).toMatchObject({ ok: false, error: 'invalid_blocks_format' });
    expect(
      parseApiRequest('{oops', { 'content-type': 'application/json' }, new URLSearchParams()),
    ).toMatchObject({
      ok: false,
      error: 'invalid_json',
    });
  });
});

describe('messages and blocks', () => {
  it('finds mentions in both Slack forms and builds the rich_text a client sends', () => {
    expect(mentionsUser('hey <@U0MENTOR|node-mentor> hi', 'U0MENTOR')).toBe(true);
    expect(mentionsUser('hey <@U0MENTORX>', 'U0MENTOR')).toBe(false);
    const [block] = richTextBlocks('<@U0MENTOR> why?') as Array<{ elements: Array<{ elements: unknown[] }> }>;
    expect(block?.elements[0]?.elements).toEqual([
      { type: 'user', user_id: 'U0MENTOR' },
      { type: 'text', text: ' why?' },
    ]);
  });

  it('finds a button by action_id in actions blocks and section accessories', () => {
    const blocks = [
      {
        type: 'section',
        block_id: 's1',
        accessory: {
          type: 'button',
          action_id: 'open',
          value: 'v1',
          text: { type: 'plain_text', text: 'Open' },
        },
      },
      {
        type: 'actions',
        block_id: 'a1',
        elements: [{ type: 'button', action_id: 'more', value: 'v2', style: 'primary' }],
      },
      {
        type: 'context_actions',
        block_id: 'f1',
        elements: [
          {
            type: 'feedback_buttons',
            action_id: 'feedback',
            positive_button: { value: 'good' },
            negative_button: { value: 'bad' },
          },
        ],
      },
    ];
    const accessory = findActionElement(blocks, 'open');
    expect(accessory && actionFromElement(accessory, '1.000001')).toEqual({
      action_id: 'open',
      block_id: 's1',
      type: 'button',
      action_ts: '1.000001',
      text: { type: 'plain_text', text: 'Open' },
      value: 'v1',
    });
    const more = findActionElement(blocks, 'more');
    expect(more && actionFromElement(more, '1.000002', 'override')).toMatchObject({
      block_id: 'a1',
      value: 'override',
      style: 'primary',
    });
    const feedback = findActionElement(blocks, 'feedback');
    expect(feedback && actionFromElement(feedback, '1.000003')).toMatchObject({
      type: 'feedback_buttons',
      value: 'good',
    });
    expect(findActionElement(blocks, 'more', 's1')).toBeUndefined();
  });
});
