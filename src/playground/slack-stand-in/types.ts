/**
 * @module slack-stand-in/types — the shapes of the in-memory Slack workspace: team, users, channels,
 * messages (Slack's own field names, so they can be returned by the Web API as they are), ephemeral
 * messages, streams, assistant threads, recorded calls and the change events the playground listens to.
 */

export type JsonObject = Record<string, unknown>;

export interface TeamInfo {
  id: string;
  name: string;
  domain: string;
}

/** The app's bot user: `userId` is what `<@…>` mentions use, `botId` marks its messages. */
export interface BotIdentity {
  userId: string;
  botId: string;
  appId: string;
  name: string;
}

export interface WorkspaceUser {
  id: string;
  name: string;
  realName: string;
  isBot: boolean;
}

/** `public` and `private` channels list their members; an `im` is between `imUser` and the bot. */
export type ChannelKind = 'public' | 'private' | 'im';

export interface WorkspaceChannel {
  id: string;
  name: string;
  kind: ChannelKind;
  members: string[];
  /** Unix seconds. */
  created: number;
  imUser?: string;
}

export interface MessageReaction {
  name: string;
  users: string[];
  count: number;
}

/** A message as Slack returns it from `conversations.history` / `conversations.replies`. */
export interface SlackMessage {
  type: 'message';
  ts: string;
  text: string;
  user: string;
  team: string;
  subtype?: string;
  client_msg_id?: string;
  bot_id?: string;
  app_id?: string;
  bot_profile?: JsonObject;
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: unknown;
  thread_ts?: string;
  parent_user_id?: string;
  reply_count?: number;
  reply_users_count?: number;
  latest_reply?: string;
  reply_users?: string[];
  is_locked?: boolean;
  subscribed?: boolean;
  edited?: { user: string; ts: string };
  reactions?: MessageReaction[];
  streaming_state?: 'in_progress' | 'completed';
  assistant_app_thread?: JsonObject;
}

/** An ephemeral message: stored apart from the channel history and visible to `recipient` only. */
export interface EphemeralMessage {
  channel: string;
  recipient: string;
  source: 'chat.postEphemeral' | 'response_url';
  message: SlackMessage;
}

/** A `chat.startStream` message while (and after) it streams; its message text grows live. */
export interface StreamRecord {
  channel: string;
  ts: string;
  thread_ts?: string;
  recipient_user_id?: string;
  recipient_team_id?: string;
  state: 'in_progress' | 'completed';
  /** Every chunk received, in order; `markdown_text` arguments are kept as `markdown_text` chunks. */
  chunks: JsonObject[];
}

/** What `assistant.threads.*` set on one thread. An empty `status` means cleared. */
export interface AssistantThreadState {
  channel: string;
  thread_ts: string;
  status?: string;
  loading_messages?: string[];
  title?: string;
  suggested_prompts?: { title?: string; prompts: unknown[] };
}

/** One call the app made: a Web API method, or a POST to a `response_url` (method `response_url`). */
export interface RecordedCall {
  /** Position since the last `reset()`, from 0. */
  index: number;
  method: string;
  /** Arguments as Slack parsed them: JSON fields (`blocks`, `chunks`, …) decoded, other form values strings, token removed. */
  args: JsonObject;
  response: JsonObject;
  /** For `response_url` calls: the URL that was posted to. */
  responseUrl?: string;
}

/** A state change, for the playground page (and tests that wait on one). */
export type StandInChange =
  | { type: 'message'; channel: string; message: SlackMessage }
  | { type: 'message_changed'; channel: string; message: SlackMessage; previous_message: SlackMessage }
  | { type: 'message_deleted'; channel: string; ts: string }
  | { type: 'ephemeral'; channel: string; user: string; message: SlackMessage }
  | { type: 'ephemeral_changed'; channel: string; user: string; message: SlackMessage | null; ts: string }
  | {
      type: 'stream';
      phase: 'start' | 'append' | 'stop';
      channel: string;
      ts: string;
      text: string;
      chunks: JsonObject[];
    }
  | ({ type: 'status' } & AssistantThreadState)
  | ({ type: 'assistant_thread' } & AssistantThreadState)
  | { type: 'reaction'; channel: string; ts: string; name: string; user: string }
  | { type: 'api_call'; call: RecordedCall }
  | { type: 'reset' };

export type StandInListener = (change: StandInChange) => void;
