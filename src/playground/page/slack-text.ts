/**
 * @module playground/page/slack-text — what Slack's client does to typed text before the app sees
 * it: `&`, `<` and `>` become entities, and `@name` mentions become `<@U…>` tokens (so a typed
 * `<script>` reaches the app, and the page, as `&lt;script&gt;`).
 */

/** Messages longer than this are refused, as Slack's client does. */
export const MAXIMUM_MESSAGE_LENGTH = 40_000;

export interface MentionTarget {
  userId: string;
  /** Names typed after `@`, matched case-insensitively (`mentor`, `node mentor`, `alice`). */
  names: string[];
}

/** Escapes the three characters Slack escapes in message text. */
export function escapeSlackText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Escapes `text` and turns `@name` (at the start or after whitespace or `(`, not followed by a
 * word character) into `<@USERID>`. Longer names win (`@node mentor` before `@node`).
 */
export function toSlackMessageText(text: string, targets: readonly MentionTarget[]): string {
  const byName = new Map<string, string>();
  for (const target of targets) {
    for (const name of target.names) byName.set(name.toLowerCase(), target.userId);
  }
  const names = [...byName.keys()].sort((left, right) => right.length - left.length);
  const escaped = escapeSlackText(text);
  if (names.length === 0) return escaped;
  const pattern = new RegExp(`(^|[\\s(])@(${names.map(escapeRegExp).join('|')})(?![\\w-])`, 'gi');
  return escaped.replace(pattern, (whole, before: string, name: string) => {
    const userId = byName.get(name.toLowerCase());
    return userId === undefined ? whole : `${before}<@${userId}>`;
  });
}

/** Splits `/command rest of text` into the command (lower-cased) and its text. */
export function parseSlashCommand(text: string): { command: string; text: string } {
  const match = /^(\/\S*)\s*([\s\S]*)$/.exec(text.trim());
  return { command: (match?.[1] ?? text).toLowerCase(), text: (match?.[2] ?? '').trim() };
}
