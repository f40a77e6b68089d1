/**
 * @module retrieval/hybrid-search — HNSW vector search and BM25 over the same chunks, fused with
 * reciprocal rank fusion, behind a relevance floor so an off-topic question retrieves nothing.
 */
import { embeddingText } from './chunk-playbook.js';
import { createBm25Index } from './bm25.js';
import type { IndexedKnowledge } from './index-store.js';
import type { Embedder, ScoredChunk } from './types.js';

export interface RelevanceFloor {
  /** Least cosine similarity between question and section. */
  minSimilarity: number;
  /** Least share of the question's weighted terms the section must contain (BM25 coverage). */
  minCoverage: number;
  /** A section passes on its own strength if both signals reach these. */
  strongSimilarity: number;
}

export const DEFAULT_FLOOR: RelevanceFloor = { minSimilarity: 0.2, minCoverage: 0.12, strongSimilarity: 0.4 };

export interface HybridSearchOptions {
  knowledge: IndexedKnowledge;
  embedder: Embedder;
  floor?: RelevanceFloor;
  /** RRF's damping constant; 60 is the value from the original paper. */
  rrfK?: number;
}

export interface SearchOptions {
  limit: number;
  /** Candidates taken from each ranker before fusion. */
  candidates?: number;
}

export interface HybridSearch {
  search(query: string, options: SearchOptions): Promise<ScoredChunk[]>;
}

export function createHybridSearch(options: HybridSearchOptions): HybridSearch {
  const { knowledge, embedder } = options;
  const floor = options.floor ?? DEFAULT_FLOOR;
  const rrfK = options.rrfK ?? 60;
  const bm25 = createBm25Index(knowledge.chunks.map(embeddingText));
  const positionByLabel = new Map(knowledge.chunks.map((chunk, position) => [chunk.label, position]));

  return {
    async search(query, { limit, candidates = Math.max(40, limit * 8) }) {
      const [queryVector] = await embedder.embedTexts([query]);
      const vectorHits = queryVector ? knowledge.vectors.search(queryVector, candidates) : [];
      const keywordHits = bm25.search(query, candidates);

      const fused = new Map<number, { rrf: number; similarity: number; coverage: number }>();
      const entry = (position: number) => {
        const existing = fused.get(position) ?? { rrf: 0, similarity: 0, coverage: 0 };
        fused.set(position, existing);
        return existing;
      };
      vectorHits.forEach((hit, rank) => {
        const position = positionByLabel.get(hit.label);
        if (position === undefined) return;
        const item = entry(position);
        item.rrf += 1 / (rrfK + rank + 1);
        item.similarity = hit.similarity;
      });
      keywordHits.forEach((hit, rank) => {
        const item = entry(hit.index);
        item.rrf += 1 / (rrfK + rank + 1);
        item.coverage = hit.coverage;
      });

      const best = 2 / (rrfK + 1);
      return [...fused]
        .filter(([, signals]) => passesFloor(signals, floor))
        .sort(([leftPosition, left], [rightPosition, right]) => right.rrf - left.rrf || leftPosition - rightPosition)
        .slice(0, limit)
        .flatMap(([position, signals]) => {
          const chunk = knowledge.chunks[position];
          if (!chunk) return [];
          return [{ chunk, score: round(signals.rrf / best), similarity: signals.similarity, coverage: signals.coverage }];
        });
    },
  };
}

function passesFloor(signals: { similarity: number; coverage: number }, floor: RelevanceFloor): boolean {
  if (signals.similarity >= floor.strongSimilarity && signals.coverage >= floor.minCoverage / 2) return true;
  return signals.similarity >= floor.minSimilarity && signals.coverage >= floor.minCoverage;
}

function round(value: number): number {
  return Math.round(value * 1_000) / 1_000;
}
