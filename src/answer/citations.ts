/**
 * @module answer/citations — numbers sections in the order an answer first cites them, so `[n]` in
 * the text is always `sources[n - 1]`.
 */
import type { Chunk, ScoredChunk } from '../retrieval/index.js';

export interface Citations {
  /** `[n]` for the section, numbering it on first use. */
  cite(section: ScoredChunk): string;
  /** Cited sections in citation order. */
  sources(): ScoredChunk[];
}

export function createCitations(): Citations {
  const numbers = new Map<string, number>();
  const cited: ScoredChunk[] = [];
  return {
    cite(section) {
      let number = numbers.get(section.chunk.id);
      if (number === undefined) {
        cited.push(section);
        number = cited.length;
        numbers.set(section.chunk.id, number);
      }
      return `[${number}]`;
    },
    sources: () => [...cited],
  };
}

/** A section found by reading the playbook (pitfalls, next step) rather than by search. */
export function unscored(chunk: Chunk): ScoredChunk {
  return { chunk, score: 0, similarity: 0, coverage: 0 };
}
