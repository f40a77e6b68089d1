/**
 * @module retrieval/hybrid-search — HNSW vector search and BM25 over the same chunks, fused by
 * combining their absolute signals (cosine similarity and BM25 coverage, both on [0, 1]) with a
 * small bonus when sibling sections of the same playbook also match, behind a relevance floor so
 * an off-topic question retrieves nothing.
 *
 * Why not reciprocal rank fusion: with a few hundred sections and short questions, many weak
 * candidates crowd the ranks and RRF discards how strong a match is; on the project's topic
 * questions the absolute combination ranked the right playbook first where RRF did not.
 */
import { embeddingText } from './chunk-playbook.js';
import { createBm25Index } from './bm25.js';
import { analyze } from './text-analysis.js';
import type { IndexedKnowledge } from './index-store.js';
import type { Embedder, ScoredChunk } from './types.js';

/**
 * When a question counts as answerable. The question must first look like it belongs to the
 * knowledge base at all (its words occur in the playbooks, or it names a domain concept), then
 * each section must clear both per-section signals.
 */
export interface RelevanceFloor {
  /** Least idf-weighted share of the question's terms that occur anywhere in the playbooks. */
  minKnownShare: number;
  /** A lower known share suffices when the question names a domain concept (synonym table). */
  minKnownShareWithConcept: number;
  /** Least cosine similarity between question and section. */
  minSimilarity: number;
  /** Least share of the question's weighted terms the section must contain (BM25 coverage). */
  minCoverage: number;
}

export const DEFAULT_FLOOR: RelevanceFloor = {
  minKnownShare: 0.65,
  minKnownShareWithConcept: 0.35,
  minSimilarity: 0.08,
  minCoverage: 0.08,
};

/** Weight of the mean of a section's two best sibling matches in its rank. */
const TOPIC_WEIGHT = 0.15;

export interface HybridSearchOptions {
  knowledge: IndexedKnowledge;
  embedder: Embedder;
  floor?: RelevanceFloor;
}

export interface SearchOptions {
  limit: number;
  /** Candidates taken from each ranker before fusion. */
  candidates?: number;
}

export interface HybridSearch {
  search(query: string, options: SearchOptions): Promise<ScoredChunk[]>;
}

interface Candidate {
  position: number;
  similarity: number;
  coverage: number;
  /** (similarity + coverage) / 2 */
  strength: number;
}

export function createHybridSearch(options: HybridSearchOptions): HybridSearch {
  const { knowledge, embedder } = options;
  const floor = options.floor ?? DEFAULT_FLOOR;
  const bm25 = createBm25Index(knowledge.chunks.map(embeddingText));
  const positionByLabel = new Map(knowledge.chunks.map((chunk, position) => [chunk.label, position]));
  const looksAnswerable = (query: string) => {
    const known = bm25.knownShare(query);
    if (known >= floor.minKnownShare) return true;
    return known >= floor.minKnownShareWithConcept && analyze(query).some((term) => term.startsWith('~'));
  };

  return {
    async search(query, { limit, candidates = Math.max(40, limit * 8) }) {
      if (!looksAnswerable(query)) return [];
      const [queryVector] = await embedder.embedTexts([query]);
      const signals = new Map<number, { similarity: number; coverage: number }>();
      const signalsAt = (position: number) => {
        const existing = signals.get(position) ?? { similarity: 0, coverage: 0 };
        signals.set(position, existing);
        return existing;
      };
      for (const hit of queryVector ? knowledge.vectors.search(queryVector, candidates) : []) {
        const position = positionByLabel.get(hit.label);
        if (position !== undefined) signalsAt(position).similarity = hit.similarity;
      }
      for (const hit of bm25.search(query, candidates)) signalsAt(hit.index).coverage = hit.coverage;

      const eligible: Candidate[] = [...signals]
        .filter(
          ([, { similarity, coverage }]) =>
            similarity >= floor.minSimilarity && coverage >= floor.minCoverage,
        )
        .map(([position, { similarity, coverage }]) => ({
          position,
          similarity,
          coverage,
          strength: (similarity + coverage) / 2,
        }));
      return rankWithTopicSupport(eligible, (position) => knowledge.chunks[position]?.playbookId ?? '')
        .slice(0, limit)
        .flatMap(({ candidate, rank }) => {
          const chunk = knowledge.chunks[candidate.position];
          if (!chunk) return [];
          return [
            {
              chunk,
              score: round(Math.min(1, rank)),
              similarity: candidate.similarity,
              coverage: candidate.coverage,
            },
          ];
        });
    },
  };
}

/**
 * Adds to each candidate's strength a share of its two best siblings' strength: a section whose
 * playbook also matches elsewhere is more likely the right topic than a lone lucky hit.
 */
function rankWithTopicSupport(
  candidates: Candidate[],
  playbookOf: (position: number) => string,
): { candidate: Candidate; rank: number }[] {
  const byPlaybook = new Map<string, Candidate[]>();
  for (const candidate of candidates) {
    const playbookId = playbookOf(candidate.position);
    byPlaybook.set(playbookId, [...(byPlaybook.get(playbookId) ?? []), candidate]);
  }
  for (const siblings of byPlaybook.values()) siblings.sort((left, right) => right.strength - left.strength);
  return candidates
    .map((candidate) => {
      const siblings = (byPlaybook.get(playbookOf(candidate.position)) ?? []).filter(
        (other) => other !== candidate,
      );
      const support = siblings.slice(0, 2).reduce((sum, other) => sum + other.strength, 0) / 2;
      return { candidate, rank: candidate.strength + TOPIC_WEIGHT * support };
    })
    .sort((left, right) => right.rank - left.rank || left.candidate.position - right.candidate.position);
}

function round(value: number): number {
  return Math.round(value * 1_000) / 1_000;
}
