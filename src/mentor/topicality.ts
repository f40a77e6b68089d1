/**
 * @module mentor/topicality — a second, stricter look at what retrieval found before the mentor
 * answers. Retrieval admits a section once enough of the question's words occur in it, and for a
 * question that names no Node.js or backend concept, shared everyday words are weak evidence: "a
 * cover letter for a marketing job" meets "dead-letter" and "job" in the queues playbook. Such a
 * question is answered only when the match is specific (a word few playbooks use, standing on its
 * own rather than inside a compound like `dead-letter` or `third-party`) or strong overall; else
 * the mentor declines rather than quote an unrelated section.
 */
import type { Chunk, ScoredChunk } from '../retrieval/index.js';
import { analyze, stem, terms } from '../retrieval/text-analysis.js';

/** A word used by at most this share of the playbooks (and at least one) is specific. */
const SPECIFIC_SHARE = 0.1;
/** Mean of the top hit's similarity and coverage that counts as a strong match on its own. */
const STRONG_MATCH = 0.2;

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
      words: standaloneTerms(text),
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
      return (top.similarity + top.coverage) / 2 >= STRONG_MATCH;
    },
  };
}

/**
 * Stemmed words of `text`, a compound (`dead-letter`, `worker_threads`) as one word rather than
 * its parts: the same word pattern as retrieval's analysis, minus the split into parts.
 */
function standaloneTerms(text: string): Set<string> {
  const result = new Set<string>();
  for (const raw of text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}_.:+#/-]*/gu) ?? []) {
    const word = raw.replace(/[.:/+#-]+$/, '');
    if (word !== '') result.add(stem(word));
  }
  return result;
}
