/**
 * @module answer/offline-code — the verbatim blocks of an offline answer: fenced code (one block of
 * commands, one of program code) and tables, chosen by relevance and always copied whole.
 */
import type { CodeQuote, ParsedSection, Quote } from './offline-pieces.js';
import { pickRelevant, type RelevanceScorer } from './relevance.js';

const PROSE_LANGS = new Set([
  'bash',
  'sh',
  'shell',
  'console',
  'text',
  'yaml',
  'yml',
  'dockerfile',
  'ini',
  'sql',
]);

/**
 * Fenced code blocks copied whole, most relevant first (the best section's blocks get a head start):
 * at most one block of commands and one of program code, within `maxChars` in total.
 */
export function pickCode(
  sections: readonly ParsedSection[],
  scorer: RelevanceScorer,
  maxBlocks: number,
  maxChars: number,
): CodeQuote[] {
  const candidates = sections.flatMap(({ section, blocks }, sectionIndex) =>
    blocks.flatMap((block, index) => {
      if (block.kind !== 'code') return [];
      const before = blocks[index - 1];
      const lastSentence = before?.kind === 'paragraph' ? before.sentences.at(-1) : undefined;
      const intro = lastSentence?.endsWith(':') && lastSentence.length <= 220 ? lastSentence : undefined;
      const rank =
        scorer.score(`${intro ?? ''} ${block.text}`) + (sectionIndex === 0 ? 1.5 : 0) - sectionIndex * 0.25;
      return [
        {
          section,
          text: block.text,
          intro,
          prose: PROSE_LANGS.has(block.lang.toLowerCase()),
          rank,
          order: index,
        },
      ];
    }),
  );
  candidates.sort((left, right) => right.rank - left.rank);
  const picked: CodeQuote[] = [];
  let used = 0;
  for (const { rank: _rank, order: _order, ...candidate } of candidates) {
    if (picked.length >= maxBlocks || used + candidate.text.length > maxChars) continue;
    if (picked.some((quote) => quote.prose === candidate.prose)) continue;
    picked.push(candidate);
    used += candidate.text.length;
  }
  return picked;
}

/** The most relevant table of the best sections (copied whole), if it mentions the question at all. */
export function pickTable(
  sections: readonly ParsedSection[],
  scorer: RelevanceScorer,
  maxChars: number,
): Quote | undefined {
  const tables = sections
    .slice(0, 2)
    .flatMap(({ section, blocks }) =>
      blocks.flatMap((block) =>
        block.kind === 'table' && block.text.length <= maxChars ? [{ section, text: block.text }] : [],
      ),
    );
  const [best] = pickRelevant(tables, 1, (table) => scorer.score(table.text));
  return best && scorer.score(best.text) >= 1 ? best : undefined;
}
