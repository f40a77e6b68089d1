/**
 * @module slack-stand-in/methods/chat-methods — `chat.postMessage`, `chat.update` and
 * `chat.postEphemeral` with Slack's response shapes and errors (`channel_not_found`,
 * `not_in_channel`, `no_text`, `message_not_found`, `cant_update_message`, `user_not_in_channel`, …).
 */
import { isObject, withBlockIds } from '../message-factory.js';
import type { JsonObject, SlackMessage } from '../types.js';
import type { Workspace } from '../workspace.js';
import {
  botChannel,
  fail,
  isTruthyArg,
  messageContentArgs,
  missingArgument,
  publicMessage,
  stringArg,
  type ApiResponse,
  type MethodHandler,
} from './method-support.js';

/** A reply's ts stands for its thread (Slack threads replies under the parent). */
export function threadRoot(
  workspace: Workspace,
  channel: string,
  threadTs: string | undefined,
): string | undefined {
  if (threadTs === undefined) return undefined;
  return workspace.messages.find(channel, threadTs)?.thread_ts ?? threadTs;
}

function metadataArg(args: JsonObject): { metadata?: unknown; error?: ApiResponse } {
  if (args.metadata === undefined) return {};
  return isObject(args.metadata) ? { metadata: args.metadata } : { error: fail('invalid_metadata_format') };
}

const postMessage: MethodHandler = ({ workspace, args }) => {
  const access = botChannel(workspace, stringArg(args, 'channel'), 'post');
  if (access.error) return access.error;
  const content = messageContentArgs(args);
  if (content.error) return content.error;
  const metadata = metadataArg(args);
  if (metadata.error) return metadata.error;
  const channel = access.channel.id;
  const thread_ts = threadRoot(workspace, channel, stringArg(args, 'thread_ts'));
  const message = workspace.botMessage({ ...content, metadata: metadata.metadata, thread_ts });
  if (thread_ts !== undefined && isTruthyArg(args.reply_broadcast)) message.subtype = 'thread_broadcast';
  workspace.messages.add(channel, message);
  return { ok: true, channel, ts: message.ts, message: publicMessage(message) };
};

const update: MethodHandler = ({ workspace, args }) => {
  const access = botChannel(workspace, stringArg(args, 'channel'), 'post');
  if (access.error) return access.error;
  const ts = stringArg(args, 'ts');
  if (ts === undefined) return missingArgument('ts');
  const channel = access.channel.id;
  const existing = workspace.messages.find(channel, ts);
  if (!existing) return fail('message_not_found');
  if (existing.bot_id !== workspace.bot.botId) return fail('cant_update_message');
  if (existing.streaming_state === 'in_progress') return fail('streaming_state_conflict');
  const content = messageContentArgs(args);
  if (content.error) return content.error;
  const metadata = metadataArg(args);
  if (metadata.error) return metadata.error;

  const next: SlackMessage = structuredClone(existing);
  next.text = content.text;
  if (content.blocks?.length) next.blocks = withBlockIds(content.blocks);
  else delete next.blocks;
  if (content.attachments !== undefined) next.attachments = content.attachments;
  if (metadata.metadata !== undefined) next.metadata = metadata.metadata;
  if (isObject(next.metadata) && Object.keys(next.metadata).length === 0) delete next.metadata;
  if (!content.blocks && content.text !== existing.text) {
    next.edited = { user: workspace.bot.userId, ts: workspace.clock.nextTs() };
  }
  workspace.messages.replace(channel, next);

  return { ok: true, channel, ts, text: next.text, message: publicMessage(next) };
};

const postEphemeral: MethodHandler = ({ workspace, args }) => {
  const access = botChannel(workspace, stringArg(args, 'channel'), 'post');
  if (access.error) return access.error;
  const user = stringArg(args, 'user');
  if (user === undefined) return missingArgument('user');
  if (!workspace.user(user)) return fail('user_not_found');
  const channel = access.channel;
  if (!channel.members.includes(user)) return fail('user_not_in_channel');
  const content = messageContentArgs(args);
  if (content.error) return content.error;
  const thread_ts = threadRoot(workspace, channel.id, stringArg(args, 'thread_ts'));
  const message = workspace.botMessage({ ...content, thread_ts });
  workspace.messages.addEphemeral({
    channel: channel.id,
    recipient: user,
    source: 'chat.postEphemeral',
    message,
  });
  return { ok: true, message_ts: message.ts };
};

export const chatMethods: Record<string, MethodHandler> = {
  'chat.postMessage': postMessage,
  'chat.update': update,
  'chat.postEphemeral': postEphemeral,
};
