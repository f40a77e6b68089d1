/* global document, window, location, requestAnimationFrame, setTimeout */
/**
 * @module playground page: app — wires the page: follows the live change stream into the store,
 * routes (`#/channel/<id>[/thread/<ts>]`, `#/assistant[/<ts>]`), and re-renders the sidebar, the
 * main pane and the thread pane once per animation frame after any change.
 */
import { followChanges, postJson } from './api.js';
import { composerCopy, createToaster, describeTip, hashFor, readRoute, renderHeader } from './chrome.js';
import { createComposer } from './composer.js';
import { safeUrl } from './dom.js';
import { myDirectMessage, renderSidebar } from './sidebar.js';
import { createStore } from './store.js';
import { renderAssistant, renderThread, renderTimeline } from './views.js';

const CLICK_COOLDOWN_MS = 2_500;
const store = createStore();
const byId = (testid) => document.querySelector(`[data-testid="${testid}"]`);
const ui = {
  sidebar: byId('sidebar'),
  header: byId('channel-header'),
  list: byId('message-list'),
  threadPane: byId('thread-pane'),
  threadTitle: byId('thread-title'),
  threadList: byId('thread-list'),
  connection: byId('connection'),
  toasts: byId('toasts'),
  workspaceName: byId('workspace-name'),
};
const recentClicks = new Map();
const dismissed = new Set();
const seen = new Map();
let route = { view: 'channel', channel: 'C0GENERAL' };
let loaded = false;
let frame = 0;
let forceBottom = false;
const toast = createToaster(ui.toasts);

function go(next) {
  route = next;
  const hash = hashFor(next);
  if (location.hash !== hash) window.history.replaceState(null, '', hash);
  forceBottom = true;
  scheduleRender();
}

function send(channel, text, threadTs) {
  forceBottom = true;
  return postJson('/api/send', { channel, text, ...(threadTs ? { thread_ts: threadTs } : {}) });
}

function viewFor(channel, inThread) {
  return {
    store,
    channel,
    inThread,
    emptyText: 'No messages yet. Ask something below.',
    handle: (id) => store.handle(id),
    channelName: (id) => store.channel(id)?.name ?? id,
    openThread: (ts) => go({ view: 'channel', channel, thread: ts }),
    dismiss: (ts) => {
      dismissed.add(`${channel}:${ts}`);
      scheduleRender();
    },
    isDismissed: (ts) => dismissed.has(`${channel}:${ts}`),
    isDisabled: (key) => (recentClicks.get(key) ?? 0) > Date.now(),
    openUrl: (url) => safeUrl(url) && window.open(safeUrl(url), '_blank', 'noopener,noreferrer'),
    act({ key, channel: clickedChannel, ts, actionId, blockId, value }) {
      recentClicks.set(key, Date.now() + CLICK_COOLDOWN_MS);
      setTimeout(scheduleRender, CLICK_COOLDOWN_MS + 50);
      const body = {
        channel: clickedChannel,
        message_ts: ts,
        action_id: actionId,
        ...(blockId ? { block_id: blockId } : {}),
        ...(value !== undefined ? { value } : {}),
      };
      postJson('/api/click', body).then(
        (result) => result.ok || toast(`The app answered the click with HTTP ${result.status}.`, 'error'),
        (error) => toast(error.message, 'error'),
      );
    },
  };
}

const mainComposer = createComposer({ name: 'composer', onSend: (text) => sendFromMain(text) });
const threadComposer = createComposer({
  name: 'thread-composer',
  onSend: (text) => send(route.channel, text, route.thread),
});
byId('composer-slot').append(mainComposer.element);
byId('thread-composer-slot').append(threadComposer.element);
threadComposer.setPlaceholder('Reply… mention @mentor to ask a follow-up');
threadComposer.setHints(['@mentor can you show an example?']);

function sendFromMain(text) {
  if (route.view !== 'assistant') return send(route.channel, text);
  const dm = myDirectMessage(store);
  if (!dm || !route.assistantTs) return Promise.reject(new Error('Start a chat first (✨ New chat).'));
  return send(dm.id, text, route.assistantTs);
}

