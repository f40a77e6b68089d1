/**
 * @module slack/render/plain-text — the `text` Slack shows in notifications and screen readers
 * beside the blocks: the Markdown's words without markers, escaped, cut to a short length.
 */
import { inlineToPlainText } from './inline-mrkdwn.js';
import { escapeMrkdwn } from './inline-tokens.js';
import { parseMarkdown } from './markdown-blocks.js';
import type { MarkdownNode } from './markdown-blocks.js';
import { truncate } from './block-builders.js';

/** Default fallback length: enough for a notification preview, far below Slack's 40,000. */
export const FALLBACK_TEXT_LENGTH = 1_000;

/**
 * Markdown as plain, Slack-escaped text of at most `maxLength` characters (before escaping).
 * @example fallbackText('**Use** `pipeline()` & friends') // 'Use pipeline() &amp; friends'
 */
export function fallbackText(markdown: string, maxLength = FALLBACK_TEXT_LENGTH): string {
  const plain = nodesToPlain(parseMarkdown(markdown)).join('\n').trim();
  return escapeMrkdwn(truncate(plain, maxLength));
}

function nodesToPlain(nodes: MarkdownNode[]): string[] {
  return nodes.flatMap((node): string[] => {
    switch (node.kind) {
      case 'code':
        return [node.code];
      case 'heading':
      case 'paragraph':
        return [inlineToPlainText(node.text)];
      case 'list-item':
        return [
          `${'  '.repeat(node.depth)}${node.marker === '' ? ' ' : node.marker} ${inlineToPlainText(node.text)}`,
        ];
      case 'quote':
        return nodesToPlain(node.children);
      case 'table':
        return node.rows.map((row) => row.map((cell) => inlineToPlainText(cell)).join(' | '));
      case 'rule':
        return [];
    }
  });
}
