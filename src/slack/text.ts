/**
 * @module slack/text — what a person typed, recovered from Slack's message format: Slack sends
 * `&`, `<` and `>` as entities and wraps mentions and links in `<…>`.
 */

/**
 * The plain question in a message or slash command: mentions of people and `@here`/`@channel`
 * removed, channel links as `#name`, links as their label (or the URL), entities decoded, runs of
 * whitespace collapsed.
 * @example questionText('<@U0MENTOR> is a &lt; b faster?') // 'is a < b faster?'
 */
export function questionText(text: string): string {
  return text
    .replace(/<[@!][^>]*>/g, ' ')
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, '#$1')
    .replace(/<([^>|]+)\|([^>]*)>/g, '$2')
    .replace(/<([^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
