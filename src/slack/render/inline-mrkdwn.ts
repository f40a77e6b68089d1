/**
 * @module slack/render/inline-mrkdwn — inline Markdown (emphasis, strikethrough, code spans, links)
 * to Slack mrkdwn. Emphasis is paired with CommonMark's delimiter algorithm, so every marker it
 * writes has its partner; a pair Slack could not show (inside a word) keeps its text, unformatted.
 */
import { escapeMrkdwn, tokenizeInline } from './inline-tokens.js';
import type { DelimiterToken, InlineToken, LiteralToken } from './inline-tokens.js';

type Style = 'strong' | 'emphasis' | 'strike';

interface SpanNode {
  type: 'span';
  style: Style;
  children: InlineNode[];
  /** False when Slack would not format it (a marker glued to a letter or digit outside). */
  renderable: boolean;
}

interface LinkNode {
  type: 'link';
  url: string | undefined;
  label: InlineNode[];
}

type InlineNode = LiteralToken | DelimiterToken | LinkNode | SpanNode;

const MARKERS: Record<Style, string> = { strong: '*', emphasis: '_', strike: '~' };

export interface InlineOptions {
  /** Renders the whole text bold (headings); bold inside it is then dropped, as Slack cannot nest it. */
  bold?: boolean;
}

/**
 * Converts inline Markdown to mrkdwn, line by line (Slack formatting never spans a line break).
 * @example convertInline('**Use** `fs.promises` & [docs](https://nodejs.org)')
 * // '*Use* `fs.promises` &amp; <https://nodejs.org|docs>'
 */
export function convertInline(markdown: string, options: InlineOptions = {}): string {
  const active = new Set<Style>(options.bold ? ['strong'] : []);
  return markdown
    .split('\n')
    .map((line) => {
      const text = renderMrkdwn(parseLine(line), active).trim();
      return options.bold && text !== '' ? `*${text}*` : text;
    })
    .join('\n');
}

/** Inline Markdown as plain words: markers and code ticks dropped, links as their label. Not escaped. */
export function inlineToPlainText(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => renderPlain(parseLine(line)).trim())
    .join('\n');
}

function parseLine(line: string): InlineNode[] {
  return pairEmphasis(tokenizeInline(line));
}

function pairEmphasis(tokens: InlineToken[]): InlineNode[] {
  const nodes: InlineNode[] = tokens.map((token) =>
    token.type === 'link' ? { type: 'link', url: token.url, label: pairEmphasis(token.label) } : token,
  );
  let index = 0;
  while (index < nodes.length) {
    const closer = nodes[index];
    if (closer?.type !== 'delimiter' || !closer.canClose || closer.remaining === 0) {
      index += 1;
      continue;
    }
    const openerIndex = findOpener(nodes, index, closer);
    const opener = nodes[openerIndex];
    if (opener?.type !== 'delimiter') {
      index += 1;
      continue;
    }
    const tilde = closer.character === '~';
    const used = tilde ? closer.remaining : Math.min(2, opener.remaining, closer.remaining);
    const span: SpanNode = {
      type: 'span',
      style: tilde ? 'strike' : used === 2 ? 'strong' : 'emphasis',
      children: nodes.slice(openerIndex + 1, index),
      renderable: opener.slackCanOpen && closer.slackCanClose,
    };
    opener.remaining -= used;
    closer.remaining -= used;
    nodes.splice(openerIndex + 1, index - openerIndex - 1, span);
    index = openerIndex + 2;
  }
  return nodes;
}

function findOpener(nodes: InlineNode[], closerIndex: number, closer: DelimiterToken): number {
  for (let index = closerIndex - 1; index >= 0; index -= 1) {
    const node = nodes[index];
    if (node?.type !== 'delimiter' || node.character !== closer.character) continue;
    if (!node.canOpen || node.remaining === 0) continue;
    if (closer.character === '~' && (node.remaining !== closer.remaining || node.remaining > 2)) continue;
    return index;
  }
  return -1;
}

function renderMrkdwn(nodes: InlineNode[], active: ReadonlySet<Style>): string {
  return nodes
    .map((node) => {
      switch (node.type) {
        case 'literal':
          return node.mrkdwn;
        case 'delimiter':
          return node.character.repeat(node.remaining);
        case 'link':
          return renderLink(node, active);
        case 'span':
          return renderSpan(node, active);
      }
    })
    .join('');
}

function renderSpan(span: SpanNode, active: ReadonlySet<Style>): string {
  const inner = renderMrkdwn(span.children, new Set([...active, span.style]));
  const formattable = span.renderable && !active.has(span.style) && /^\S(?:.*\S)?$/su.test(inner);
  if (!formattable) return renderMrkdwn(span.children, active);
  const marker = MARKERS[span.style];
  return `${marker}${inner}${marker}`;
}

function renderLink(link: LinkNode, active: ReadonlySet<Style>): string {
  if (link.url === undefined) return renderMrkdwn(link.label, active);
  const url = link.url
    .replace(/&(?!amp;)/g, '&amp;')
    .replace(/</g, '%3C')
    .replace(/>/g, '%3E')
    .replace(/\|/g, '%7C');
  const label = renderPlain(link.label).trim();
  return label === '' || label === link.url ? `<${url}>` : `<${url}|${escapeMrkdwn(label)}>`;
}

function renderPlain(nodes: InlineNode[]): string {
  return nodes
    .map((node) => {
      switch (node.type) {
        case 'literal':
          return node.raw;
        case 'delimiter':
          return node.character.repeat(node.remaining);
        case 'link':
          return node.label.length > 0 ? renderPlain(node.label) : (node.url ?? '');
        case 'span':
          return renderPlain(node.children);
      }
    })
    .join('');
}
