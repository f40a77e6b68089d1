/**
 * @module slack/render/markdown-blocks — reads standard Markdown into the few block kinds Slack can
 * show (paragraphs, headings, flattened list items, quotes, tables, rules, fenced code), so the
 * mrkdwn converter and the splitters work on whole blocks and never inside a code block.
 */

import { isClosingFence, openingFence } from './fences.js';

export type MarkdownNode =
  | { kind: 'code'; code: string }
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  /**
   * `marker` is '' for a continuation paragraph of the item above; `depth` 0 is the outer list;
   * `startsList` is true for the first item of a list.
   */
  | { kind: 'list-item'; depth: number; marker: string; text: string; startsList: boolean }
  | { kind: 'quote'; children: MarkdownNode[] }
  | { kind: 'table'; rows: string[][] }
  | { kind: 'rule' };

const HEADING = /^ {0,3}(#{1,6})(?:\s+(.*?))?(?:\s+#+)?\s*$/;
const RULE = /^ {0,3}([-*_])(?:\s*\1){2,}\s*$/;
const QUOTE = /^ {0,3}> ?(.*)$/;
const LIST_ITEM = /^(\s*)([-*+]|\d{1,9}[.)])(?:\s+(.*)|\s*$)/;
const TABLE_DELIMITER = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;
const SETEXT = /^ {0,3}(=+|-+)\s*$/;
const BULLETS = ['•', '◦', '▪'];

interface OpenList {
  markerIndent: number;
  ordered: boolean;
  number: number;
}

/** Parses Markdown into blocks, in document order. An unclosed fence runs to the end, as in CommonMark. */
export function parseMarkdown(markdown: string): MarkdownNode[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const nodes: MarkdownNode[] = [];
  const lists: OpenList[] = [];
  let blankBefore = false;
  let index = 0;
  while (index < lines.length) {
    const line = lines[index] ?? '';
    if (line.trim() === '') {
      blankBefore = true;
      index += 1;
      continue;
    }
    const indent = indentOf(line);
    const inList = lists.length > 0;
    const top = lists.at(-1);
    const fence = openingFence(line);
    if (fence && (indent <= 3 || inList)) {
      index = readFence(lines, index, fence, nodes);
    } else if (LIST_ITEM.test(line) && !RULE.test(line)) {
      nodes.push(listItem(line, lists, blankBefore));
      index += 1;
    } else if (top && !blankBefore && !startsBlock(line) && nodes.at(-1)?.kind === 'list-item') {
      appendText(nodes.at(-1), line);
      index += 1;
    } else if (top && blankBefore && indent >= top.markerIndent + 2) {
      nodes.push({
        kind: 'list-item',
        depth: lists.length - 1,
        marker: '',
        text: line.trim(),
        startsList: false,
      });
      index += 1;
    } else {
      lists.length = 0;
      index = readBlock(lines, index, nodes);
    }
    blankBefore = false;
  }
  return nodes;
}

function readFence(lines: string[], start: number, fence: RegExpExecArray, nodes: MarkdownNode[]): number {
  const indent = fence[1]?.length ?? 0;
  const marker = fence[2] ?? '```';
  const body: string[] = [];
  let index = start + 1;
  for (; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    if (isClosingFence(line, marker)) {
      index += 1;
      break;
    }
    body.push(line.slice(Math.min(indent, line.length - line.trimStart().length)));
  }
  nodes.push({ kind: 'code', code: body.join('\n') });
  return index;
}

function listItem(line: string, lists: OpenList[], blankBefore: boolean): MarkdownNode {
  const firstOfAll = lists.length === 0;
  const match = LIST_ITEM.exec(line);
  const indent = indentOf(match?.[1] ?? '');
  const rawMarker = match?.[2] ?? '-';
  const ordered = /\d/.test(rawMarker);
  let sibling: OpenList | undefined;
  while (lists.length > 0 && indent <= (lists.at(-1)?.markerIndent ?? 0) + 1) {
    sibling = lists.pop();
    if (sibling && indent >= sibling.markerIndent) break;
    sibling = undefined;
  }
  const number = ordered ? (sibling?.ordered ? sibling.number + 1 : Number.parseInt(rawMarker, 10)) : 0;
  lists.push({ markerIndent: indent, ordered, number });
  const depth = lists.length - 1;
  const startsList = firstOfAll || (blankBefore && depth === 0 && sibling?.ordered !== ordered);
  let text = (match?.[3] ?? '').trim();
  const task = /^\[([ xX])\]\s+/.exec(text);
  if (task) text = `${task[1] === ' ' ? '☐' : '☑'} ${text.slice(task[0].length)}`;
  const marker = ordered ? `${number}.` : (BULLETS[depth % BULLETS.length] ?? '•');
  return { kind: 'list-item', depth, marker, text, startsList };
}

