/* global setTimeout */
/**
 * @module playground page: chrome — the parts around the messages: routes in the URL hash, the
 * channel header, the composer's placeholder and example chips per place, toasts, and the summary
 * of a "Post today's tip" click.
 */
import { h } from './dom.js';

/** `#/channel/<id>[/thread/<ts>]` or `#/assistant[/<ts>]`; #general when empty or unknown. */
export function readRoute(hash) {
  const [view, first, second, third] = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (view === 'assistant') return { view: 'assistant', assistantTs: first || undefined };
  if (view === 'channel' && first) {
    return { view: 'channel', channel: first, thread: second === 'thread' ? third : undefined };
  }
  return { view: 'channel', channel: 'C0GENERAL' };
}

export function hashFor(route) {
  if (route.view === 'assistant') return `#/assistant${route.assistantTs ? `/${route.assistantTs}` : ''}`;
  return `#/channel/${route.channel}${route.thread ? `/thread/${route.thread}` : ''}`;
}

export function renderHeader(store, route, channel) {
  const note = (text) => h('span', { className: 'channel-note' }, text);
  if (route.view === 'assistant') {
    return [h('h1', {}, '✨ Assistant'), note(`Chat with ${store.bot.name} in Slack’s assistant pane`)];
  }
  if (!channel) return [h('h1', {}, 'Unknown channel')];
  if (channel.kind === 'im')
    return [h('h1', {}, `💬 ${store.bot.name}`), note('Direct message — just type your question')];
  const membership = channel.is_member
    ? `${channel.kind === 'private' ? 'Private channel' : 'Channel'} · ${store.bot.name} is a member`
    : `${store.bot.name} is not in this channel: it will not see messages here`;
  return [h('h1', {}, `${channel.kind === 'private' ? '🔒' : '#'} ${channel.name}`), note(membership)];
}

/** The main composer's placeholder and example chips for where you are. */
export function composerCopy(store, route, channel) {
  if (route.view === 'assistant') return { placeholder: `Ask ${store.bot.name}…`, hints: [] };
  if (channel?.kind === 'im') {
    return {
      placeholder: `Message ${store.bot.name} — plain text is a question`,
      hints: ['How do I shut down gracefully on SIGTERM?', '/ask-node topics'],
    };
  }
  return {
    placeholder: `Message #${channel?.name ?? ''} — /ask-node <question> or @mentor <question>`,
    hints: [
      '/ask-node How do I find a memory leak?',
      '@mentor what is backpressure in streams?',
      '/ask-node help',
      '/ask-node tip',
    ],
  };
}

/** What the tip poster reported (`[{ channel, skipped? }]`), in a sentence. */
export function describeTip(store, result) {
  const posted = Array.isArray(result) ? result : [];
  const names = posted
    .filter((entry) => !entry?.skipped)
    .map((entry) => `#${store.channel(entry?.channel)?.name ?? entry?.channel}`);
  const skipped = posted.filter((entry) => entry?.skipped).map((entry) => String(entry.skipped));
  if (names.length > 0) return `Tip of the day posted in ${names.join(', ')}.`;
  return `No tip posted${skipped.length > 0 ? `: ${skipped.join('; ')}` : ''}.`;
}

/** Shows short notices in `container`; each goes away after six seconds. */
export function createToaster(container) {
  return (text, kind = 'info') => {
    const role = kind === 'error' ? 'alert' : 'status';
    const note = h('div', { className: `toast ${kind}`, testid: 'toast', attrs: { role } }, text);
    container.append(note);
    setTimeout(() => note.remove(), 6_000);
  };
}
