/**
 * @module slack-stand-in/message-factory — builds messages the way Slack stores them: bot messages
 * carry `bot_id`, `app_id` and `bot_profile` (so the app can recognise its own posts), people's
 * messages carry `client_msg_id` and a `rich_text` block, and posted blocks get a `block_id`.
 */
import { createBlockId, createClientMessageId } from './slack-ids.js';
import type { BotIdentity, JsonObject, SlackMessage, TeamInfo } from './types.js';

export interface MessageContent {
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: unknown;
  thread_ts?: string;
}

export function createBotMessage(
  identity: { team: TeamInfo; bot: BotIdentity },
  ts: string,
  content: MessageContent,
): SlackMessage {
  const { team, bot } = identity;
  const message: SlackMessage = {
    user: bot.userId,
    type: 'message',
    ts,
    bot_id: bot.botId,
    app_id: bot.appId,
    text: content.text,
    team: team.id,
    bot_profile: {
      id: bot.botId,
      app_id: bot.appId,
      user_id: bot.userId,
      name: bot.name,
      icons: { image_36: '', image_48: '', image_72: '' },
      deleted: false,
      updated: 0,
      team_id: team.id,
    },
  };
  if (content.blocks !== undefined) message.blocks = withBlockIds(content.blocks);
  if (content.attachments !== undefined) message.attachments = content.attachments;
  if (content.metadata !== undefined) message.metadata = content.metadata;
  if (content.thread_ts !== undefined) message.thread_ts = content.thread_ts;
  return message;
}

export function createUserMessage(
  teamId: string,
  userId: string,
  ts: string,
  text: string,
  threadTs?: string,
): SlackMessage {
  const message: SlackMessage = {
    user: userId,
    type: 'message',
    ts,
    client_msg_id: createClientMessageId(),
    text,
    team: teamId,
    blocks: richTextBlocks(text),
  };
  if (threadTs !== undefined) message.thread_ts = threadTs;
  return message;
}

/** Gives every block without a `block_id` one, as Slack does when it stores a message. */
export function withBlockIds(blocks: unknown[]): unknown[] {
  return blocks.map((block) =>
    isObject(block) && typeof block.block_id !== 'string' ? { ...block, block_id: createBlockId() } : block,
  );
}

const mentionPattern = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g;

/** The `rich_text` block Slack's client sends with a typed message: text runs and user mentions. */
export function richTextBlocks(text: string): unknown[] {
  const elements: JsonObject[] = [];
  let last = 0;
  for (const match of text.matchAll(mentionPattern)) {
    if (match.index > last) elements.push({ type: 'text', text: text.slice(last, match.index) });
    elements.push({ type: 'user', user_id: match[1] });
    last = match.index + match[0].length;
  }
  if (last < text.length) elements.push({ type: 'text', text: text.slice(last) });
  return [
    { type: 'rich_text', block_id: createBlockId(), elements: [{ type: 'rich_text_section', elements }] },
  ];
}

/** True when `text` mentions the user, as `<@U123>` or `<@U123|name>`. */
export function mentionsUser(text: string, userId: string): boolean {
  return [...text.matchAll(mentionPattern)].some((match) => match[1] === userId);
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
