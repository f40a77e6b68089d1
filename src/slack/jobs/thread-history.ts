/**
 * @module slack/jobs/thread-history — the thread is the memory: earlier turns are read back from
 * Slack (`conversations.replies`), newest kept when the thread is long.
 */
import type { webApi } from '@slack/bolt';
import type { HistoryTurn } from '../../mentor/types.js';
import { questionText } from '../text.js';

export interface ThreadHistoryOptions {
  channel: string;
  threadTs: string;
  /** The message being answered: not history. */
  excludeTs?: string;
  botUserId: string;
  /** Most recent turns kept; default 12. */
  maxTurns?: number;
  /** Most characters kept across turns; default 8,000. */
  maxChars?: number;
}

interface ThreadMessage {
  ts?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  subtype?: string;
}

export async function readThreadHistory(
  client: webApi.WebClient,
  options: ThreadHistoryOptions,
): Promise<HistoryTurn[]> {
  const response = await client.conversations.replies({
    channel: options.channel,
    ts: options.threadTs,
    limit: 100,
  });
  const messages = (response.messages ?? []) as ThreadMessage[];
  const turns = messages
    .filter((message) => message.ts !== options.excludeTs && message.subtype === undefined && message.text)
    .map((message): HistoryTurn => {
      const fromBot = message.bot_id !== undefined || message.user === options.botUserId;
      return {
        role: fromBot ? 'assistant' : 'user',
        text: fromBot ? (message.text ?? '') : questionText(message.text ?? ''),
      };
    })
    .filter((turn) => turn.text.trim() !== '');
  return keepRecent(turns, options.maxTurns ?? 12, options.maxChars ?? 8_000);
}

function keepRecent(turns: HistoryTurn[], maxTurns: number, maxChars: number): HistoryTurn[] {
  const kept: HistoryTurn[] = [];
  let chars = 0;
  for (const turn of [...turns].reverse()) {
    if (kept.length >= maxTurns || chars + turn.text.length > maxChars) break;
    kept.unshift(turn);
    chars += turn.text.length;
  }
  return kept;
}
