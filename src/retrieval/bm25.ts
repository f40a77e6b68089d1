/**
 * @module retrieval/bm25 — Okapi BM25 over the chunks, with the same text analysis as the local
 * embedder. Scores also come normalised by the query's best possible score, which gives the
 * relevance floor an absolute scale independent of query length.
 */
import { analyze } from './text-analysis.js';

export interface Bm25Hit {
  /** Position of the document in the array the index was built from. */
  index: number;
  score: number;
  /** `score` divided by the query's ceiling: 1 would mean every query term, saturated. */
  coverage: number;
}

export interface Bm25Index {
  search(query: string, limit: number): Bm25Hit[];
  /**
   * How much of the query the corpus knows at all: the idf-weighted share of its terms that occur
   * in some document. Off-topic questions ("a good lasagna recipe") score low because their
   * distinctive words never occur; domain questions score near 1 even when no single section
   * holds all their terms.
   */
  knownShare(query: string): number;
}

const K1 = 1.2;
const B = 0.75;

export function createBm25Index(documents: readonly string[]): Bm25Index {
  const postings = new Map<string, { index: number; frequency: number }[]>();
  const lengths = documents.map((document, index) => {
    const counts = new Map<string, number>();
    const analyzed = analyze(document);
    for (const term of analyzed) counts.set(term, (counts.get(term) ?? 0) + 1);
    for (const [term, frequency] of counts) {
      const list = postings.get(term) ?? [];
      list.push({ index, frequency });
      postings.set(term, list);
    }
    return analyzed.length;
  });
  const averageLength = lengths.reduce((sum, length) => sum + length, 0) / Math.max(lengths.length, 1);
  const idf = (term: string) => {
    const documentFrequency = postings.get(term)?.length ?? 0;
    return Math.log(1 + (documents.length - documentFrequency + 0.5) / (documentFrequency + 0.5));
  };

  return {
    knownShare(query) {
      const queryTerms = [...new Set(analyze(query))];
      const total = queryTerms.reduce((sum, term) => sum + idf(term), 0);
      const known = queryTerms.filter((term) => postings.has(term)).reduce((sum, term) => sum + idf(term), 0);
      return total > 0 ? known / total : 0;
    },
    search(query, limit) {
      const queryTerms = [...new Set(analyze(query))];
      const scores = new Map<number, number>();
      let ceiling = 0;
      for (const term of queryTerms) {
        const weight = idf(term);
        ceiling += weight * (K1 + 1);
        for (const { index, frequency } of postings.get(term) ?? []) {
          const norm = K1 * (1 - B + (B * (lengths[index] ?? 0)) / averageLength);
          scores.set(index, (scores.get(index) ?? 0) + (weight * frequency * (K1 + 1)) / (frequency + norm));
        }
      }
      return [...scores]
        .map(([index, score]) => ({ index, score, coverage: ceiling > 0 ? score / ceiling : 0 }))
        .sort((left, right) => right.score - left.score || left.index - right.index)
        .slice(0, limit);
    },
  };
}
