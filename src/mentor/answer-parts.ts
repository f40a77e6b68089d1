/**
 * @module mentor/answer-parts — small pure helpers that turn retrieval and generation results into
 * the `Answer` contract: sources, confidence, and the event stream of a fixed answer.
 */
import { headingLabel, type Chunk, type ScoredChunk } from '../retrieval/index.js';
import type { AnswerConfidence, AnswerEvent, AnswerSource } from './types.js';

/** Confidence thresholds on the top hit (cosine similarity and term coverage, both in [0, 1]). */
const HIGH = { similarity: 0.3, coverage: 0.4 };
const MEDIUM = { similarity: 0.26, coverage: 0.22 };

export function confidenceOf(hits: readonly ScoredChunk[]): AnswerConfidence {
  const top = hits[0];
  if (!top) return 'none';
  if (top.similarity >= HIGH.similarity && top.coverage >= HIGH.coverage) return 'high';
  if (top.similarity >= MEDIUM.similarity || top.coverage >= MEDIUM.coverage) return 'medium';
  return 'low';
}

function sectionRef(chunk: Pick<Chunk, 'playbookId' | 'anchor'>): string {
  return `${chunk.playbookId}#${chunk.anchor}`;
}

export function toAnswerSource(hit: ScoredChunk): AnswerSource {
  const { chunk } = hit;
  return {
    title: chunk.playbookTitle,
    path: chunk.path,
    heading: headingLabel(chunk.headingPath),
    ref: sectionRef(chunk),
    score: hit.score,
  };
}

/** Milliseconds since `start` (a `performance.now()` reading), to 0.01 ms. */
export function elapsedSince(start: number): number {
  return Math.round((performance.now() - start) * 100) / 100;
}

/** Streams a ready answer: its whole text as one delta, then `done`. */
export async function* emitWhole(
  answer: Extract<AnswerEvent, { type: 'done' }>['answer'],
): AsyncGenerator<AnswerEvent> {
  if (answer.markdown !== '') yield { type: 'delta', text: answer.markdown };
  yield { type: 'done', answer };
}
