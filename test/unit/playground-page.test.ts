/**
 * @module test/unit/playground-page — the page's pure browser modules, run in Node: the mrkdwn and
 * Markdown parsers (what becomes bold, code, links, mentions, and what stays text) and the store
 * that follows the stand-in's real change events (threads, ephemerals, streams, status), and the
 * emoji shortcodes the app's messages use.
 */
import { readFile, readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emojiFor, replaceEmoji } from '../../src/playground/page/assets/emoji.js';
import { parseInline } from '../../src/playground/page/assets/inline-format.js';
import { compareTs, createStore } from '../../src/playground/page/assets/store.js';
import { parseFormatted } from '../../src/playground/page/assets/text-format.js';
import { createSlackStandIn, type StandInChange } from '../../src/playground/slack-stand-in/index.js';

describe('mrkdwn', () => {
  it('parses bold, italic, strike, code, links, mentions and emoji', () => {
    expect(parseInline('*bold* _it_ ~gone~ `a < b` <https://nodejs.org|docs> <@U1> :bulb:')).toEqual([
      { type: 'bold', children: [{ type: 'text', text: 'bold' }] },
      { type: 'text', text: ' ' },
      { type: 'italic', children: [{ type: 'text', text: 'it' }] },
      { type: 'text', text: ' ' },
      { type: 'strike', children: [{ type: 'text', text: 'gone' }] },
      { type: 'text', text: ' ' },
      { type: 'code', text: 'a < b' },
      { type: 'text', text: ' ' },
      { type: 'link', url: 'https://nodejs.org', children: [{ type: 'text', text: 'docs' }] },
      { type: 'text', text: ' ' },
      { type: 'mention', kind: 'user', id: 'U1', label: undefined },
      { type: 'text', text: ' ' },
      { type: 'emoji', name: 'bulb', text: '💡' },
    ]);
  });

  it('keeps escaped HTML as text and leaves snake_case and 2*3*4 alone', () => {
    expect(parseInline('&lt;script&gt;alert(1)&lt;/script&gt; &amp;lt;')).toEqual([
      { type: 'text', text: '<script>alert(1)</script> &lt;' },
    ]);
    expect(parseInline('use max_old_space_size and 2*3*4')).toEqual([
      { type: 'text', text: 'use max_old_space_size and 2*3*4' },
    ]);
  });

  it('finds code blocks, quotes and lists, and nothing formats inside code', () => {
    const blocks = parseFormatted(
      'Intro\n```const a = *b*;\n&lt;x&gt;```\n&gt; quoted *here*\n• one\n• _two_',
    );
    expect(blocks.map((block) => block.type)).toEqual(['paragraph', 'code_block', 'quote', 'list']);
    expect(blocks[1]).toEqual({ type: 'code_block', text: 'const a = *b*;\n<x>' });
    expect(blocks[3]).toMatchObject({ type: 'list', ordered: false, items: [{ depth: 0 }, { depth: 0 }] });
  });

  it('autolinks bare URLs without trailing punctuation', () => {
    const nodes = parseInline('see https://nodejs.org/api/stream.html.');
    expect(nodes[1]).toMatchObject({ type: 'link', url: 'https://nodejs.org/api/stream.html' });
    expect(nodes[2]).toEqual({ type: 'text', text: '.' });
  });
});

describe('Markdown (streamed text, markdown blocks)', () => {
  it('parses headings, **bold**, *italic*, [links](…), fences with a language and rules', () => {
    expect(parseFormatted('# Title', 'mrkdwn')[0]).toMatchObject({ type: 'paragraph' });
    expect(parseFormatted('# Title', 'markdown')[0]).toMatchObject({ type: 'heading', level: 1 });
    const markdown = parseFormatted(
      '**Bold** and *it* [docs](https://nodejs.org)\n```js\nawait x;\n```\n---\n1. first',
      'markdown',
    );
    expect(markdown.map((block) => block.type)).toEqual(['paragraph', 'code_block', 'rule', 'list']);
    expect(markdown[0]).toMatchObject({
      children: [
        { type: 'bold' },
        { type: 'text', text: ' and ' },
        { type: 'italic' },
        { type: 'text', text: ' ' },
        { type: 'link', url: 'https://nodejs.org' },
      ],
    });
    expect(markdown[1]).toEqual({ type: 'code_block', text: 'await x;' });
  });
});

