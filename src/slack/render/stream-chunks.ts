/**
 * @module slack/render/stream-chunks — cuts standard Markdown into pieces for Slack's chat
 * streaming (`markdown_text` takes at most 12,000 characters a call). Cuts fall between paragraphs,
 * else lines, else words, never inside a code block; a code block longer than a piece becomes
 * several fenced blocks with the same fence and language.
 */
import { splitCode } from './code-split.js';
import { isClosingFence, openingFence } from './fences.js';

/** Slack's limit for `markdown_text` in one `chat.startStream` / `appendStream` call, in characters. */
export const STREAM_TEXT_LIMIT = 12_000;

/** Fewest code characters worth fencing on their own. */
const MIN_CODE_BUDGET = 16;

/**
 * Splits Markdown into pieces of at most `limit` characters. Joined, the pieces give back the
 * input exactly unless a code block had to be split (each part then carries its own fences).
 * @example for (const markdown_text of splitForStreaming(answer.markdown)) await stream.append({ markdown_text });
 */
export function splitForStreaming(markdown: string, limit = STREAM_TEXT_LIMIT): string[] {
  if (limit < 32) throw new RangeError(`render: a streaming limit of ${limit} is too small`);
  const chunks: string[] = [];
  let current = '';
  for (const atom of atoms(markdown).flatMap((piece) => fitAtom(piece, limit))) {
    if (current.length + atom.length > limit) {
      chunks.push(current);
      current = '';
    }
    current += atom;
  }
  if (current !== '') chunks.push(current);
  return chunks;
}

interface Atom {
  text: string;
  /** Set for a fenced code block: its opening and closing fence lines. */
  fence?: { open: string; close: string; body: string };
}

/** Paragraphs (with their trailing blank lines) and whole code blocks, each keeping its newlines. */
function atoms(markdown: string): Atom[] {
  const lines = markdown.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const result: Atom[] = [];
  let paragraph = '';
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    const opening = openingFence(line.replace(/\n$/, ''));
    if (!opening) {
      paragraph += line;
      if (line.trim() === '' && (lines[index + 1] ?? '').trim() !== '') {
        result.push({ text: paragraph });
        paragraph = '';
      }
      continue;
    }
    if (paragraph !== '') result.push({ text: paragraph });
    paragraph = '';
    const marker = opening[2] ?? '```';
    let end = index + 1;
    while (end < lines.length && !isClosingFence((lines[end] ?? '').replace(/\n$/, ''), marker)) end += 1;
    const closed = end < lines.length;
    const body = lines.slice(index + 1, end).join('');
    const close = closed ? (lines[end] ?? '') : '';
    const text = line + body + close;
    result.push({ text, fence: { open: line, close: close === '' ? `${marker}\n` : close, body } });
    index = closed ? end : lines.length;
  }
  if (paragraph !== '') result.push({ text: paragraph });
  return result;
}

/** An atom as pieces of at most `limit` characters. */
function fitAtom(atom: Atom, limit: number): string[] {
  if (atom.text.length <= limit) return [atom.text];
  if (atom.fence) {
    const { open, close, body } = atom.fence;
    const closeLine = close.endsWith('\n') ? close : `${close}\n`;
    const budget = limit - open.length - closeLine.length - 1;
    // A fence line nearly as long as a piece leaves no room for code: cut it as text instead.
    if (budget >= MIN_CODE_BUDGET) {
      return splitCode(body.replace(/\n$/, ''), budget).map((piece) => `${open}${piece}\n${closeLine}`);
    }
  }
  return splitProse(atom.text, limit);
}

/** Lines, then words, then characters: the first that fits. */
function splitProse(text: string, limit: number): string[] {
  const units = (text.match(/[^\n]*\n|[^\n]+$/g) ?? []).flatMap((line) =>
    line.length <= limit
      ? [line]
      : (line.match(/\S*\s*/g) ?? []).flatMap((word) =>
          word.length <= limit ? [word] : hardCut(word, limit),
        ),
  );
  const pieces: string[] = [];
  let current = '';
  for (const unit of units) {
    if (unit === '') continue;
    if (current.length + unit.length > limit) {
      pieces.push(current);
      current = '';
    }
    current += unit;
  }
  if (current !== '') pieces.push(current);
  return pieces;
}

/** Cuts at code points, never inside a surrogate pair. */
function hardCut(word: string, limit: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const character of word) {
    if (piece.length + character.length > limit) {
      pieces.push(piece);
      piece = '';
    }
    piece += character;
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
}
