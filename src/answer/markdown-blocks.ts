/**
 * @module answer/markdown-blocks — splits a section's Markdown into paragraphs (as sentences),
 * lists (as items), fenced code blocks and tables (verbatim) and other blocks, so the offline
 * generator can quote from it without ever altering code.
 */

export type MarkdownBlock =
  | { kind: 'paragraph'; text: string; sentences: string[] }
  | { kind: 'list'; ordered: boolean; items: string[] }
  | { kind: 'code'; lang: string; text: string }
  | { kind: 'table'; text: string }
  | { kind: 'other'; text: string };

const FENCE = /^\s*(`{3,}|~{3,})\s*([\w+#.-]*)/;
const LIST_ITEM = /^(\s*)([-*+]|\d{1,3}[.)])\s+(.*)$/;

/** Parses section Markdown into blocks, in document order. */
export function parseBlocks(markdown: string): MarkdownBlock[] {
  const blocks: MarkdownBlock[] = [];
  let lines: string[] = [];
  const flush = () => {
    blocks.push(...toBlocks(lines));
    lines = [];
  };
  let fence: { marker: string; lang: string; lines: string[] } | undefined;
  for (const line of markdown.split(/\r?\n/)) {
    const fenceMatch = FENCE.exec(line);
    if (fence) {
      fence.lines.push(line);
      if (fenceMatch?.[1]?.startsWith(fence.marker) && line.trim() === fenceMatch[1]) {
        blocks.push({ kind: 'code', lang: fence.lang, text: fence.lines.join('\n') });
        fence = undefined;
      }
      continue;
    }
    if (fenceMatch?.[1]) {
      flush();
      fence = { marker: fenceMatch[1], lang: fenceMatch[2] ?? '', lines: [line] };
      continue;
    }
    if (line.trim() === '') flush();
    else lines.push(line);
  }
  if (fence) blocks.push({ kind: 'other', text: fence.lines.join('\n') });
  flush();
  return blocks;
}

/** Splits prose into sentences without breaking `e.g.`, versions or inline code. */
export function splitSentences(text: string): string[] {
  const flat = text.replace(/\s*\n\s*/g, ' ').trim();
  if (flat === '') return [];
  const sentences: string[] = [];
  let start = 0;
  let inCode = false;
  for (let index = 0; index < flat.length; index += 1) {
    const character = flat[index];
    if (character === '`') inCode = !inCode;
    if (inCode || !/[.!?]/.test(character ?? '')) continue;
    const next = flat.slice(index + 1, index + 3);
    if (!/^\s[A-Z`*_("[]/.test(next)) continue;
    if (/\b(e\.g|i\.e|etc|vs|cf)\.$/i.test(flat.slice(Math.max(0, index - 5), index + 1))) continue;
    sentences.push(flat.slice(start, index + 1).trim());
    start = index + 1;
  }
  const rest = flat.slice(start).trim();
  if (rest !== '') sentences.push(rest);
  return sentences;
}

function toBlocks(lines: string[]): MarkdownBlock[] {
  if (lines.length === 0) return [];
  const firstItem = lines.findIndex((line) => LIST_ITEM.test(line));
  if (firstItem > 0 && lines.slice(0, firstItem).every((line) => !/^\s*[|>]/.test(line))) {
    return [...toBlocks(lines.slice(0, firstItem)), ...toBlocks(lines.slice(firstItem))];
  }
  if (firstItem === 0) return [toList(lines)];
  const text = lines.join('\n');
  if (lines.every((line) => /^\s*\|/.test(line))) return [{ kind: 'table', text }];
  if (/^\s*[|>]/.test(lines[0] ?? '')) return [{ kind: 'other', text }];
  return [{ kind: 'paragraph', text, sentences: splitSentences(text) }];
}

function toList(lines: string[]): MarkdownBlock {
  const items: string[] = [];
  const first = LIST_ITEM.exec(lines[0] ?? '');
  const baseIndent = first?.[1]?.length ?? 0;
  for (const line of lines) {
    const item = LIST_ITEM.exec(line);
    if (item && (item[1]?.length ?? 0) <= baseIndent) items.push(item[3] ?? '');
    else if (items.length > 0) items[items.length - 1] = `${items.at(-1)} ${line.trim()}`;
  }
  return { kind: 'list', ordered: /\d/.test(first?.[2] ?? ''), items };
}
