/**
 * @module slack-stand-in/inbound-payloads — what Slack sends the app, built from workspace state:
 * the Events API `event_callback` envelope, `message` / `app_mention` / `assistant_thread_started`
 * events, slash-command form fields and `block_actions` payloads (shapes from Slack's reference).
 */
import { createEventId } from './slack-ids.js';
import type { JsonObject, SlackMessage, WorkspaceChannel, WorkspaceUser } from './types.js';
import type { Workspace } from './workspace.js';

/** `channel_type` as message events carry it. */
export function channelType(channel: WorkspaceChannel): 'channel' | 'group' | 'im' {
  return channel.kind === 'public' ? 'channel' : channel.kind === 'private' ? 'group' : 'im';
}

export function eventEnvelope(
  workspace: Workspace,
  verificationToken: string,
  event: JsonObject,
): JsonObject {
  const eventId = createEventId();
  const { team, bot } = workspace;
  return {
    token: verificationToken,
    team_id: team.id,
    context_team_id: team.id,
    context_enterprise_id: null,
    api_app_id: bot.appId,
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: workspace.clock.nowSeconds(),
    authorizations: [
      {
        enterprise_id: null,
        team_id: team.id,
        user_id: bot.userId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${Buffer.from(`${team.id}:${eventId}`).toString('base64url')}`,
  };
}

function messageFields(message: SlackMessage): JsonObject {
  const fields: JsonObject = {
    user: message.user,
    text: message.text,
    ts: message.ts,
    client_msg_id: message.client_msg_id,
    team: message.team,
    blocks: message.blocks,
  };
  if (message.thread_ts !== undefined) fields.thread_ts = message.thread_ts;
  if (message.parent_user_id !== undefined) fields.parent_user_id = message.parent_user_id;
  return fields;
}

export function messageEvent(channel: WorkspaceChannel, message: SlackMessage): JsonObject {
  return {
    type: 'message',
    ...messageFields(message),
    channel: channel.id,
    event_ts: message.ts,
    channel_type: channelType(channel),
  };
}

export function appMentionEvent(channel: WorkspaceChannel, message: SlackMessage): JsonObject {
  return { type: 'app_mention', ...messageFields(message), channel: channel.id, event_ts: message.ts };
}

export function assistantThreadStartedEvent(
  userId: string,
  channelId: string,
  threadTs: string,
  context: JsonObject,
  eventTs: string,
): JsonObject {
  return {
    type: 'assistant_thread_started',
    assistant_thread: { user_id: userId, context, channel_id: channelId, thread_ts: threadTs },
    event_ts: eventTs,
  };
}

export interface SlashCommandInput {
  user: WorkspaceUser;
  channel: WorkspaceChannel;
  command: string;
  text: string;
  responseUrl: string;
  triggerId: string;
}

/** The form fields of a slash command, in the order Slack sends them. */
export function slashCommandFields(
  workspace: Workspace,
  verificationToken: string,
  input: SlashCommandInput,
): Record<string, string> {
  return {
    token: verificationToken,
    team_id: workspace.team.id,
    team_domain: workspace.team.domain,
    channel_id: input.channel.id,
    channel_name: input.channel.kind === 'im' ? 'directmessage' : input.channel.name,
    user_id: input.user.id,
    user_name: input.user.name,
    command: input.command,
    text: input.text,
    api_app_id: workspace.bot.appId,
    is_enterprise_install: 'false',
    response_url: input.responseUrl,
    trigger_id: input.triggerId,
  };
}

export interface BlockActionsInput {
  user: WorkspaceUser;
  channel: WorkspaceChannel;
  message: SlackMessage;
  ephemeral: boolean;
  action: JsonObject;
  responseUrl: string;
  triggerId: string;
}

export function blockActionsPayload(
  workspace: Workspace,
  verificationToken: string,
  input: BlockActionsInput,
): JsonObject {
  const { team, bot } = workspace;
  const { user, channel, message } = input;
  const container: JsonObject = {
    type: 'message',
    message_ts: message.ts,
    channel_id: channel.id,
    is_ephemeral: input.ephemeral,
  };
  if (message.thread_ts !== undefined) container.thread_ts = message.thread_ts;
  const payload: JsonObject = {
    type: 'block_actions',
    user: { id: user.id, username: user.name, name: user.name, team_id: team.id },
    api_app_id: bot.appId,
    token: verificationToken,
    container,
    trigger_id: input.triggerId,
    team: { id: team.id, domain: team.domain },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channel.id, name: channel.kind === 'im' ? 'directmessage' : channel.name },
    state: { values: {} },
    response_url: input.responseUrl,
    actions: [input.action],
  };
  if (!input.ephemeral) payload.message = structuredClone(message);
  return payload;
}
