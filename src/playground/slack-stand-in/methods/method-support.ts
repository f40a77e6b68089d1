/**
 * @module slack-stand-in/methods/method-support — what every Web API method handler shares: the
 * handler signature, Slack-shaped errors, argument readers and the bot's channel access rules
 * (unknown or invisible → `channel_not_found`; public but not a member → `not_in_channel`).
 */
import type { JsonObject, SlackMessage, WorkspaceChannel } from '../types.js';
import type { Workspace } from '../workspace.js';

export type ApiResponse = JsonObject & { ok: boolean };

export interface MethodContext {
  workspace: Workspace;
  args: JsonObject;
}

export type MethodHandler = (context: MethodContext) => ApiResponse;

export function fail(error: string, extra: JsonObject = {}): ApiResponse {
  return { ok: false, error, ...extra };
}

/** Slack's answer to a missing required argument. */
export function missingArgument(name: string): ApiResponse {
  return fail('invalid_arguments', {
    response_metadata: { messages: [`[ERROR] missing required field: ${name}`] },
  });
}

/** A non-empty string argument, or undefined. */
export function stringArg(args: JsonObject, name: string): string | undefined {
  const value = args[name];
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function isTruthyArg(value: unknown): boolean {
  return value === true || value === 'true' || value === '1' || value === 1;
}

/** Form-encoded arrays arrive decoded; anything else under an array field is invalid. */
export function arrayArg(args: JsonObject, name: string): unknown[] | undefined | 'invalid' {
  const value = args[name];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value : 'invalid';
}

export type ChannelAccess = 'post' | 'read' | 'see';

/**
 * Resolves `channel` as the bot sees it. `post` also accepts a user id (opens the DM, as
 * `chat.postMessage` does); `see` allows public channels the bot is not in (`conversations.info`).
 */
export function botChannel(
  workspace: Workspace,
  channelArg: string | undefined,
  access: ChannelAccess,
): { channel: WorkspaceChannel; error?: undefined } | { error: ApiResponse } {
  if (channelArg === undefined) return { error: fail('channel_not_found') };
  let channel = workspace.channel(channelArg);
  const person = workspace.user(channelArg);
  if (!channel && access === 'post' && person && !person.isBot) channel = workspace.openIm(person.id);
  if (!channel) return { error: fail('channel_not_found') };
  const member = workspace.isBotMember(channel);
  if (member) return { channel };
  if (channel.kind !== 'public') return { error: fail('channel_not_found') };
  return access === 'see' ? { channel } : { error: fail('not_in_channel') };
}

/** A copy of a stored message for a response; `metadata` only when asked for, as Slack does. */
export function publicMessage(message: SlackMessage, includeMetadata = true): SlackMessage {
  const copy = structuredClone(message);
  if (!includeMetadata) delete copy.metadata;
  return copy;
}

/** `text`, `blocks`, `attachments` or `markdown_text`: what a posted or updated message may carry. */
export function messageContentArgs(
  args: JsonObject,
): { error: ApiResponse } | { text: string; blocks?: unknown[]; attachments?: unknown[]; error?: undefined } {
  const text = typeof args.text === 'string' ? args.text : undefined;
  const markdownText = stringArg(args, 'markdown_text');
  const blocks = arrayArg(args, 'blocks');
  const attachments = arrayArg(args, 'attachments');
  if (blocks === 'invalid') return { error: fail('invalid_blocks_format') };
  if (attachments === 'invalid') return { error: fail('invalid_attachments') };
  if (markdownText !== undefined) {
    if (text || blocks) return { error: fail('markdown_text_conflict') };
    return { text: markdownText };
  }
  if (!text && !blocks?.length && !attachments?.length) return { error: fail('no_text') };
  return { text: text ?? '', blocks, attachments };
}
