/**
 * @module playground page: views — the channel's message list, the thread pane and the assistant
 * pane, each rebuilt from the store on change (the caller keeps the scroll position).
 */
import { h } from './dom.js';
import { renderMessage, renderStatus } from './message.js';

const visible = (view) => (entry) => !(entry.ephemeral && view.isDismissed(entry.message.ts));

function emptyState(text) {
  return h('div', { className: 'empty-state', testid: 'empty-state' }, text);
}

/** The channel's top-level messages. */
export function renderTimeline(view) {
  const entries = view.store.timeline(view.channel).filter(visible(view));
  if (entries.length === 0) return [emptyState(view.emptyText)];
  return entries.map((entry) => renderMessage(entry, view));
}

/** A thread: the parent, a divider with the reply count, the replies, the assistant status. */
export function renderThread(view, threadTs) {
  const { parent, replies } = view.store.thread(view.channel, threadTs);
  const shown = replies.filter(visible(view));
  return [
    parent ? renderMessage({ message: parent, ephemeral: false }, view) : emptyState('This message is gone.'),
    h(
      'div',
      { className: 'thread-divider' },
      shown.length === 0 ? 'No replies yet' : `${shown.length} ${shown.length === 1 ? 'reply' : 'replies'}`,
    ),
    shown.map((entry) => renderMessage(entry, view)),
    renderStatus(view, threadTs),
  ];
}

/**
 * The assistant pane: a tab per assistant thread, the selected thread's conversation, its
 * suggested prompts until you have asked something, and the status while the bot works.
 * `actions`: `newChat()`, `select(threadTs)`, `prompt(message)`.
 */
export function renderAssistant(view, selectedTs, actions) {
  const threads = view.store.assistantThreads(view.channel);
  const toolbar = h(
    'div',
    { className: 'assistant-toolbar' },
    h(
      'button',
      {
        type: 'button',
        className: 'primary-button',
        testid: 'assistant-new-chat',
        on: { click: actions.newChat },
      },
      '✨ New chat',
    ),
    threads.map((root) =>
      h(
        'button',
        {
          type: 'button',
          className: `assistant-tab${root.ts === selectedTs ? ' active' : ''}`,
          testid: 'assistant-thread-tab',
          on: { click: () => actions.select(root.ts) },
        },
        String(root.assistant_app_thread?.title ?? root.text ?? 'Chat'),
      ),
    ),
  );
  if (!selectedTs) {
    return [
      toolbar,
      emptyState(
        'Start a chat to talk to the mentor the way Slack’s assistant pane does: a greeting, suggested prompts, a “thinking…” status, then the answer.',
      ),
    ];
  }
  const { replies } = view.store.thread(view.channel, selectedTs);
  const shown = replies.filter(visible(view));
  const asked = shown.some((entry) => !entry.message.bot_id && entry.message.user === view.store.me);
  const suggestions = view.store.assistantState(view.channel, selectedTs)?.suggested_prompts;
  return [
    toolbar,
    shown.length === 0
      ? emptyState('Waiting for the mentor to say hello…')
      : shown.map((entry) => renderMessage(entry, view)),
    !asked && suggestions?.prompts?.length
      ? h(
          'div',
          { className: 'suggested-prompts', testid: 'suggested-prompts' },
          suggestions.title ? h('div', { className: 'suggested-title' }, suggestions.title) : null,
          suggestions.prompts.map((prompt) =>
            h(
              'button',
              {
                type: 'button',
                className: 'hint',
                testid: 'suggested-prompt',
                on: { click: () => actions.prompt(String(prompt.message ?? prompt.title)) },
              },
              String(prompt.title ?? prompt.message),
            ),
          ),
        )
      : null,
    renderStatus(view, selectedTs),
  ];
}
