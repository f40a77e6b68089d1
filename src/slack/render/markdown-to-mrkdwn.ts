/**
 * @module slack/render/markdown-to-mrkdwn — standard Markdown to Slack mrkdwn: bold, italics,
 * strikethrough, links, headings as bold lines, nested lists, quotes, tables as code, and fenced
 * code kept verbatim (language tag dropped). Output comes as parts, so long answers can be split
 * between blocks and never inside a code block.
 */
import { inlineToPlainText, convertInline } from './inline-mrkdwn.js';
import { escapeMrkdwn } from './inline-tokens.js';
import { parseMarkdown } from './markdown-blocks.js';
import type { MarkdownNode } from './markdown-blocks.js';

/** What a part is re-rendered from when it alone is longer than a section allows. */
export interface TextSource {
  markdown: string;
  /** Written before the first line (list bullet, quote marker). */
  prefix: string;
  /** Written before every later line. */
  continuation: string;
  bold: boolean;
}

export type MrkdwnPart =
  | { kind: 'text'; text: string; separator: PartSeparator; source?: TextSource }
  /** `code` is the code itself, not escaped and not fenced: see `fenceCode`. */
  | { kind: 'code'; code: string; separator: PartSeparator };

/** '\n' between items of one list or quote, '\n\n' between blocks. */
export type PartSeparator = '\n' | '\n\n';

const RULE_TEXT = '───';

/**
 * Converts Markdown to one mrkdwn string.
 * @example markdownToMrkdwn('## Streams\n\nUse **pipeline**.') // '*Streams*\n\nUse *pipeline*.'
 */
export function markdownToMrkdwn(markdown: string): string {
  return markdownToParts(markdown)
    .map((part, index) => (index === 0 ? '' : part.separator) + partText(part))
    .join('');
}

/** The mrkdwn of one part, code fenced. */
export function partText(part: MrkdwnPart): string {
  return part.kind === 'code' ? fenceCode(part.code) : part.text;
}

/** Markdown as mrkdwn parts, one per paragraph, heading, list item, quoted block, table or code block. */
export function markdownToParts(markdown: string): MrkdwnPart[] {
  return nodesToParts(parseMarkdown(markdown), '');
}

/**
 * Fences code for Slack. `&`, `<` and `>` are entity-escaped even here: Slack parses its control
 * sequences before formatting and decodes the entities inside code too, so `Map<K, V>` shows as
 * written, where raw it would lose `<K, V>`. A ``` inside the code gets a zero-width space
 * (it would close the fence).
 */
export function fenceCode(code: string): string {
  return `\`\`\`\n${escapeMrkdwn(code).replace(/```/g, '`\u200b``')}\n\`\`\``;
}

/** Mrkdwn cost of one code character once fenced (escape, plus a share of a zero-width space). */
export function fencedCharacterCost(character: string): number {
  if (character === '&') return 5;
  if (character === '<' || character === '>') return 4;
  return character === '`' ? 1 + 1 / 3 : character.length;
}

/** Renders a text source with its prefixes; used again by the splitter on smaller pieces. */
export function renderTextSource(source: TextSource, markdown: string, first: boolean): string {
  const lines = convertInline(markdown, { bold: source.bold }).split('\n');
  return lines
    .map((line, index) => (index === 0 && first ? source.prefix : source.continuation) + line)
    .join('\n');
}

function nodesToParts(nodes: MarkdownNode[], quote: string): MrkdwnPart[] {
  const parts: MrkdwnPart[] = [];
  let previous: MarkdownNode['kind'] | undefined;
  for (const node of nodes) {
    const separator: PartSeparator =
      (node.kind === 'list-item' && previous === 'list-item' && !node.startsList) ||
      (quote !== '' && previous !== undefined)
        ? '\n'
        : '\n\n';
    parts.push(...nodeToParts(node, quote, separator));
    previous = node.kind;
  }
  return parts;
}

function nodeToParts(node: MarkdownNode, quote: string, separator: PartSeparator): MrkdwnPart[] {
  switch (node.kind) {
    case 'code':
      return [{ kind: 'code', code: node.code, separator }];
    case 'table':
      return [{ kind: 'code', code: tableText(node.rows), separator }];
    case 'quote':
      return nodesToParts(node.children, `${quote}> `).map((part, index) =>
        index === 0 ? { ...part, separator } : part,
      );
    case 'rule':
      return [{ kind: 'text', text: `${quote}${RULE_TEXT}`, separator }];
    case 'heading':
      return textPart({ markdown: node.text, prefix: quote, continuation: quote, bold: true }, separator);
    case 'paragraph':
      return textPart({ markdown: node.text, prefix: quote, continuation: quote, bold: false }, separator);
    case 'list-item': {
      const indent = '    '.repeat(node.depth);
      const prefix = `${quote}${indent}${node.marker === '' ? '  ' : `${node.marker} `}`;
      const continuation = `${quote}${indent}  `;
      return textPart({ markdown: node.text, prefix, continuation, bold: false }, separator);
    }
  }
}

function textPart(source: TextSource, separator: PartSeparator): MrkdwnPart[] {
  if (source.markdown.trim() === '') return [];
  return [{ kind: 'text', text: renderTextSource(source, source.markdown, true), separator, source }];
}

/** A table as aligned plain text, for a code block (Slack has no tables in mrkdwn). */
function tableText(rows: string[][]): string {
  const cells = rows.map((row) => row.map((cell) => inlineToPlainText(cell)));
  const columns = Math.max(...cells.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, column) =>
    Math.max(...cells.map((row) => [...(row[column] ?? '')].length)),
  );
  const line = (row: string[]) =>
    widths
      .map((width, column) => {
        const cell = row[column] ?? '';
        return cell + ' '.repeat(width - [...cell].length);
      })
      .join(' | ')
      .trimEnd();
  const [header = [], ...body] = cells;
  return [
    line(header),
    widths.map((width) => '-'.repeat(Math.max(width, 1))).join('-|-'),
    ...body.map(line),
  ].join('\n');
}
