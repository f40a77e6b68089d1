/**
 * @module playground page: text-format — the line structure of a message (code blocks, quotes,
 * lists, headings, rules, paragraphs) for Slack mrkdwn (`section` text, message text) and standard
 * Markdown (streamed `markdown_text`, `markdown` blocks), as plain data nodes. Pure: no DOM.
 */
import { decodeEntities, parseInline } from './inline-format.js';

const QUOTE = { mrkdwn: /^(?:&gt;|>) ?(.*)$/, markdown: /^ {0,3}> ?(.*)$/ };
const LIST_ITEM = /^(\s*)([•◦▪·\-*+]|\d{1,9}[.)])\s+(.*)$/;
const HEADING = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const RULE = /^ {0,3}([-*_])(?:\s*\1){2,}\s*$/;

/**
 * Parses a message text into block nodes:
 * `paragraph` / `heading` (inline `children`), `code_block` (`text`), `quote` (`children` blocks),
 * `list` (`ordered`, `items` of `{ depth, children }`), `rule`.
 * @param {string} source
 * @param {'mrkdwn' | 'markdown'} flavor
 */
export function parseFormatted(source, flavor = 'mrkdwn') {
  const blocks = [];
  const fence = /```([\s\S]*?)(?:```|$)/g;
  let position = 0;
  for (const match of source.matchAll(fence)) {
    blocks.push(...parseLines(source.slice(position, match.index), flavor));
    blocks.push({ type: 'code_block', text: codeText(match[1] ?? '', flavor) });
    position = match.index + match[0].length;
  }
  blocks.push(...parseLines(source.slice(position), flavor));
  return blocks;
}

/** The body of a fence: a Markdown info string (```js) and the newlines around it dropped. */
function codeText(body, flavor) {
  let code = body;
  if (flavor === 'markdown') code = code.replace(/^[\w+#.-]*[ \t]*\n/, '');
  return decodeEntities(code.replace(/^\n/, '').replace(/\n$/, ''));
}

function parseLines(chunk, flavor) {
  const blocks = [];
  const lines = chunk.split('\n');
  let paragraph = [];
  let quote = [];
  let list;
  const flushParagraph = () => {
    if (paragraph.length > 0) blocks.push({ type: 'paragraph', children: joinInline(paragraph, flavor) });
    paragraph = [];
  };
  const flushQuote = () => {
    if (quote.length > 0) blocks.push({ type: 'quote', children: parseLines(quote.join('\n'), flavor) });
    quote = [];
  };
  const flushList = () => {
    if (list) blocks.push(list);
    list = undefined;
  };
  const flushAll = () => {
    flushParagraph();
    flushQuote();
    flushList();
  };

  for (const line of lines) {
    const quoted = QUOTE[flavor].exec(line);
    if (quoted) {
      flushParagraph();
      flushList();
      quote.push(quoted[1] ?? '');
      continue;
    }
    flushQuote();
    if (line.trim() === '') {
      flushAll();
      continue;
    }
    if (flavor === 'markdown' && RULE.test(line)) {
      flushAll();
      blocks.push({ type: 'rule' });
      continue;
    }
    const heading = flavor === 'markdown' ? HEADING.exec(line) : null;
    if (heading) {
      flushAll();
      blocks.push({ type: 'heading', level: heading[1].length, children: parseInline(heading[2], flavor) });
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      flushParagraph();
      const ordered = /\d/.test(item[2]);
      if (list && list.ordered !== ordered && depthOf(item[1]) === 0) flushList();
      list ??= { type: 'list', ordered, items: [] };
      list.items.push({
        depth: depthOf(item[1]),
        marker: ordered ? item[2] : undefined,
        children: parseInline(item[3], flavor),
      });
      continue;
    }
    flushList();
    paragraph.push(line);
  }
  flushAll();
  return blocks;
}

/** Indentation depth of a list marker: two spaces (or a tab) per level, at most three levels. */
function depthOf(indent) {
  return Math.min(3, Math.floor(indent.replace(/\t/g, '  ').length / 2));
}

/** Paragraph lines, each parsed inline, with line breaks between them (Slack keeps newlines). */
function joinInline(lines, flavor) {
  const nodes = [];
  lines.forEach((line, index) => {
    if (index > 0) nodes.push({ type: 'break' });
    nodes.push(...parseInline(line, flavor));
  });
  return nodes;
}
