/**
 * @module playground page: store — the page's copy of the stand-in's workspace: loaded from
 * `/api/state`, kept current by the change events of `/api/events` (every change is an upsert, so
 * replaying one is harmless), and read by the views. Pure: no DOM.
 */

/** Orders Slack timestamps (`seconds.micros`) exactly, without floating point. */
export function compareTs(left, right) {
  const [leftSeconds = '0', leftFraction = ''] = left.split('.');
  const [rightSeconds = '0', rightFraction = ''] = right.split('.');
  if (leftSeconds.length !== rightSeconds.length) return leftSeconds.length - rightSeconds.length;
  if (leftSeconds !== rightSeconds) return leftSeconds < rightSeconds ? -1 : 1;
  const leftMicros = leftFraction.padEnd(6, '0');
  const rightMicros = rightFraction.padEnd(6, '0');
  return leftMicros === rightMicros ? 0 : leftMicros < rightMicros ? -1 : 1;
}

const byTs = (left, right) => compareTs(left.message.ts, right.message.ts);
const isReply = (message) => message.thread_ts !== undefined && message.thread_ts !== message.ts;

export function createStore() {
  let team = { id: '', name: 'Playground' };
  let bot = { userId: '', name: 'node-mentor' };
  let me = '';
  const users = new Map();
  const channels = new Map();
  const ephemerals = new Map();
  const assistant = new Map();

  const channelEntry = (id) => {
    if (!channels.has(id))
      channels.set(id, {
        id,
        name: id,
        kind: id.startsWith('D') ? 'im' : 'public',
        is_member: true,
        messages: new Map(),
      });
    return channels.get(id);
  };
  const setEphemeral = (channel, recipient, message) => {
    if (recipient === me) ephemerals.set(`${channel}:${message.ts}`, { channel, recipient, message });
  };

  const handlers = {
    message: (change) => channelEntry(change.channel).messages.set(change.message.ts, change.message),
    message_changed: (change) => channelEntry(change.channel).messages.set(change.message.ts, change.message),
    message_deleted: (change) => channelEntry(change.channel).messages.delete(change.ts),
    ephemeral: (change) => setEphemeral(change.channel, change.user, change.message),
    ephemeral_changed(change) {
      if (change.message) setEphemeral(change.channel, change.user, change.message);
      else ephemerals.delete(`${change.channel}:${change.ts}`);
    },
    stream(change) {
      const messages = channelEntry(change.channel).messages;
      const message = messages.get(change.ts) ?? {
        type: 'message',
        ts: change.ts,
        user: bot.userId,
        bot_id: 'stream',
      };
      const streaming_state = change.phase === 'stop' ? 'completed' : 'in_progress';
      messages.set(change.ts, { ...message, text: change.text, streaming_state });
    },
    status: (change) => setAssistant(change),
    assistant_thread: (change) => setAssistant(change),
    reaction(change) {
      const message = channelEntry(change.channel).messages.get(change.ts);
      if (!message) return;
      const reactions = (message.reactions ??= []);
      let reaction = reactions.find((existing) => existing.name === change.name);
      if (!reaction) reactions.push((reaction = { name: change.name, users: [], count: 0 }));
      if (!reaction.users.includes(change.user)) reaction.users.push(change.user);
      reaction.count = reaction.users.length;
    },
  };
  function setAssistant(change) {
    const state = { ...change };
    delete state.type;
    const key = `${state.channel}:${state.thread_ts}`;
    assistant.set(key, { ...assistant.get(key), ...state });
  }

  /** A thread: its parent, then replies and thread ephemerals. */
  function thread(channelId, threadTs) {
    const parent = channels.get(channelId)?.messages.get(threadTs);
    const replies = entries(channelId, ({ message }) => isReply(message) && message.thread_ts === threadTs);
    return { parent, replies };
  }

  /** Messages and my ephemerals of a channel that `keep` selects, oldest first. */
  function entries(channelId, keep) {
    const channel = channels.get(channelId);
    const list = [...(channel?.messages.values() ?? [])].map((message) => ({ message, ephemeral: false }));
    for (const entry of ephemerals.values()) {
      if (entry.channel === channelId) list.push({ message: entry.message, ephemeral: true });
    }
    return list.filter(keep).sort(byTs);
  }

  return {
    get team() {
      return team;
    },
    get bot() {
      return bot;
    },
    get me() {
      return me;
    },
    load(snapshot) {
      team = snapshot.team;
      bot = snapshot.bot;
      me = snapshot.defaultUserId;
      users.clear();
      for (const user of snapshot.users) users.set(user.id, user);
      channels.clear();
      for (const channel of snapshot.channels) {
        const messages = new Map(channel.messages.map((message) => [message.ts, message]));
        channels.set(channel.id, { ...channel, messages });
      }
      ephemerals.clear();
      for (const entry of snapshot.ephemerals) setEphemeral(entry.channel, entry.recipient, entry.message);
      assistant.clear();
      for (const state of snapshot.assistantThreads) setAssistant(state);
    },
    /** Applies one change event; false for changes the page does not track (`reset` means reload). */
    apply(change) {
      const handler = handlers[change.type];
      if (!handler) return false;
      handler(change);
      return true;
    },
    channels: () => [...channels.values()],
    channel: (id) => channels.get(id),
    findChannel: (idOrName) =>
      channels.get(idOrName) ??
      [...channels.values()].find((channel) => channel.name === idOrName && channel.kind !== 'im'),
    messageCount: (id) => channels.get(id)?.messages.size ?? 0,
    /** A person's display name, the bot's name, or the id. */
    userName(id) {
      if (id === 'USLACKBOT') return 'Slackbot';
      const user = users.get(id);
      return user ? (user.isBot ? user.name : user.realName || user.name) : id;
    },
    handle: (id) => (id === bot.userId ? bot.name : (users.get(id)?.name ?? id)),
    findMessage(channelId, ts) {
      return channels.get(channelId)?.messages.get(ts) ?? ephemerals.get(`${channelId}:${ts}`)?.message;
    },
    /** The channel's main list: top-level messages, broadcasts and non-thread ephemerals. */
    timeline: (channelId) =>
      entries(channelId, ({ message }) => !isReply(message) || message.subtype === 'thread_broadcast'),
    thread,
    /** How many ephemerals to me sit in the thread under `ts`. */
    privateReplies: (channelId, ts) =>
      entries(
        channelId,
        ({ message, ephemeral }) => ephemeral && message.thread_ts === ts && message.ts !== ts,
      ).length,
    /** The assistant's visible status in a thread, hidden once the bot has replied after the question. */
    statusFor(channelId, threadTs) {
      const state = assistant.get(`${channelId}:${threadTs}`);
      if (!state?.status) return undefined;
      const { replies, parent } = thread(channelId, threadTs);
      const last = replies.filter((entry) => !entry.ephemeral).at(-1)?.message ?? parent;
      return last?.bot_id ? undefined : state.status;
    },
    assistantState: (channelId, threadTs) => assistant.get(`${channelId}:${threadTs}`),
    /** Assistant threads opened in a DM, newest first. */
    assistantThreads: (channelId) =>
      entries(channelId, ({ message }) => message.subtype === 'assistant_app_thread')
        .map((entry) => entry.message)
        .reverse(),
  };
}
