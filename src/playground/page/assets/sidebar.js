/**
 * @module playground page: sidebar — channels (# public, 🔒 private, muted where the app is not a
 * member), then the app: its DM ("Node Mentor") and the assistant pane. Unread channels are bold.
 */
import { h } from './dom.js';

/** The DM between me and the bot. */
export function myDirectMessage(store) {
  return store.channels().find((channel) => channel.kind === 'im' && channel.imUser === store.me);
}

function item({ testid, label, prefix, active, unread, muted, note, onClick }) {
  return h(
    'button',
    {
      type: 'button',
      className: `nav-item${active ? ' active' : ''}${unread ? ' unread' : ''}${muted ? ' muted' : ''}`,
      testid,
      title: note,
      attrs: { 'aria-current': active ? 'page' : undefined },
      on: { click: onClick },
    },
    h('span', { className: 'nav-prefix', attrs: { 'aria-hidden': 'true' } }, prefix),
    h('span', { className: 'nav-label' }, label),
    unread ? h('span', { className: 'nav-badge' }, String(unread)) : null,
  );
}

/**
 * @param {{ store, route, unread: (id) => number, go: (route) => void }} options
 */
export function renderSidebar({ store, route, unread, go }) {
  const channels = store
    .channels()
    .filter((channel) => channel.kind !== 'im')
    .sort((left, right) => left.name.localeCompare(right.name));
  const dm = myDirectMessage(store);
  return [
    h('div', { className: 'nav-section' }, 'Channels'),
    channels.map((channel) =>
      item({
        testid: `nav-${channel.name}`,
        label: channel.name,
        prefix: channel.kind === 'private' ? '🔒' : '#',
        active: route.view === 'channel' && route.channel === channel.id,
        unread: unread(channel.id),
        muted: !channel.is_member,
        note: channel.is_member ? undefined : `${store.bot.name} is not in this channel`,
        onClick: () => go({ view: 'channel', channel: channel.id }),
      }),
    ),
    h('div', { className: 'nav-section' }, 'Apps'),
    dm
      ? item({
          testid: 'nav-dm',
          label: 'Node Mentor',
          prefix: '💬',
          active: route.view === 'channel' && route.channel === dm.id,
          unread: unread(dm.id),
          onClick: () => go({ view: 'channel', channel: dm.id }),
        })
      : null,
    item({
      testid: 'nav-assistant',
      label: 'Assistant',
      prefix: '✨',
      active: route.view === 'assistant',
      onClick: () => go({ view: 'assistant' }),
    }),
  ];
}
