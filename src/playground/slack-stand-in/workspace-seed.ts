/**
 * @module slack-stand-in/workspace-seed — the workspace the stand-in starts with: one team, the
 * bot, three people, #general (bot is a member), #random (bot is not), a private #mentor-lab (bot is
 * a member) and a DM between the default person and the bot. Every part can be replaced by options.
 */
import type { BotIdentity, ChannelKind, TeamInfo, WorkspaceUser } from './types.js';

export interface SeedChannel {
  id: string;
  name: string;
  kind: ChannelKind;
  /** User ids; include the bot's user id to make the bot a member. For an `im`, leave empty. */
  members?: string[];
  /** For an `im`: the person the bot talks to. */
  imUser?: string;
}

export interface WorkspaceSeed {
  team: TeamInfo;
  bot: BotIdentity;
  /** People (not the bot: it is added from `bot`). */
  users: WorkspaceUser[];
  channels: SeedChannel[];
  /** The person the playground acts as by default. */
  defaultUserId: string;
}

export const defaultTeam: TeamInfo = {
  id: 'T0STANDIN',
  name: 'Node Mentor Playground',
  domain: 'node-mentor',
};

export const defaultBot: BotIdentity = {
  userId: 'U0MENTOR',
  botId: 'B0MENTOR',
  appId: 'A0MENTOR',
  name: 'node-mentor',
};

export const defaultUsers: WorkspaceUser[] = [
  { id: 'U0ALICE', name: 'alice', realName: 'Alice Example', isBot: false },
  { id: 'U0BOB', name: 'bob', realName: 'Bob Example', isBot: false },
  { id: 'U0CAROL', name: 'carol', realName: 'Carol Example', isBot: false },
];

/** Builds the default seed around a (possibly overridden) bot and user list. */
export function createDefaultSeed(overrides: Partial<WorkspaceSeed> = {}): WorkspaceSeed {
  const bot = overrides.bot ?? defaultBot;
  const users = overrides.users ?? defaultUsers;
  const humanIds = users.map((user) => user.id);
  const defaultUserId = overrides.defaultUserId ?? humanIds[0] ?? 'U0ALICE';
  const channels: SeedChannel[] = overrides.channels ?? [
    { id: 'C0GENERAL', name: 'general', kind: 'public', members: [...humanIds, bot.userId] },
    { id: 'C0RANDOM', name: 'random', kind: 'public', members: [...humanIds] },
    { id: 'C0MENTORLAB', name: 'mentor-lab', kind: 'private', members: [defaultUserId, bot.userId] },
    { id: 'D0DEFAULT', name: defaultUserId, kind: 'im', imUser: defaultUserId },
  ];
  return { team: overrides.team ?? defaultTeam, bot, users, channels, defaultUserId };
}
