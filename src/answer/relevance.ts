/**
 * @module answer/relevance — how much a sentence, list item or heading has to do with the
 * question, using retrieval's own text analysis (stems and domain concepts), so extraction and
 * search agree on what "relevant" means.
 */
import { analyze } from '../retrieval/text-analysis.js';
import { memoize } from '../util/bounded-memo.js';

export interface RelevanceScorer {
  /** Weighted count of distinct question terms found in `text` (concepts count half). */
  score(text: string): number;
  /** The distinct question terms found in `text` (concepts prefixed `~`). */
  matches(text: string): string[];
}

/** @example createRelevanceScorer('why does my heap keep growing').score('Take a heap snapshot') // 1 */
export function createRelevanceScorer(question: string): RelevanceScorer {
  const wanted = new Set(analyze(question));
  const matches = (text: string) =>
    wanted.size === 0 ? [] : [...termsOf(text)].filter((term) => wanted.has(term));
  return {
    matches,
    score: (text) => matches(text).reduce((total, term) => total + termWeight(term), 0),
  };
}

/**
 * The distinct terms of a sentence, item or heading. Memoised: the texts scored are the playbooks'
 * own, the same few thousand for every question, and analysing them was most of an offline answer.
 */
const termsOf = memoize((text: string): ReadonlySet<string> => new Set(analyze(text)), 20_000);

/** A concept (`~memory`) counts half a word: it is a looser match. */
export function termWeight(term: string): number {
  return term.startsWith('~') ? 0.5 : 1;
}

/** Indexes of the `count` best-scoring items, returned in their original order (stable on ties). */
export function pickRelevant<T>(items: readonly T[], count: number, scoreOf: (item: T) => number): T[] {
  return items
    .map((item, index) => ({ item, index, score: scoreOf(item) }))
    .sort((left, right) => right.score - left.score || left.index - right.index)
    .slice(0, count)
    .sort((left, right) => left.index - right.index)
    .map(({ item }) => item);
}
