/**
 * @module slack-stand-in/workspace — the in-memory Slack workspace: team, bot, people, channels and
 * their membership, messages (via the message store), streams and assistant-thread state, plus a
 * JSON-able `snapshot()`. Single-instance and in-process by design: it exists for tests and the
 * playground, never for production.
 */
import type { ChangeFeed } from './change-feed.js';
import { createBotMessage, type MessageContent } from './message-factory.js';
import { createMessageStore, type MessageStore } from './message-store.js';
import type { SlackClock } from './slack-ids.js';
import type {
  AssistantThreadState,
  BotIdentity,
  EphemeralMessage,
  SlackMessage,
  StreamRecord,
  TeamInfo,
  WorkspaceChannel,
  WorkspaceUser,
} from './types.js';
import type { WorkspaceSeed } from './workspace-seed.js';

export interface WorkspaceSnapshot {
  team: TeamInfo;
  bot: BotIdentity;
  defaultUserId: string;
  users: WorkspaceUser[];
  channels: Array<WorkspaceChannel & { is_member: boolean; messages: SlackMessage[] }>;
  ephemerals: EphemeralMessage[];
  streams: StreamRecord[];
  assistantThreads: AssistantThreadState[];
}

export interface Workspace {
  readonly team: TeamInfo;
  readonly bot: BotIdentity;
  readonly defaultUserId: string;
  readonly clock: SlackClock;
  readonly feed: ChangeFeed;
  readonly messages: MessageStore;
  /** Streams by `"<channel>:<ts>"`. */
  readonly streams: Map<string, StreamRecord>;
  /** The bot user first, then the people. */
  users(): WorkspaceUser[];
  user(id: string): WorkspaceUser | undefined;
  channels(): WorkspaceChannel[];
  /** By id, or by name with or without `#`. */
  channel(idOrName: string): WorkspaceChannel | undefined;
  /** The DM between a person and the bot, opened if it does not exist yet. */
  openIm(userId: string): WorkspaceChannel;
  isBotMember(channel: WorkspaceChannel): boolean;
  /** A new bot-authored message (not stored). */
  botMessage(content: MessageContent): SlackMessage;
  assistantThread(channel: string, threadTs: string): AssistantThreadState | undefined;
  /** Merges changes into a thread's assistant state and publishes them as `type`. */
  updateAssistantThread(
    channel: string,
    threadTs: string,
    changes: Partial<AssistantThreadState>,
    type: 'status' | 'assistant_thread',
  ): void;
  snapshot(): WorkspaceSnapshot;
  /** Back to the seed: messages, ephemerals, streams and assistant state are dropped. */
  clear(): void;
}

export function createWorkspace(seed: WorkspaceSeed, clock: SlackClock, feed: ChangeFeed): Workspace {
  const { team, bot } = seed;
  const botUser: WorkspaceUser = { id: bot.userId, name: bot.name, realName: bot.name, isBot: true };
  const people = new Map(seed.users.map((user) => [user.id, { ...user }]));
  let channelList: WorkspaceChannel[] = [];
  const messages = createMessageStore(feed);
  const streams = new Map<string, StreamRecord>();
  const assistantThreads = new Map<string, AssistantThreadState>();
  const created = clock.nowSeconds();

  function seedChannels(): void {
    channelList = seed.channels.map((channel) => ({
      id: channel.id,
      name: channel.name,
      kind: channel.kind,
      created,
      members:
        channel.kind === 'im'
          ? [channel.imUser ?? seed.defaultUserId, bot.userId]
          : [...(channel.members ?? [])],
      ...(channel.kind === 'im' ? { imUser: channel.imUser ?? seed.defaultUserId } : {}),
    }));
  }
  seedChannels();

  const workspace: Workspace = {
    team,
    bot,
    defaultUserId: seed.defaultUserId,
    clock,
    feed,
    messages,
    streams,
    users: () => [botUser, ...people.values()],
    user: (id) => (id === bot.userId ? botUser : people.get(id)),
    channels: () => channelList,
    channel(idOrName) {
      const name = idOrName.replace(/^#/, '');
      return (
        channelList.find((channel) => channel.id === idOrName) ??
        channelList.find((channel) => channel.kind !== 'im' && channel.name === name)
      );
    },
    openIm(userId) {
      const existing = channelList.find((channel) => channel.kind === 'im' && channel.imUser === userId);
      if (existing) return existing;
      const im: WorkspaceChannel = {
        id: `D0${userId.replace(/^[UW]0?/, '')}`,
        name: userId,
        kind: 'im',
        members: [userId, bot.userId],
        created: clock.nowSeconds(),
        imUser: userId,
      };
      channelList.push(im);
      return im;
    },
    isBotMember: (channel) => channel.members.includes(bot.userId),
    botMessage: (content) => createBotMessage({ team, bot }, clock.nextTs(), content),
    assistantThread: (channel, threadTs) => assistantThreads.get(`${channel}:${threadTs}`),
    updateAssistantThread(channel, threadTs, changes, type) {
      const key = `${channel}:${threadTs}`;
      const state = { ...(assistantThreads.get(key) ?? { channel, thread_ts: threadTs }), ...changes };
      assistantThreads.set(key, state);
      feed.emit({ type, ...structuredClone(state) });
    },
    snapshot: () =>
      structuredClone({
        team,
        bot,
        defaultUserId: seed.defaultUserId,
        users: workspace.users(),
        channels: channelList.map((channel) => ({
          ...channel,
          is_member: workspace.isBotMember(channel),
          messages: messages.history(channel.id),
        })),
        ephemerals: messages.ephemerals(),
        streams: [...streams.values()],
        assistantThreads: [...assistantThreads.values()],
      }),
    clear() {
      messages.clear();
      streams.clear();
      assistantThreads.clear();
      seedChannels();
    },
  };
  return workspace;
}
