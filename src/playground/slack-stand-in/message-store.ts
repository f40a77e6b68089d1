/**
 * @module slack-stand-in/message-store — channel histories (oldest first), thread bookkeeping on the
 * parent (`reply_count`, `reply_users`, `latest_reply`), reactions and ephemeral messages. Every
 * change is published on the change feed as a copy, so listeners cannot mutate the store.
 */
import type { ChangeFeed } from './change-feed.js';
import type { EphemeralMessage, SlackMessage } from './types.js';

export type ReactionOutcome = 'ok' | 'message_not_found' | 'already_reacted';

export interface MessageStore {
  /** Stores a message; a reply updates its parent's thread fields and gets `parent_user_id`. */
  add(channel: string, message: SlackMessage): SlackMessage;
  find(channel: string, ts: string): SlackMessage | undefined;
  /** Replaces a stored message (same ts) and publishes `message_changed`. */
  replace(channel: string, next: SlackMessage): void;
  remove(channel: string, ts: string): boolean;
  /** Every message of the channel, replies included, oldest first. Live objects: copy before handing out. */
  history(channel: string): SlackMessage[];
  addReaction(channel: string, ts: string, name: string, user: string): ReactionOutcome;
  addEphemeral(ephemeral: EphemeralMessage): void;
  findEphemeral(channel: string, ts: string): EphemeralMessage | undefined;
  /** Replaces an ephemeral message's content, or deletes it when `message` is null. */
  replaceEphemeral(channel: string, ts: string, message: SlackMessage | null): void;
  ephemerals(): EphemeralMessage[];
  clear(): void;
}

/** Orders Slack timestamps exactly (they do not fit a double with all six decimals). */
export function compareTs(left: string, right: string): number {
  const toBigInt = (ts: string) => {
    const [seconds = '0', fraction = ''] = ts.split('.');
    return BigInt(seconds) * 1_000_000n + BigInt(fraction.padEnd(6, '0').slice(0, 6) || '0');
  };
  const difference = toBigInt(left) - toBigInt(right);
  return difference === 0n ? 0 : difference < 0n ? -1 : 1;
}

export function createMessageStore(feed: ChangeFeed): MessageStore {
  const channels = new Map<string, SlackMessage[]>();
  let ephemeralMessages: EphemeralMessage[] = [];

  const historyOf = (channel: string): SlackMessage[] => {
    let list = channels.get(channel);
    if (!list) channels.set(channel, (list = []));
    return list;
  };
  const find = (channel: string, ts: string) => historyOf(channel).find((message) => message.ts === ts);

  function noteReply(channel: string, reply: SlackMessage): void {
    const parent = reply.thread_ts === undefined ? undefined : find(channel, reply.thread_ts);
    if (!parent || parent === reply) return;
    const previous = structuredClone(parent);
    reply.parent_user_id = parent.user;
    const replyUsers = new Set([...(parent.reply_users ?? []), reply.user]);
    Object.assign(parent, {
      thread_ts: parent.ts,
      reply_count: (parent.reply_count ?? 0) + 1,
      reply_users_count: replyUsers.size,
      latest_reply: reply.ts,
      reply_users: [...replyUsers],
      is_locked: false,
      subscribed: false,
    });
    feed.emit({
      type: 'message_changed',
      channel,
      message: structuredClone(parent),
      previous_message: previous,
    });
  }

  return {
    add(channel, message) {
      const list = historyOf(channel);
      // New messages are almost always the latest: scan from the end, so a long history costs nothing.
      let position = list.length;
      while (position > 0 && compareTs(list[position - 1]?.ts ?? '0', message.ts) > 0) position -= 1;
      list.splice(position, 0, message);
      noteReply(channel, message);
      feed.emit({ type: 'message', channel, message: structuredClone(message) });
      return message;
    },
    find,
    replace(channel, next) {
      const list = historyOf(channel);
      const position = list.findIndex((message) => message.ts === next.ts);
      const previous = list[position];
      if (position === -1 || !previous) return;
      list[position] = next;
      feed.emit({
        type: 'message_changed',
        channel,
        message: structuredClone(next),
        previous_message: structuredClone(previous),
      });
    },
    remove(channel, ts) {
      const list = historyOf(channel);
      const position = list.findIndex((message) => message.ts === ts);
      if (position === -1) return false;
      list.splice(position, 1);
      feed.emit({ type: 'message_deleted', channel, ts });
      return true;
    },
    history: historyOf,
    addReaction(channel, ts, name, user) {
      const message = find(channel, ts);
      if (!message) return 'message_not_found';
      const reactions = (message.reactions ??= []);
      let reaction = reactions.find((existing) => existing.name === name);
      if (reaction?.users.includes(user)) return 'already_reacted';
      if (!reaction) reactions.push((reaction = { name, users: [], count: 0 }));
      reaction.users.push(user);
      reaction.count = reaction.users.length;
      feed.emit({ type: 'reaction', channel, ts, name, user });
      return 'ok';
    },
    addEphemeral(ephemeral) {
      ephemeralMessages.push(ephemeral);
      const { channel, recipient: user, message } = ephemeral;
      feed.emit({ type: 'ephemeral', channel, user, message: structuredClone(message) });
    },
    findEphemeral: (channel, ts) =>
      ephemeralMessages.find((ephemeral) => ephemeral.channel === channel && ephemeral.message.ts === ts),
    replaceEphemeral(channel, ts, message) {
      const ephemeral = ephemeralMessages.find(
        (entry) => entry.channel === channel && entry.message.ts === ts,
      );
      if (!ephemeral) return;
      if (message) ephemeral.message = message;
      else ephemeralMessages = ephemeralMessages.filter((entry) => entry !== ephemeral);
      const copy = message ? structuredClone(message) : null;
      feed.emit({ type: 'ephemeral_changed', channel, user: ephemeral.recipient, message: copy, ts });
    },
    ephemerals: () => ephemeralMessages,
    clear() {
      channels.clear();
      ephemeralMessages = [];
    },
  };
}
