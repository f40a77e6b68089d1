/**
 * @module retrieval/embedders/local-embedder — the default embedder: deterministic, no network,
 * microseconds per text. Feature hashing of the shared text analysis (terms, domain concepts,
 * adjacent-term pairs and sub-word 4-grams) into a signed vector, log-scaled and L2-normalised.
 */
import { Embeddings } from '@langchain/core/embeddings';
import { ANALYSIS_FINGERPRINT, analyze } from '../text-analysis.js';
import type { Embedder } from '../types.js';

export const LOCAL_EMBEDDER_NAME = 'local';

export interface LocalEmbedderOptions {
  /** Vector size; more dimensions → fewer hash collisions. Default 512. */
  dimensions?: number;
}

const WEIGHTS = { term: 1, concept: 1.6, pair: 0.6, subword: 0.25 } as const;

/**
 * @example
 * const embedder = createLocalEmbedder();
 * const [vector] = await embedder.embedTexts(['why is my heap growing?']);
 */
export function createLocalEmbedder(options: LocalEmbedderOptions = {}): LocalEmbeddings {
  return new LocalEmbeddings(options.dimensions ?? 512);
}

export class LocalEmbeddings extends Embeddings implements Embedder {
  readonly id: string;
  readonly maxBatchSize = 1_024;

  constructor(readonly dimensions: number) {
    super({});
    // The analysis fingerprint: an edited synonym table or stemmer means vectors must be rebuilt.
    this.id = `${LOCAL_EMBEDDER_NAME}-v1-${dimensions}-${ANALYSIS_FINGERPRINT}`;
  }

  embedTexts(texts: string[]): Promise<number[][]> {
    return Promise.resolve(texts.map((text) => this.embedOne(text)));
  }

  embedDocuments(documents: string[]): Promise<number[][]> {
    return this.embedTexts(documents);
  }

  embedQuery(query: string): Promise<number[]> {
    return Promise.resolve(this.embedOne(query));
  }

  private embedOne(text: string): number[] {
    const counts = new Map<string, number>();
    const add = (feature: string, weight: number) => counts.set(feature, (counts.get(feature) ?? 0) + weight);
    const analyzed = analyze(text);
    const plain = analyzed.filter((term) => !term.startsWith('~'));
    for (const term of analyzed) add(term, term.startsWith('~') ? WEIGHTS.concept : WEIGHTS.term);
    for (let index = 1; index < plain.length; index += 1)
      add(`${plain[index - 1]} ${plain[index]}`, WEIGHTS.pair);
    for (const term of plain) {
      if (term.length < 6) continue;
      for (let start = 0; start + 4 <= term.length; start += 1)
        add(`#${term.slice(start, start + 4)}`, WEIGHTS.subword);
    }
    const vector = new Array<number>(this.dimensions).fill(0);
    for (const [feature, weight] of counts) {
      const hash = fnv1a(feature);
      const slot = hash % this.dimensions;
      vector[slot] = (vector[slot] ?? 0) + (hash & 0x80000000 ? -1 : 1) * (1 + Math.log(weight + 1));
    }
    const norm = Math.hypot(...vector) || 1;
    return vector.map((value) => value / norm);
  }
}

/** 32-bit FNV-1a: fast, stable across runs and platforms. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
