/**
 * @module mentor/topicality — a second, stricter look at what retrieval found before the mentor
 * answers. Retrieval admits a section once enough of the question's words occur in it, and for a
 * question that names no Node.js or backend concept, shared everyday words are weak evidence: "a
 * cover letter for a marketing job" meets "dead-letter" and "job" in the queues playbook. Such a
 * question is answered only when the match is specific (a word few playbooks use, standing on its
 * own rather than inside a compound like `dead-letter` or `third-party`) or strong overall with at
 * least half of its words standing on their own in the top section; else the mentor declines rather
 * than quote an unrelated section.
 */
import type { Chunk, ScoredChunk } from '../retrieval/index.js';
import { analyze, terms, wholeTerms } from '../retrieval/text-analysis.js';

/** A word used by at most this share of the playbooks (and at least one) is specific. */
const SPECIFIC_SHARE = 0.1;
/** Mean of the top hit's similarity and coverage that counts as a strong match on its own. */
const STRONG_MATCH = 0.2;
/** Share of the question's words that must stand on their own in the top section for a strong match. */
const STANDALONE_SHARE = 0.5;

export interface Topicality {
  /** True when `hits` are evidence that the knowledge base covers `query`. */
  supports(query: string, hits: readonly ScoredChunk[]): boolean;
}

interface ChunkTerms {
  /** Stemmed words that occur on their own, not only as part of a compound. */
  words: Set<string>;
  /** Domain concepts (`~memory`) the chunk mentions. */
  concepts: Set<string>;
}

/** @example createTopicality(knowledge.chunks).supports('cover letter for a marketing job', hits) // false */
export function createTopicality(chunks: readonly Chunk[]): Topicality {
  const byChunk = new Map<string, ChunkTerms>();
  const playbooksOf = new Map<string, Set<string>>();
  for (const chunk of chunks) {
    const text = `${chunk.headingPath.join('\n')}\n${chunk.text}`;
    const found: ChunkTerms = {
      words: new Set(wholeTerms(text)),
      concepts: new Set(analyze(text).filter((term) => term.startsWith('~'))),
    };
    byChunk.set(chunk.id, found);
    for (const word of found.words) {
      const playbooks = playbooksOf.get(word) ?? new Set<string>();
      playbooks.add(chunk.playbookId);
      playbooksOf.set(word, playbooks);
    }
  }
  const playbookCount = new Set(chunks.map((chunk) => chunk.playbookId)).size;
  const specificLimit = Math.max(1, Math.floor(playbookCount * SPECIFIC_SHARE));
  const isSpecific = (word: string) => (playbooksOf.get(word)?.size ?? 0) <= specificLimit;

  return {
    supports(query, hits) {
      const top = hits[0];
      if (!top) return false;
      const found = hits.flatMap((hit) => byChunk.get(hit.chunk.id) ?? []);
      const concepts = analyze(query).filter((term) => term.startsWith('~'));
      if (concepts.some((concept) => found.some((chunk) => chunk.concepts.has(concept)))) return true;
      const specific = terms(query).filter(isSpecific);
      if (specific.some((word) => found.some((chunk) => chunk.words.has(word)))) return true;
      // A strong score counts only when it is not made of parts of compounds: "write me a cover
      // letter" scores well on "dead-letter", yet of its words only "cover" stands alone there.
      const own = byChunk.get(top.chunk.id)?.words ?? new Set<string>();
      const words = [...new Set(wholeTerms(query))];
      const standalone = words.filter((word) => own.has(word)).length;
      return (
        standalone >= words.length * STANDALONE_SHARE && (top.similarity + top.coverage) / 2 >= STRONG_MATCH
      );
    },
  };
}
