/**
 * @module playground page: message — one message as Slack shows it: author (with an APP badge for
 * the bot), time, content (people's text as mrkdwn; the bot's blocks, or its streamed Markdown as
 * it grows), reactions, "N replies", and "Only visible to you" for ephemeral messages.
 */
import { renderBlocks } from './blocks.js';
import { h, renderFormatted } from './dom.js';
import { emojiFor } from './emoji.js';

export function formatTime(ts) {
  const seconds = Number(String(ts).split('.')[0]);
  return new Date(seconds * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function authorOf(message, view) {
  if (message.user === 'USLACKBOT') return { name: 'Slackbot', kind: 'slackbot' };
  if (message.bot_id)
    return { name: message.bot_profile?.name ?? view.store.userName(message.user), kind: 'bot' };
  return { name: view.store.userName(message.user), kind: 'person' };
}

function attachments(message, context) {
  if (!Array.isArray(message.attachments)) return null;
  return message.attachments.map((attachment) =>
    h(
      'div',
      { className: 'attachment' },
      attachment?.title ? h('strong', {}, String(attachment.title)) : null,
      attachment?.text ? renderFormatted(String(attachment.text), 'mrkdwn', context) : null,
      Array.isArray(attachment?.blocks) ? renderBlocks(attachment.blocks, context) : null,
    ),
  );
}

function content(message, context) {
  if (message.subtype === 'assistant_app_thread') {
    return h(
      'div',
      { className: 'assistant-root' },
      `🧵 ${message.assistant_app_thread?.title ?? message.text}`,
    );
  }
  if (!message.bot_id) return renderFormatted(message.text, 'mrkdwn', context);
  const streamed = message.streaming_state !== undefined;
  const hasBlocks = Array.isArray(message.blocks) && message.blocks.length > 0;
  const text = streamed ? renderFormatted(message.text, 'markdown', context) : null;
  if (text && message.streaming_state === 'in_progress') {
    // The cursor sits at the end of the text that has arrived so far.
    let target = text.lastElementChild ?? text;
    if (target.tagName === 'UL' || target.tagName === 'OL') target = target.lastElementChild ?? target;
    if (target.tagName === 'PRE') target = text;
    target.append(h('span', { className: 'stream-cursor', testid: 'streaming' }));
  }
  return [
    text,
    hasBlocks ? renderBlocks(message.blocks, context) : null,
    !streamed && !hasBlocks ? renderFormatted(message.text, 'mrkdwn', context) : null,
    attachments(message, context),
  ];
}

function reactions(message) {
  if (!Array.isArray(message.reactions) || message.reactions.length === 0) return null;
  return h(
    'div',
    { className: 'reactions' },
    message.reactions.map((reaction) =>
      h(
        'span',
        { className: 'reaction', testid: 'reaction', data: { name: reaction.name } },
        `${emojiFor(reaction.name) ?? `:${reaction.name}:`} ${reaction.count}`,
      ),
    ),
  );
}

function threadSummary(message, view) {
  const replies = message.reply_count ?? 0;
  const hidden = view.store.privateReplies(view.channel, message.ts);
  if (replies === 0 && hidden === 0) return null;
  const parts = [];
  if (replies > 0) parts.push(`${replies} ${replies === 1 ? 'reply' : 'replies'}`);
  if (hidden > 0) parts.push(`${hidden} only visible to you`);
  return h(
    'button',
    {
      type: 'button',
      className: 'thread-summary',
      testid: 'open-thread',
      on: { click: () => view.openThread(message.ts) },
    },
    parts.join(' · '),
  );
}

/** The "… is thinking" line under a question while the assistant works on it. */
export function renderStatus(view, threadTs) {
  const status = view.store.statusFor(view.channel, threadTs);
  if (!status) return null;
  return h(
    'div',
    { className: 'assistant-status', testid: 'assistant-status' },
    h('span', { className: 'status-dots' }),
    `${view.store.bot.name} ${status}`,
  );
}

/**
 * Renders `{ message, ephemeral }`. `view` carries the store, the channel, `openThread(ts)`,
 * `dismiss(ts)`, `act()`, `isDisabled()`, `openUrl()` and whether this is the thread pane.
 */
export function renderMessage(entry, view) {
  const { message, ephemeral } = entry;
  const context = { ...view, ts: message.ts };
  const author = authorOf(message, view);
  const inChannelList = !view.inThread;
  return h(
    'article',
    {
      className: `message ${author.kind}${ephemeral ? ' ephemeral' : ''}`,
      testid: 'message',
      data: { ts: message.ts, author: author.kind, ephemeral: ephemeral ? 'true' : undefined },
    },
    h(
      'div',
      { className: `avatar ${author.kind}`, attrs: { 'aria-hidden': 'true' } },
      author.name.slice(0, 1).toUpperCase(),
    ),
    h(
      'div',
      { className: 'message-body' },
      h(
        'header',
        {},
        h('span', { className: 'author' }, author.name),
        author.kind === 'bot' ? h('span', { className: 'app-badge' }, 'APP') : null,
        h('time', { title: message.ts }, formatTime(message.ts)),
        message.edited ? h('span', { className: 'edited' }, '(edited)') : null,
      ),
      h('div', { className: 'message-content', testid: 'message-content' }, content(message, context)),
      ephemeral
        ? h(
            'div',
            { className: 'ephemeral-note', testid: 'ephemeral-note' },
            '👁 Only visible to you · ',
            h(
              'button',
              {
                type: 'button',
                className: 'link-button',
                testid: 'dismiss-ephemeral',
                on: { click: () => view.dismiss(message.ts) },
              },
              'Dismiss',
            ),
          )
        : null,
      reactions(message),
      inChannelList ? threadSummary(message, view) : null,
      inChannelList ? renderStatus(view, message.ts) : null,
    ),
    inChannelList && !ephemeral
      ? h(
          'button',
          {
            type: 'button',
            className: 'reply-in-thread',
            testid: 'reply-in-thread',
            title: 'Reply in thread',
            on: { click: () => view.openThread(message.ts) },
          },
          '💬',
        )
      : null,
  );
}