describe('the page store, fed by the stand-in’s change events', () => {
  const slack = createSlackStandIn();
  const store = createStore();
  const changes: StandInChange[] = [];
  const call = async (method: string, args: Record<string, unknown>) => {
    const response = await fetch(`${slack.apiUrl}${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${slack.botToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(args),
    });
    return (await response.json()) as { ok: boolean; ts?: string; error?: string };
  };

  beforeAll(async () => {
    await slack.start();
    store.load({ ...slack.snapshot() });
    slack.subscribe((change) => {
      changes.push(change);
      store.apply(change);
    });
  });
  afterAll(() => slack.stop());

  it('orders Slack timestamps exactly', () => {
    expect(compareTs('1700000000.000010', '1700000000.000009')).toBe(1);
    expect(compareTs('999999999.9', '1700000000.1')).toBeLessThan(0);
    expect(compareTs('1.5', '1.500000')).toBe(0);
  });

  it('keeps replies out of the channel list, in the thread, and counts private replies', async () => {
    const parent = await slack.postAsUser({ channel: 'general', text: 'question', deliver: false });
    await call('chat.postMessage', { channel: 'C0GENERAL', text: 'answer', thread_ts: parent.message.ts });
    await call('chat.postEphemeral', {
      channel: 'C0GENERAL',
      user: 'U0ALICE',
      text: 'thanks',
      thread_ts: parent.message.ts,
    });
    expect(store.timeline('C0GENERAL').map((entry) => entry.message.text)).toEqual(['question']);
    const thread = store.thread('C0GENERAL', parent.message.ts);
    expect(thread.parent?.reply_count).toBe(1);
    expect(thread.replies.map((entry) => [entry.message.text, entry.ephemeral])).toEqual([
      ['answer', false],
      ['thanks', true],
    ]);
    expect(store.privateReplies('C0GENERAL', parent.message.ts)).toBe(1);
  });

  it('grows a streamed message and shows the status until the bot answers', async () => {
    const im = slack.imChannel();
    const root = await slack.postAsUser({ channel: im, text: 'root', deliver: false });
    const question = await slack.postAsUser({
      channel: im,
      text: 'why?',
      thread_ts: root.message.ts,
      deliver: false,
    });
    await call('assistant.threads.setStatus', {
      channel_id: im,
      thread_ts: root.message.ts,
      status: 'is thinking…',
    });
    expect(store.statusFor(im, root.message.ts)).toBe('is thinking…');
    const started = await call('chat.startStream', {
      channel: im,
      thread_ts: question.message.ts,
      markdown_text: '**Back',
    });
    await call('chat.appendStream', { channel: im, ts: started.ts, markdown_text: 'pressure**' });
    const streamed = store.findMessage(im, started.ts ?? '');
    expect(streamed).toMatchObject({ text: '**Backpressure**', streaming_state: 'in_progress' });
    expect(store.statusFor(im, root.message.ts)).toBeUndefined();
    await call('chat.stopStream', { channel: im, ts: started.ts });
    expect(store.findMessage(im, started.ts ?? '')?.streaming_state).toBe('completed');
    expect(changes.some((change) => change.type === 'stream' && change.phase === 'append')).toBe(true);
  });

  it('adds reactions once, even when a change is replayed', async () => {
    const posted = await slack.postAsUser({ channel: 'general', text: 'react', deliver: false });
    await call('reactions.add', { channel: 'C0GENERAL', timestamp: posted.message.ts, name: 'eyes' });
    const reaction = changes.findLast((change) => change.type === 'reaction');
    if (reaction) store.apply(reaction);
    expect(store.findMessage('C0GENERAL', posted.message.ts)?.reactions).toEqual([
      { name: 'eyes', users: ['U0MENTOR'], count: 1 },
    ]);
  });
});

describe('emoji', () => {
  // Regression: the /ask-node "Thinking about …" reply showed a raw `:thought_balloon:`.
  it('has a character for every shortcode the Slack renderers put in messages', async () => {
    const directory = new URL('../../src/slack/render/', import.meta.url);
    const sources = await Promise.all(
      (await readdir(directory)).map((name) => readFile(new URL(name, directory), 'utf8')),
    );
    const codes = new Set(
      sources.flatMap((source) => [...source.matchAll(/:([a-z][a-z0-9_]+): /g)]).map((m) => m[1]),
    );
    expect(codes.size).toBeGreaterThan(3);
    expect([...codes].filter((code) => emojiFor(code ?? '') === undefined)).toEqual([]);
  });

  it('replaces known codes and leaves unknown ones as text', () => {
    expect(replaceEmoji(':thought_balloon: thinking :no_such_emoji:')).toBe('💭 thinking :no_such_emoji:');
  });
});