async function newAssistantChat() {
  const started = await postJson('/api/assistant');
  go({ view: 'assistant', assistantTs: started.thread_ts });
}

function keepScroll(container, rebuild) {
  const atBottom = forceBottom || container.scrollHeight - container.scrollTop - container.clientHeight < 80;
  const top = container.scrollTop;
  container.replaceChildren(...[rebuild()].flat(Infinity).filter(Boolean));
  container.scrollTop = atBottom ? container.scrollHeight : top;
}

let composerKey = '';
function renderComposerFor(channel) {
  const key = `${route.view}:${channel?.id ?? ''}`;
  if (key === composerKey) return;
  composerKey = key;
  const { placeholder, hints } = composerCopy(store, route, channel);
  mainComposer.setPlaceholder(placeholder);
  mainComposer.setHints(hints);
}

function renderNow() {
  frame = 0;
  if (!loaded) return;
  if (route.view === 'channel' && !store.channel(route.channel)) {
    route = { view: 'channel', channel: (store.findChannel('general') ?? store.channels()[0])?.id ?? '' };
  }
  const dm = myDirectMessage(store);
  const mainChannel = route.view === 'assistant' ? dm?.id : route.channel;
  if (mainChannel) seen.set(mainChannel, store.messageCount(mainChannel));
  const unread = (id) => Math.max(0, store.messageCount(id) - (seen.get(id) ?? store.messageCount(id)));
  ui.workspaceName.textContent = store.team.name;
  ui.sidebar.replaceChildren(...renderSidebar({ store, route, unread, go }).flat().filter(Boolean));
  const channel = store.channel(mainChannel ?? '');
  ui.header.replaceChildren(...renderHeader(store, route, channel));
  renderComposerFor(channel);
  const view = viewFor(mainChannel ?? '', route.view === 'assistant');
  keepScroll(ui.list, () =>
    route.view === 'assistant'
      ? renderAssistant(view, route.assistantTs, {
          newChat: () => newAssistantChat().catch((error) => toast(error.message, 'error')),
          select: (ts) => go({ view: 'assistant', assistantTs: ts }),
          prompt: (text) => sendFromMain(text).catch((error) => toast(error.message, 'error')),
        })
      : renderTimeline(view),
  );
  const threadOpen = route.view === 'channel' && route.thread !== undefined;
  ui.threadPane.hidden = !threadOpen;
  if (threadOpen) {
    ui.threadTitle.textContent = `Thread · ${channel?.kind === 'im' ? store.bot.name : `#${channel?.name ?? ''}`}`;
    keepScroll(ui.threadList, () => renderThread(viewFor(route.channel, true), route.thread));
  }
  forceBottom = false;
}

function scheduleRender() {
  if (frame === 0) frame = requestAnimationFrame(renderNow);
}

function setConnection(state) {
  ui.connection.dataset.state = state;
  ui.connection.textContent = { live: 'live', connecting: 'reconnecting…', offline: 'offline' }[state];
}

byId('close-thread').addEventListener('click', () => go({ view: 'channel', channel: route.channel }));
byId('post-tip').addEventListener('click', async (event) => {
  const button = event.currentTarget;
  button.disabled = true;
  try {
    const { result } = await postJson('/api/tip');
    toast(describeTip(store, result));
  } catch (error) {
    toast(error.message, 'error');
  } finally {
    setTimeout(() => (button.disabled = false), 1_000);
  }
});
window.addEventListener('hashchange', () => go(readRoute(location.hash)));
route = readRoute(location.hash);

followChanges({
  onState(snapshot) {
    store.load(snapshot);
    if (!loaded) for (const channel of store.channels()) seen.set(channel.id, store.messageCount(channel.id));
    loaded = true;
    document.body.dataset.ready = 'true';
    scheduleRender();
  },
  onChange(change) {
    if (store.apply(change)) scheduleRender();
  },
  onConnection: setConnection,
});
