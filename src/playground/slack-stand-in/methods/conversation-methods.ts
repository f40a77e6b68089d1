/**
 * @module slack-stand-in/methods/conversation-methods — `conversations.replies` (parent first, then
 * replies oldest first), `conversations.history` (top-level messages, newest first) and
 * `conversations.info`, with Slack's `oldest`/`latest`/`inclusive`/`limit`/`cursor` paging.
 */
import { compareTs } from '../message-store.js';
import type { JsonObject, SlackMessage, WorkspaceChannel } from '../types.js';
import type { Workspace } from '../workspace.js';
import {
  botChannel,
  fail,
  isTruthyArg,
  publicMessage,
  stringArg,
  type ApiResponse,
  type MethodHandler,
} from './method-support.js';

const timestampPattern = /^\d+(\.\d+)?$/;

/** Filters by `oldest`/`latest` (exclusive unless `inclusive`), or returns Slack's error. */
function inWindow(args: JsonObject): ((message: SlackMessage) => boolean) | ApiResponse {
  const oldest = stringArg(args, 'oldest');
  const latest = stringArg(args, 'latest');
  if (oldest !== undefined && !timestampPattern.test(oldest)) return fail('invalid_ts_oldest');
  if (latest !== undefined && !timestampPattern.test(latest)) return fail('invalid_ts_latest');
  const inclusive = isTruthyArg(args.inclusive);
  return (message) => {
    const afterOldest = oldest === undefined || compareTs(message.ts, oldest) > (inclusive ? -1 : 0);
    const beforeLatest = latest === undefined || compareTs(message.ts, latest) < (inclusive ? 1 : 0);
    return afterOldest && beforeLatest;
  };
}

/** One page of `list` in Slack's cursor style (`next_ts:<ts>`, base64). */
function page(list: SlackMessage[], args: JsonObject, defaultLimit: number): ApiResponse {
  const requested = Number(args.limit);
  const limit = Number.isInteger(requested) && requested > 0 ? Math.min(requested, 1000) : defaultLimit;
  let start = 0;
  const cursor = stringArg(args, 'cursor');
  if (cursor !== undefined) {
    const ts = Buffer.from(cursor, 'base64')
      .toString('utf8')
      .replace(/^next_ts:/, '');
    start = list.findIndex((message) => message.ts === ts);
    if (start === -1) return fail('invalid_cursor');
  }
  const messages = list.slice(start, start + limit);
  const next = list[start + limit];
  const includeMetadata = isTruthyArg(args.include_all_metadata);
  const result: ApiResponse = {
    ok: true,
    messages: messages.map((message) => publicMessage(message, includeMetadata)),
    has_more: next !== undefined,
  };
  if (next) result.response_metadata = { next_cursor: Buffer.from(`next_ts:${next.ts}`).toString('base64') };
  return result;
}

const replies: MethodHandler = ({ workspace, args }) => {
  const access = botChannel(workspace, stringArg(args, 'channel'), 'read');
  if (access.error) return access.error;
  const channel = access.channel.id;
  const ts = stringArg(args, 'ts');
  const named = ts === undefined ? undefined : workspace.messages.find(channel, ts);
  if (!named) return fail('thread_not_found');
  const rootTs = named.thread_ts ?? named.ts;
  const window = inWindow(args);
  if (typeof window !== 'function') return window;
  const history = workspace.messages.history(channel);
  const parent = history.filter((message) => message.ts === rootTs);
  const threadReplies = history.filter((message) => message.thread_ts === rootTs && message.ts !== rootTs);
  return page([...parent, ...threadReplies.filter(window)], args, 1000);
};

const history: MethodHandler = ({ workspace, args }) => {
  const access = botChannel(workspace, stringArg(args, 'channel'), 'read');
  if (access.error) return access.error;
  const window = inWindow(args);
  if (typeof window !== 'function') return window;
  const topLevel = workspace.messages
    .history(access.channel.id)
    .filter(
      (message) =>
        message.thread_ts === undefined ||
        message.thread_ts === message.ts ||
        message.subtype === 'thread_broadcast',
    )
    .filter(window)
    .reverse();
  const result = page(topLevel, args, 100);
  return result.ok ? { ...result, pin_count: 0, channel_actions_ts: null, channel_actions_count: 0 } : result;
};

/** The conversation object Slack returns from `conversations.info`. */
export function conversationObject(
  workspace: Workspace,
  channel: WorkspaceChannel,
  withCount: boolean,
): JsonObject {
  const common = {
    id: channel.id,
    created: channel.created,
    is_archived: false,
    is_org_shared: false,
    context_team_id: workspace.team.id,
    updated: channel.created * 1000,
  };
  if (channel.kind === 'im') {
    return {
      ...common,
      is_channel: false,
      is_group: false,
      is_im: true,
      is_mpim: false,
      is_private: true,
      user: channel.imUser,
      is_user_deleted: false,
      priority: 0,
      is_open: true,
    };
  }
  const empty = { value: '', creator: '', last_set: 0 };
  const conversation: JsonObject = {
    ...common,
    name: channel.name,
    name_normalized: channel.name,
    is_channel: true,
    is_group: false,
    is_im: false,
    is_mpim: false,
    is_private: channel.kind === 'private',
    is_general: channel.name === 'general',
    is_shared: false,
    is_ext_shared: false,
    is_pending_ext_shared: false,
    unlinked: 0,
    creator: channel.members.find((member) => member !== workspace.bot.userId) ?? workspace.defaultUserId,
    is_member: workspace.isBotMember(channel),
    topic: empty,
    purpose: empty,
    previous_names: [],
  };
  if (withCount) conversation.num_members = channel.members.length;
  return conversation;
}

const info: MethodHandler = ({ workspace, args }) => {
  const access = botChannel(workspace, stringArg(args, 'channel'), 'see');
  if (access.error) return access.error;
  return {
    ok: true,
    channel: conversationObject(workspace, access.channel, isTruthyArg(args.include_num_members)),
  };
};

export const conversationMethods: Record<string, MethodHandler> = {
  'conversations.replies': replies,
  'conversations.history': history,
  'conversations.info': info,
};
