/**
 * @module answer/offline-pieces — the prose building blocks of an offline answer: the lead
 * sentences, the steps, the pitfalls and the next step, each quoted from retrieved or companion
 * sections (code and tables live in offline-code).
 */
import type { ScoredChunk } from '../retrieval/index.js';
import { parseBlocks, type MarkdownBlock } from './markdown-blocks.js';
import { pickRelevant, type RelevanceScorer } from './relevance.js';

/** A sentence quoted from a section. */
export interface Quote {
  section: ScoredChunk;
  text: string;
}

export interface CodeQuote extends Quote {
  /** The sentence introducing the block in the playbook, when it ends with a colon. */
  intro?: string;
  prose: boolean;
}

/** A section with its parsed blocks, parsed once per answer. */
export interface ParsedSection {
  section: ScoredChunk;
  blocks: MarkdownBlock[];
}

export function parseSection(section: ScoredChunk): ParsedSection {
  return { section, blocks: parseBlocks(section.chunk.text) };
}

const META_SENTENCE =
  /\bplaybooks?\b|\b(this|the|next|following) (section|page|guide)\b|\b(see|shown|listed|described|as) (below|above)\b|^use it when/i;

/** Sentences of the first paragraphs of each section, best first, that can stand on their own. */
export function rankSentences(
  sections: readonly ParsedSection[],
  scorer: RelevanceScorer,
): (Quote & { score: number })[] {
  const ranked: (Quote & { score: number; order: number })[] = [];
  sections.forEach(({ section, blocks }, sectionIndex) => {
    const paragraphs = blocks.filter((block) => block.kind === 'paragraph').slice(0, 3);
    paragraphs.forEach((paragraph, paragraphIndex) => {
      paragraph.sentences.forEach((sentence, sentenceIndex) => {
        if (sentence.length < 30 || sentence.endsWith(':') || META_SENTENCE.test(sentence)) return;
        const opening = sectionIndex === 0 && paragraphIndex === 0 && sentenceIndex === 0 ? 0.75 : 0;
        const primary = sectionIndex === 0 ? 0.25 : 0;
        ranked.push({
          section,
          text: sentence,
          score: scorer.score(sentence) + opening + primary,
          order: ranked.length,
        });
      });
    });
  });
  return ranked.sort((left, right) => right.score - left.score || left.order - right.order);
}

/** The lead: the best sentence, continued by the next ones in its paragraph while they stay short. */
export function leadSentences(best: Quote, sections: readonly ParsedSection[]): string {
  const parsed = sections.find(({ section }) => section === best.section);
  for (const block of parsed?.blocks ?? []) {
    if (block.kind !== 'paragraph') continue;
    const index = block.sentences.indexOf(best.text);
    if (index < 0) continue;
    let lead = best.text;
    for (const next of block.sentences.slice(index + 1, index + 3)) {
      const continues = /^(second|third|then|finally|also|both|this|that|it)\b/i.test(next);
      const limit = continues ? 520 : 380;
      if (next.endsWith(':') || lead.length + next.length + 1 > limit || (lead.length >= 160 && !continues))
        break;
      lead = `${lead} ${next}`;
    }
    return lead;
  }
  return best.text;
}

export interface Steps {
  items: Quote[];
  /** True when the items are a numbered procedure. */
  ordered: boolean;
}

/**
 * List items worth quoting, from the best-ranked section that has a list: a numbered procedure
 * whole, otherwise its most relevant bullets; later sections only top up a short list.
 */
export function pickSteps(sections: readonly ParsedSection[], scorer: RelevanceScorer, limit: number): Steps {
  const items: Quote[] = [];
  let ordered = false;
  for (const { section, blocks } of sections) {
    const lists = blocks.flatMap((block) => (block.kind === 'list' ? [block] : []));
    const best = pickRelevant(lists, 1, (list) =>
      list.items.reduce((total, item) => total + scorer.score(item), 0),
    )[0];
    if (!best) continue;
    if (items.length > 0 && (ordered || best.ordered)) break;
    const room = limit - items.length;
    const chosen = best.ordered
      ? best.items.slice(0, room)
      : pickRelevant(best.items, Math.min(room, 4), scorer.score);
    items.push(...chosen.map((item) => ({ section, text: clip(item, 320) })));
    ordered = best.ordered;
    if (items.length >= 3 || items.length >= limit) break;
  }
  return { items, ordered };
}

/** The `count` pitfalls of a pitfalls section most relevant to the question. */
export function pickPitfalls(
  pitfalls: ParsedSection | undefined,
  scorer: RelevanceScorer,
  count: number,
): Quote[] {
  if (!pitfalls || count <= 0) return [];
  const items = pitfalls.blocks.flatMap((block) => (block.kind === 'list' ? block.items : []));
  return pickRelevant(items, count, scorer.score).map((item) => ({
    section: pitfalls.section,
    text: clip(item, 280),
  }));
}

/** The opening sentence of a section: what to do next. */
export function openingSentence(section: ParsedSection | undefined): Quote | undefined {
  if (!section) return undefined;
  for (const block of section.blocks) {
    if (block.kind !== 'paragraph') continue;
    const sentence = block.sentences.find(
      (candidate) => !candidate.endsWith(':') && !META_SENTENCE.test(candidate),
    );
    if (sentence) return { section: section.section, text: clip(sentence, 300) };
  }
  return undefined;
}

/** Shortens prose at a sentence or word boundary; never used on code. */
export function clip(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars);
  const sentenceEnd = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('; '));
  if (sentenceEnd > maxChars * 0.5) return cut.slice(0, sentenceEnd + 1);
  const backticks = (cut.slice(0, cut.lastIndexOf(' ')).match(/`/g) ?? []).length;
  const wordCut = cut.slice(0, cut.lastIndexOf(' '));
  return `${backticks % 2 === 1 ? `${wordCut}\`` : wordCut}…`;
}
