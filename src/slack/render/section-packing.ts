/**
 * @module slack/render/section-packing — packs mrkdwn parts into section texts within Slack's
 * 3,000-character limit. Cuts fall between parts; a part longer than a section is re-rendered from
 * its Markdown in sentence or word pieces (so every piece has its own balanced markers), and a long
 * code block becomes several fenced blocks.
 */
import { splitCode } from './code-split.js';
import { fenceCode, fencedCharacterCost, partText, renderTextSource } from './markdown-to-mrkdwn.js';
import type { MrkdwnPart, PartSeparator } from './markdown-to-mrkdwn.js';

/** Slack's limit for a section block's text, in characters. */
export const SECTION_TEXT_LIMIT = 3_000;

/** "```\n" before and "\n```" after the code. */
const FENCE_OVERHEAD = 8;
/** Worst case growth of Markdown once escaped for Slack (`&` → `&amp;`). */
const ESCAPE_GROWTH = 5;

interface Piece {
  text: string;
  separator: PartSeparator;
}

/**
 * Section texts of at most `limit` characters each; no code fence is left open in any of them.
 * @example packSections(markdownToParts(answer.markdown)) // ['*Streams*\n\nUse …', '```\n…\n```']
 */
export function packSections(parts: MrkdwnPart[], limit = SECTION_TEXT_LIMIT): string[] {
  if (limit <= FENCE_OVERHEAD * 2) throw new RangeError(`render: a section limit of ${limit} is too small`);
  const sections: string[] = [];
  let current = '';
  for (const piece of parts.flatMap((part) => partPieces(part, limit))) {
    const joined = current === '' ? piece.text : `${current}${piece.separator}${piece.text}`;
    if (joined.length <= limit) {
      current = joined;
      continue;
    }
    if (current !== '') sections.push(current);
    current = piece.text;
  }
  if (current !== '') sections.push(current);
  return sections;
}

function partPieces(part: MrkdwnPart, limit: number): Piece[] {
  const texts =
    part.kind === 'code'
      ? splitCode(part.code, limit - FENCE_OVERHEAD, fencedCharacterCost).map(fenceCode)
      : splitTextPart(part, limit);
  return texts.map((text, index) => ({ text, separator: index === 0 ? part.separator : '\n' }));
}

/** A text part as one or more mrkdwn strings of at most `limit` characters. */
export function splitTextPart(part: MrkdwnPart, limit: number): string[] {
  const text = partText(part);
  if (part.kind === 'code' || text.length <= limit || !part.source) return [text];
  const source = part.source;
  const prefixLength = Math.max(source.prefix.length, source.continuation.length);
  const unitLimit = Math.max(1, Math.floor((limit - prefixLength - 2) / ESCAPE_GROWTH));
  const render = (markdown: string, first: boolean) => renderTextSource(source, markdown, first);
  const pieceUnits = units(source.markdown, render, limit, unitLimit);
  // Each unit's own length estimates a run of them, so a long paragraph is not re-rendered per unit.
  const lengths = pieceUnits.map((unit) => render(unit, false).length - source.continuation.length);
  const pieces: string[] = [];
  let start = 0;
  while (start < pieceUnits.length) {
    let end = start + 1;
    let estimate = prefixLength + (lengths[start] ?? 0);
    while (end < pieceUnits.length && estimate + 1 + (lengths[end] ?? 0) <= limit) {
      estimate += 1 + (lengths[end] ?? 0);
      end += 1;
    }
    let text = render(pieceUnits.slice(start, end).join(' '), pieces.length === 0);
    while (text.length > limit && end - start > 1) {
      end -= 1;
      text = render(pieceUnits.slice(start, end).join(' '), pieces.length === 0);
    }
    pieces.push(text);
    start = end;
  }
  return pieces;
}

/** Sentences; a sentence too long alone becomes words; a word too long becomes character runs. */
function units(
  markdown: string,
  render: (markdown: string, first: boolean) => string,
  limit: number,
  unitLimit: number,
): string[] {
  const fits = (text: string) => render(text, true).length <= limit && render(text, false).length <= limit;
  return markdown
    .split(/(?<=[.!?:;])\s+/)
    .flatMap((sentence) => (fits(sentence) ? [sentence] : sentence.split(/\s+/)))
    .flatMap((word) =>
      word.length <= unitLimit ? [word] : (word.match(new RegExp(`.{1,${unitLimit}}`, 'gsu')) ?? []),
    )
    .filter((unit) => unit !== '');
}
