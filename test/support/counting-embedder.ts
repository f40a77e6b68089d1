/**
 * A local embedder that counts what it embeds, to assert incremental indexing.
 */
import { createLocalEmbedder } from '../../src/retrieval/embedders/local-embedder.js';
import type { Embedder } from '../../src/retrieval/types.js';

export interface CountingEmbedder extends Embedder {
  embeddedTexts: number;
}

export function createCountingEmbedder(options: { dimensions?: number; id?: string } = {}): CountingEmbedder {
  const inner = createLocalEmbedder({ dimensions: options.dimensions ?? 64 });
  const counting: CountingEmbedder = {
    id: options.id ?? inner.id,
    dimensions: inner.dimensions,
    maxBatchSize: 3,
    embeddedTexts: 0,
    async embedTexts(texts) {
      counting.embeddedTexts += texts.length;
      return inner.embedTexts(texts);
    },
  };
  return counting;
}
