/**
 * @module retrieval/vector-index — a thin wrapper over hnswlib-node's HNSW graph in cosine space.
 * Everything except reading and writing runs synchronously on the calling thread, so the serving
 * process only reads a prebuilt index (`node-mentor index` builds it).
 */
import { createRequire } from 'node:module';
import type { HierarchicalNSW } from 'hnswlib-node';

export interface VectorHit {
  label: number;
  /** Cosine similarity in [-1, 1]; higher is closer. */
  similarity: number;
}

export interface VectorIndex {
  readonly dimensions: number;
  /** Number of live (not deleted) vectors. */
  size(): number;
  add(label: number, vector: number[]): void;
  remove(label: number): void;
  search(vector: number[], limit: number): VectorHit[];
  /** Writes the graph to `filePath` (not atomic on its own: callers write to a temp path). */
  write(filePath: string): Promise<void>;
}

export interface VectorIndexOptions {
  dimensions: number;
  /** Graph degree; 16 is hnswlib's sweet spot for recall vs memory. */
  m?: number;
  efConstruction?: number;
  /** Candidate list size at query time; must be ≥ limit, higher → better recall. */
  efSearch?: number;
}

const INITIAL_CAPACITY = 1_024;

interface HnswBinding {
  HierarchicalNSW: typeof HierarchicalNSW;
}

let binding: HnswBinding | undefined;

/**
 * The native binding, loaded on first use. It is required synchronously (it is CommonJS) so that
 * `readVectorIndex` hands the file to the thread pool before it first yields, and the caller's
 * other start-up work (reading the playbooks) overlaps with the native read. The caller's own
 * checksum of the file, before the native reader may see it, still runs on the main thread.
 */
function loadBinding(): HnswBinding {
  binding ??= createRequire(import.meta.url)('hnswlib-node') as HnswBinding;
  return binding;
}

export async function createVectorIndex(options: VectorIndexOptions): Promise<VectorIndex> {
  const { HierarchicalNSW } = loadBinding();
  const graph = new HierarchicalNSW('cosine', options.dimensions);
  graph.initIndex({
    maxElements: INITIAL_CAPACITY,
    m: options.m ?? 16,
    efConstruction: options.efConstruction ?? 200,
    randomSeed: 42,
    allowReplaceDeleted: true,
  });
  return wrap(graph, options, 0);
}

/** Reads an index written by `write`; throws if the file is unreadable. */
export async function readVectorIndex(
  filePath: string,
  options: VectorIndexOptions,
  liveCount: number,
): Promise<VectorIndex> {
  const { HierarchicalNSW } = loadBinding();
  const graph = new HierarchicalNSW('cosine', options.dimensions);
  await graph.readIndex(filePath, true);
  return wrap(graph, options, liveCount);
}

function wrap(graph: HierarchicalNSW, options: VectorIndexOptions, initialLive: number): VectorIndex {
  let live = initialLive;
  const efSearch = options.efSearch ?? 96;
  return {
    dimensions: options.dimensions,
    size: () => live,
    add(label, vector) {
      if (graph.getCurrentCount() >= graph.getMaxElements()) graph.resizeIndex(graph.getMaxElements() * 2);
      graph.addPoint(vector, label, true);
      live += 1;
    },
    remove(label) {
      graph.markDelete(label);
      live -= 1;
    },
    search(vector, limit) {
      const count = Math.min(limit, live);
      if (count === 0) return [];
      graph.setEf(Math.max(efSearch, count));
      const result = graph.searchKnn(vector, count);
      return result.neighbors.map((label, index) => ({
        label,
        similarity: 1 - (result.distances[index] ?? 1),
      }));
    },
    async write(filePath) {
      await graph.writeIndex(filePath);
    },
  };
}
