/**
 * @module slack-stand-in/methods/stream-methods — Slack's chat streaming (`chat.startStream`,
 * `chat.appendStream`, `chat.stopStream`, what Bolt's `sayStream()` calls): the streamed message is a
 * bot message whose text grows with every `markdown_text` chunk; `blocks` chunks and `stopStream`
 * blocks are appended to its blocks. Outside a DM the recipient ids are required, as in Slack.
 */
import { isObject, withBlockIds } from '../message-factory.js';
import type { JsonObject, SlackMessage, StreamRecord, WorkspaceChannel } from '../types.js';
import type { Workspace } from '../workspace.js';
import { threadRoot } from './chat-methods.js';
import {
  arrayArg,
  botChannel,
  fail,
  missingArgument,
  publicMessage,
  stringArg,
  type ApiResponse,
  type MethodHandler,
} from './method-support.js';

const markdownLimit = 12_000;

/** `markdown_text` and/or `chunks` as one chunk list; `exclusive` rejects both at once. */
function chunksArg(args: JsonObject, exclusive: boolean): { chunks: JsonObject[] } | { error: ApiResponse } {
  const markdownText = stringArg(args, 'markdown_text');
  const chunks = arrayArg(args, 'chunks');
  if (chunks === 'invalid') return { error: fail('invalid_chunks') };
  if (exclusive && markdownText !== undefined && chunks !== undefined) {
    return { error: fail('cannot_provide_both_markdown_text_and_chunks') };
  }
  if (markdownText !== undefined && markdownText.length > markdownLimit)
    return { error: fail('msg_too_long') };
  const valid = (chunk: unknown): chunk is JsonObject =>
    isObject(chunk) &&
    typeof chunk.type === 'string' &&
    (chunk.type !== 'markdown_text' || typeof chunk.text === 'string') &&
    (chunk.type !== 'blocks' || Array.isArray(chunk.blocks));
  if (chunks && !chunks.every(valid)) return { error: fail('invalid_chunks') };
  const list = markdownText === undefined ? [] : [{ type: 'markdown_text', text: markdownText }];
  return { chunks: [...list, ...((chunks ?? []) as JsonObject[])] };
}

/** Applies chunks to the streamed message: text grows, `blocks` chunks add blocks. */
function applyChunks(message: SlackMessage, stream: StreamRecord, chunks: JsonObject[]): void {
  for (const chunk of chunks) {
    if (chunk.type === 'markdown_text') message.text += String(chunk.text);
    if (chunk.type === 'blocks' && Array.isArray(chunk.blocks)) {
      message.blocks = [...(message.blocks ?? []), ...withBlockIds(chunk.blocks)];
    }
  }
  stream.chunks.push(...structuredClone(chunks));
}

function emitStream(
  workspace: Workspace,
  phase: 'start' | 'append' | 'stop',
  stream: StreamRecord,
  text: string,
) {
  const { channel, ts, chunks } = stream;
  workspace.feed.emit({ type: 'stream', phase, channel, ts, text, chunks: structuredClone(chunks) });
}

function recipientError(
  workspace: Workspace,
  channel: WorkspaceChannel,
  args: JsonObject,
): ApiResponse | undefined {
  const userId = stringArg(args, 'recipient_user_id');
  const teamId = stringArg(args, 'recipient_team_id');
  if (channel.kind === 'im') return undefined;
  if (userId === undefined) return fail('missing_recipient_user_id');
  if (teamId === undefined) return fail('missing_recipient_team_id');
  if (!workspace.user(userId)) return fail('user_not_found');
  return teamId === workspace.team.id ? undefined : fail('team_not_found');
}

const startStream: MethodHandler = ({ workspace, args }) => {
  const access = botChannel(workspace, stringArg(args, 'channel'), 'post');
  if (access.error) return access.error;
  const recipientProblem = recipientError(workspace, access.channel, args);
  if (recipientProblem) return recipientProblem;
  const parsed = chunksArg(args, false);
  if ('error' in parsed) return parsed.error;
  const channel = access.channel.id;
  const thread_ts = threadRoot(workspace, channel, stringArg(args, 'thread_ts'));
  const message = workspace.botMessage({ text: '', thread_ts });
  message.streaming_state = 'in_progress';
  const stream: StreamRecord = { channel, ts: message.ts, state: 'in_progress', chunks: [] };
  if (thread_ts !== undefined) stream.thread_ts = thread_ts;
  const recipientUser = stringArg(args, 'recipient_user_id');
  const recipientTeam = stringArg(args, 'recipient_team_id');
  if (recipientUser !== undefined) stream.recipient_user_id = recipientUser;
  if (recipientTeam !== undefined) stream.recipient_team_id = recipientTeam;
  applyChunks(message, stream, parsed.chunks);
  workspace.streams.set(`${channel}:${message.ts}`, stream);
  workspace.messages.add(channel, message);
  emitStream(workspace, 'start', stream, message.text);
  return { ok: true, channel, ts: message.ts };
};

/** The streaming message named by `channel` + `ts`, or the error Slack gives for it. */
function streamTarget(
  workspace: Workspace,
  args: JsonObject,
): { channel: string; message: SlackMessage; stream: StreamRecord } | { error: ApiResponse } {
  const access = botChannel(workspace, stringArg(args, 'channel'), 'post');
  if (access.error) return { error: access.error };
  const ts = stringArg(args, 'ts');
  if (ts === undefined) return { error: missingArgument('ts') };
  const channel = access.channel.id;
  const message = workspace.messages.find(channel, ts);
  if (!message) return { error: fail('message_not_found') };
  if (message.bot_id !== workspace.bot.botId) return { error: fail('message_not_owned_by_app') };
  const stream = workspace.streams.get(`${channel}:${ts}`);
  if (!stream || stream.state !== 'in_progress') return { error: fail('message_not_in_streaming_state') };
  return { channel, message, stream };
}

const appendStream: MethodHandler = ({ workspace, args }) => {
  const target = streamTarget(workspace, args);
  if ('error' in target) return target.error;
  const parsed = chunksArg(args, true);
  if ('error' in parsed) return parsed.error;
  if (parsed.chunks.length === 0) return fail('markdown_text_or_chunks_required');
  applyChunks(target.message, target.stream, parsed.chunks);
  emitStream(workspace, 'append', target.stream, target.message.text);
  return { ok: true, channel: target.channel, ts: target.message.ts };
};

const stopStream: MethodHandler = ({ workspace, args }) => {
  const target = streamTarget(workspace, args);
  if ('error' in target) return target.error;
  const parsed = chunksArg(args, true);
  if ('error' in parsed) return parsed.error;
  const blocks = arrayArg(args, 'blocks');
  if (blocks === 'invalid') return fail('invalid_blocks');
  if (args.metadata !== undefined && !isObject(args.metadata)) return fail('invalid_metadata_format');

  const { channel, stream } = target;
  const message = structuredClone(target.message);
  applyChunks(message, stream, parsed.chunks);
  if (blocks?.length) message.blocks = [...(message.blocks ?? []), ...withBlockIds(blocks)];
  if (args.metadata !== undefined) message.metadata = args.metadata;
  message.streaming_state = 'completed';
  stream.state = 'completed';
  workspace.messages.replace(channel, message);
  emitStream(workspace, 'stop', stream, message.text);
  return { ok: true, channel, ts: message.ts, message: publicMessage(message) };
};

export const streamMethods: Record<string, MethodHandler> = {
  'chat.startStream': startStream,
  'chat.appendStream': appendStream,
  'chat.stopStream': stopStream,
};
