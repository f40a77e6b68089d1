/**
 * @module slack/text — small text helpers for Slack payloads.
 */

/** Removes `<@U123>` mentions and collapses the whitespace they leave. */
export function stripMentions(text: string): string {
  return text
    .replace(/<@[A-Z0-9]+(?:\|[^>]*)?>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