/** Headings, rules, quotes, tables and paragraphs (with setext headings). */
function readBlock(lines: string[], start: number, nodes: MarkdownNode[]): number {
  const line = lines[start] ?? '';
  const heading = HEADING.exec(line);
  if (heading) {
    nodes.push({ kind: 'heading', text: (heading[2] ?? '').trim() });
    return start + 1;
  }
  if (RULE.test(line)) {
    nodes.push({ kind: 'rule' });
    return start + 1;
  }
  if (QUOTE.test(line)) return readQuote(lines, start, nodes);
  if (
    line.includes('|') &&
    TABLE_DELIMITER.test(lines[start + 1] ?? '') &&
    /[|]/.test(lines[start + 1] ?? '')
  ) {
    return readTable(lines, start, nodes);
  }
  const paragraph: string[] = [];
  let index = start;
  for (; index < lines.length; index += 1) {
    const current = lines[index] ?? '';
    if (index > start && SETEXT.test(current)) {
      nodes.push({ kind: 'heading', text: joinLines(paragraph) });
      return index + 1;
    }
    if (current.trim() === '' || (index > start && startsBlock(current))) break;
    paragraph.push(current);
  }
  nodes.push({ kind: 'paragraph', text: joinLines(paragraph) });
  return index;
}

function readQuote(lines: string[], start: number, nodes: MarkdownNode[]): number {
  const inner: string[] = [];
  let index = start;
  for (; index < lines.length; index += 1) {
    const current = lines[index] ?? '';
    const quoted = QUOTE.exec(current);
    if (quoted) inner.push(quoted[1] ?? '');
    else if (current.trim() !== '' && !startsBlock(current) && (inner.at(-1) ?? '').trim() !== '') {
      inner.push(current);
    } else break;
  }
  nodes.push({ kind: 'quote', children: parseMarkdown(inner.join('\n')) });
  return index;
}

function readTable(lines: string[], start: number, nodes: MarkdownNode[]): number {
  const rows: string[][] = [splitRow(lines[start] ?? '')];
  let index = start + 2;
  for (; index < lines.length; index += 1) {
    const current = lines[index] ?? '';
    if (current.trim() === '' || !current.includes('|')) break;
    rows.push(splitRow(current));
  }
  nodes.push({ kind: 'table', rows });
  return index;
}

function splitRow(line: string): string[] {
  const trimmed = line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '');
  return trimmed.split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, '|'));
}

/** Leading whitespace width, a tab counting as four columns. */
function indentOf(line: string): number {
  const leading = /^[ \t]*/.exec(line)?.[0] ?? '';
  return leading.replace(/\t/g, '    ').length;
}

function startsBlock(line: string): boolean {
  return (
    openingFence(line) !== undefined ||
    HEADING.test(line) ||
    RULE.test(line) ||
    QUOTE.test(line) ||
    (LIST_ITEM.test(line) && (LIST_ITEM.exec(line)?.[3] ?? '') !== '')
  );
}

/** Soft line breaks become spaces (Slack would show them); a hard break (two spaces or `\`) stays. */
function joinLines(lines: string[]): string {
  return lines
    .map((line, index) => {
      const hardBreak = / {2,}$|\\$/.test(line) && index < lines.length - 1;
      const text = line.trim().replace(/\\$/, '');
      return hardBreak ? `${text}\n` : `${text} `;
    })
    .join('')
    .replace(/ \n/g, '\n')
    .trim();
}

function appendText(node: MarkdownNode | undefined, line: string): void {
  if (node?.kind === 'list-item') node.text = `${node.text} ${line.trim()}`.trim();
}
