/**
 * @module slack/is-from-bot — the mentor never answers its own or other bots' messages.
 */

interface MaybeBotMessage {
  bot_id?: string;
  subtype?: string;
  user?: string;
}

export function isFromBot(message: MaybeBotMessage, botUserId: string | undefined): boolean {
  return (
    message.bot_id !== undefined ||
    message.subtype === 'bot_message' ||
    (botUserId !== undefined && message.user === botUserId)
  );
}
