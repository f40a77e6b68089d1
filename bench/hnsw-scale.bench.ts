/**
 * @module bench/hnsw-scale — at 100k synthetic chunk vectors: HNSW recall@10 against exact
 * search, and HNSW's speed against exact brute-force search, measured in the same run.
 */
import { createVectorIndex } from '../src/retrieval/vector-index.js';
import { percentile, round } from './stats.js';
import type { BenchResult } from './types.js';

export interface HnswScaleOptions {
  count?: number;
  dimensions?: number;
  queries?: number;
}

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same data. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value ^= value + Math.imul(value ^ (value >>> 7), 61 | value);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Embedding-like vectors: real text embeddings sit near a low-dimensional manifold, so each vector
 * is a random mix of 32 latent "topics" projected into the full dimension, plus a little noise.
 * (Uniform noise in 256 dimensions would be a worst case no embedding model produces.)
 */
function syntheticVectors(count: number, dimensions: number, random: () => number): Float32Array[] {
  const latent = 32;
  const projection = Array.from({ length: latent }, () =>
    Float32Array.from({ length: dimensions }, () => random() * 2 - 1),
  );
  return Array.from({ length: count }, () => {
    const vector = Float32Array.from({ length: dimensions }, () => (random() * 2 - 1) * 0.05);
    for (const row of projection) {
      const weight = random() * 2 - 1;
      for (let index = 0; index < dimensions; index += 1)
        vector[index] = (vector[index] ?? 0) + weight * (row[index] ?? 0);
    }
    const norm = Math.hypot(...vector);
    return vector.map((value) => value / norm);
  });
}

function exactTopK(vectors: Float32Array[], query: Float32Array, k: number): number[] {
  const best: { label: number; score: number }[] = [];
  vectors.forEach((vector, label) => {
    let score = 0;
    for (let index = 0; index < vector.length; index += 1)
      score += (vector[index] ?? 0) * (query[index] ?? 0);
    if (best.length < k || score > (best.at(-1)?.score ?? -Infinity)) {
      best.push({ label, score });
      best.sort((left, right) => right.score - left.score);
      if (best.length > k) best.pop();
    }
  });
  return best.map((entry) => entry.label);
}

export async function runHnswScaleBench(options: HnswScaleOptions = {}): Promise<BenchResult[]> {
  const count = options.count ?? 100_000;
  const dimensions = options.dimensions ?? 256;
  const queryCount = options.queries ?? 200;
  const random = createRandom(7);
  const vectors = syntheticVectors(count, dimensions, random);
  const queries = syntheticVectors(queryCount, dimensions, random);

  const buildStarted = performance.now();
  const index = await createVectorIndex({ dimensions, efConstruction: 100, efSearch: 128 });
  vectors.forEach((vector, label) => index.add(label, Array.from(vector)));
  const buildSeconds = (performance.now() - buildStarted) / 1_000;

  const hnswTimes: number[] = [];
  const exactTimes: number[] = [];
  let hits = 0;
  for (const query of queries) {
    const asArray = Array.from(query);
    let started = performance.now();
    const approximate = index.search(asArray, 10).map((hit) => hit.label);
    hnswTimes.push(performance.now() - started);
    started = performance.now();
    const exact = new Set(exactTopK(vectors, query, 10));
    exactTimes.push(performance.now() - started);
    hits += approximate.filter((label) => exact.has(label)).length;
  }
  const recall = hits / (queryCount * 10);
  const speedup = percentile(exactTimes, 0.5) / percentile(hnswTimes, 0.5);
  const label = `${count / 1_000}k × ${dimensions}d`;
  return [
    { name: `HNSW build (${label})`, value: round(buildSeconds, 1), unit: 's' },
    {
      name: `HNSW recall@10 vs exact (${label})`,
      value: round(recall),
      unit: '',
      target: '≥ 0.95',
      pass: recall >= 0.95,
    },
    { name: `HNSW query p50 (${label})`, value: round(percentile(hnswTimes, 0.5)), unit: 'ms' },
    { name: `exact brute-force query p50 (${label})`, value: round(percentile(exactTimes, 0.5)), unit: 'ms' },
    {
      name: `HNSW speed-up over exact (${label})`,
      value: round(speedup, 1),
      unit: '×',
      target: '≥ 20×',
      pass: speedup >= 20,
    },
  ];
}
