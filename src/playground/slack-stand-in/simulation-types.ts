/**
 * @module slack-stand-in/simulation-types — the inputs and results of the simulated user's actions
 * (post, slash command, button click, assistant thread) and the record of each request sent to the app.
 */
import type { AppResponse, EventSendOptions } from './app-client.js';
import type { JsonObject, SlackMessage } from './types.js';

/** One request the stand-in sent the app, and the app's answer. */
export interface Delivery {
  kind: 'event' | 'slash_command' | 'block_actions';
  /** `event_id` for events, `trigger_id` otherwise. */
  id: string;
  body: JsonObject;
  response: AppResponse;
}

export interface PostAsUserInput {
  /** Defaults to the workspace's default person. */
  user?: string;
  /** Channel id or name. */
  channel: string;
  text: string;
  thread_ts?: string;
  /** `false` stores the message without sending events (to seed history). */
  deliver?: boolean;
}

export interface SlashCommandRun {
  user?: string;
  channel: string;
  command: string;
  text?: string;
}

export interface ButtonClick {
  user?: string;
  channel: string;
  /** The ts of the message (or ephemeral message) holding the button. */
  message_ts: string;
  action_id: string;
  block_id?: string;
  value?: string;
}

export interface AssistantThreadStart {
  user?: string;
  /** What the user is looking at (`channel_id`, …); `team_id` and `enterprise_id` are filled in. */
  context?: JsonObject;
}

export interface SlashCommandResult {
  response: AppResponse;
  responseUrl: string;
  /** The form fields sent. */
  fields: Record<string, string>;
}

export interface ButtonClickResult {
  response: AppResponse;
  responseUrl: string;
  payload: JsonObject;
}

export interface AssistantThreadResult {
  /** The DM's id. */
  channel: string;
  thread_ts: string;
  delivery: Delivery;
}

export interface UserSimulator {
  readonly deliveries: readonly Delivery[];
  postAsUser(input: PostAsUserInput): Promise<{ message: SlackMessage; deliveries: Delivery[] }>;
  runSlashCommand(input: SlashCommandRun): Promise<SlashCommandResult>;
  clickButton(input: ButtonClick): Promise<ButtonClickResult>;
  startAssistantThread(input?: AssistantThreadStart): Promise<AssistantThreadResult>;
  /** Sends an event again as Slack's retry would (`X-Slack-Retry-Num`, same `event_id`). */
  redeliverEvent(eventId: string, options?: EventSendOptions): Promise<Delivery>;
  clear(): void;
}
