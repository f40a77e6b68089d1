/**
 * @module retrieval/index-store — opens and updates the persisted index (see `index-files` for the
 * layout). `syncIndex` re-embeds only changed or added sections and touches only the playbooks that
 * changed; a changed embedder or a missing, truncated or corrupt file falls back to a full rebuild
 * with a warning. Files are read synchronously: this runs at start-up and in the CLI only, where
 * that is several times faster than `fs/promises` and nothing else is waiting on the event loop.
 */
import path from 'node:path';
import { MentorError, isMentorError } from '../errors.js';
import {
  commitManifest,
  createWriteToken,
  readManifest,
  readSections,
  readVerifiedFile,
  checkFileSizes,
  MANIFEST_VERSION,
  writeSections,
  writeVectors,
  type IndexedFile,
  type IndexManifest,
} from './index-files.js';
import type { Chunk, Embedder, IndexedChunk, PlaybookSummary } from './types.js';
import { createVectorIndex, readVectorIndex, type VectorIndex } from './vector-index.js';
import { embeddingText } from './chunk-playbook.js';

/** The index as stored: enough to update it; the sections themselves are read on demand. */
export interface StoredIndex {
  manifest: IndexManifest;
  vectors: VectorIndex;
}

/** What search reads: every section, and the graph their labels point into. */
export interface IndexedKnowledge {
  chunks: IndexedChunk[];
  vectors: VectorIndex;
}

export interface SyncProgress {
  embedded: number;
  toEmbed: number;
}

export interface SyncStats {
  chunks: number;
  embedded: number;
  reused: number;
  removed: number;
  /** Why everything was embedded again, when it was. */
  rebuildReason?: string;
}

export interface OpenPreviousOptions {
  directory: string;
  embedder: Embedder;
  /** Ignore what is on disk and rebuild. */
  force?: boolean;
  /** One-line warnings, e.g. "index: vectors.….hnsw is corrupt; rebuilding from scratch". */
  onWarning?: (message: string) => void;
}

/** The index on disk to update, or why there is none to build on. */
export type PreviousIndex = { index: StoredIndex } | { index?: undefined; rebuildReason: string };

/** A new or edited playbook, freshly chunked. */
export interface ChunkedPlaybook {
  /** File name, e.g. `memory-leaks.md`. */
  name: string;
  sha256: string;
  playbook: PlaybookSummary;
  chunks: Chunk[];
}

export interface SyncIndexOptions {
  directory: string;
  embedder: Embedder;
  previous: PreviousIndex;
  /** Playbooks whose file has not changed since `previous`: kept exactly as they are. */
  unchanged: string[];
  changed: ChunkedPlaybook[];
  onProgress?: (progress: SyncProgress) => void;
}

export interface SyncedIndex {
  index: StoredIndex;
  stats: SyncStats;
  /** Sections of the `changed` playbooks, by file name, so they need not be read back. */
  fresh: ReadonlyMap<string, IndexedChunk[]>;
}

/**
 * Opens the index to update. A missing index is a first build; a corrupt or truncated one, or one
 * built by another embedder, is rebuilt with a one-line warning — never a crash.
 */
export async function openPreviousIndex(options: OpenPreviousOptions): Promise<PreviousIndex> {
  if (options.force) return { rebuildReason: 'forced' };
  try {
    return { index: await loadIndex(options.directory, options.embedder) };
  } catch (error) {
    if (isMentorError(error, 'index_unavailable')) return { rebuildReason: 'no index yet' };
    return { rebuildReason: rebuildReasonFor(error, options.onWarning) };
  }
}

/** For an `index_corrupt` error: warns that the index is rebuilt, and returns why. Rethrows anything else. */
export function rebuildReasonFor(error: unknown, onWarning?: (message: string) => void): string {
  if (!isMentorError(error, 'index_corrupt')) throw error;
  const reason = error.message.replace(/^index: /, '');
  onWarning?.(`index: ${reason}; rebuilding from scratch`);
  return reason;
}

/**
 * Opens the index in `directory`: `index_unavailable` when there is none, `index_corrupt` when it
 * cannot be trusted. The graph is checked before the native reader sees it, and it is read on the
 * thread pool: the caller can read playbooks meanwhile.
 */
export async function loadIndex(directory: string, embedder: Embedder): Promise<StoredIndex> {
  const manifest = readManifest(directory);
  if (manifest.embedder.id !== embedder.id || manifest.embedder.dimensions !== embedder.dimensions) {
    throw new MentorError(
      'index_corrupt',
      `index: built with embedder ${manifest.embedder.id}, but ${embedder.id} is configured — run "node-mentor index"`,
    );
  }
  checkFileSizes(directory, manifest);
  readVerifiedFile(directory, manifest.vectors);
  const vectors = await readVectorIndex(
    path.join(directory, manifest.vectors.file),
    { dimensions: embedder.dimensions },
    countSections(Object.values(manifest.files)),
  ).catch((error: unknown) => {
    throw new MentorError('index_corrupt', `index: ${manifest.vectors.file} cannot be read`, {
      cause: error,
    });
  });
  return { manifest, vectors };
}

/** Every section of the index, in playbook then document order; `fresh` ones are not read again. */
export function readIndexedKnowledge(
  directory: string,
  synced: Pick<SyncedIndex, 'index' | 'fresh'>,
): IndexedKnowledge {
  const chunks = Object.entries(synced.index.manifest.files).flatMap(
    ([name, indexed]) => synced.fresh.get(name) ?? readSections(directory, indexed),
  );
  return { chunks, vectors: synced.index.vectors };
}

/**
 * Brings the index in line with the playbooks, embedding only sections that changed, and persists
 * it: new files first, the manifest last. Nothing is written when nothing changed.
 */
export async function syncIndex(options: SyncIndexOptions): Promise<SyncedIndex> {
  const { directory, embedder } = options;
  const before = options.previous.index?.manifest;
  const vectors =
    options.previous.index?.vectors ?? (await createVectorIndex({ dimensions: embedder.dimensions }));
  const plan = planSync(directory, vectors, options);
  await embedInBatches(embedder, plan.toEmbed, vectors, options.onProgress);

  const unchanged = options.unchanged.flatMap((name) => {
    const indexed = before?.files[name];
    return indexed ? [[name, indexed] as const] : [];
  });
  const chunks =
    countSections(unchanged.map(([, indexed]) => indexed)) +
    [...plan.fresh.values()].reduce((sum, sections) => sum + sections.length, 0);
  const rebuildReason = options.previous.index ? undefined : options.previous.rebuildReason;
  const stats: SyncStats = {
    chunks,
    embedded: plan.toEmbed.length,
    reused: chunks - plan.toEmbed.length,
    removed: plan.removed,
    ...(rebuildReason === undefined ? {} : { rebuildReason }),
  };
  if (before && options.changed.length === 0 && plan.deletedFiles === 0) {
    return { index: { manifest: before, vectors }, stats, fresh: plan.fresh };
  }

  const token = createWriteToken();
  const vectorsChanged = !before || plan.toEmbed.length > 0 || plan.removed > 0;
  const [vectorsFile, ...written] = await Promise.all([
    vectorsChanged ? writeVectors(directory, token, vectors) : before.vectors,
    ...options.changed.map(async ({ name, sha256, playbook }): Promise<[string, IndexedFile]> => {
      const sections = await writeSections(directory, playbook.id, token, plan.fresh.get(name) ?? []);
      return [name, { sha256, playbook, sections }];
    }),
  ]);
  const manifest: IndexManifest = {
    version: MANIFEST_VERSION,
    embedder: { id: embedder.id, dimensions: embedder.dimensions },
    vectors: vectorsFile,
    nextLabel: plan.nextLabel,
    files: Object.fromEntries([...unchanged, ...written].sort(([left], [right]) => (left < right ? -1 : 1))),
  };
  await commitManifest(directory, manifest);
  return { index: { manifest, vectors }, stats, fresh: plan.fresh };
}

interface SyncPlan {
  /** Sections of the changed playbooks, labelled: reused labels where the hash matches, new ones otherwise. */
  fresh: Map<string, IndexedChunk[]>;
  toEmbed: IndexedChunk[];
  /** Sections that no longer exist. */
  removed: number;
  /** Indexed playbooks whose file is gone or no longer loads. */
  deletedFiles: number;
  nextLabel: number;
}

/**
 * Matches the changed playbooks' sections against what the index holds for them, by section id and
 * hash, and takes every section that is gone or changed out of the graph. Only the changed and the
 * deleted playbooks' sections files are read.
 */
function planSync(
  directory: string,
  vectors: VectorIndex,
  options: Pick<SyncIndexOptions, 'previous' | 'unchanged' | 'changed'>,
): SyncPlan {
  const before = options.previous.index?.manifest;
  const stale = new Map(Object.entries(before?.files ?? {}));
  for (const name of options.unchanged) stale.delete(name);
  const plan: SyncPlan = {
    fresh: new Map(),
    toEmbed: [],
    removed: 0,
    deletedFiles: 0,
    nextLabel: before?.nextLabel ?? 0,
  };
  const retire = (chunk: IndexedChunk) => vectors.remove(chunk.label);
  for (const playbook of options.changed) {
    const earlier = stale.get(playbook.name);
    stale.delete(playbook.name);
    const old = new Map((earlier ? readSections(directory, earlier) : []).map((chunk) => [chunk.id, chunk]));
    const sections = playbook.chunks.map((chunk) => {
      const kept = old.get(chunk.id);
      old.delete(chunk.id);
      if (kept?.hash === chunk.hash) return { ...chunk, label: kept.label };
      if (kept) retire(kept);
      const section = { ...chunk, label: plan.nextLabel++ };
      plan.toEmbed.push(section);
      return section;
    });
    old.forEach(retire);
    plan.removed += old.size;
    plan.fresh.set(playbook.name, sections);
  }
  for (const gone of stale.values()) {
    const sections = readSections(directory, gone);
    sections.forEach(retire);
    plan.removed += sections.length;
  }
  plan.deletedFiles = stale.size;
  return plan;
}

function countSections(files: Iterable<IndexedFile>): number {
  let count = 0;
  for (const indexed of files) count += indexed.sections.count;
  return count;
}

async function embedInBatches(
  embedder: Embedder,
  chunks: IndexedChunk[],
  vectors: VectorIndex,
  onProgress: SyncIndexOptions['onProgress'],
): Promise<void> {
  for (let start = 0; start < chunks.length; start += embedder.maxBatchSize) {
    const batch = chunks.slice(start, start + embedder.maxBatchSize);
    const embeddings = await embedder.embedTexts(batch.map(embeddingText));
    batch.forEach((chunk, index) => {
      const vector = embeddings[index];
      if (vector?.length !== embedder.dimensions) {
        throw new MentorError(
          'provider_unavailable',
          `index: embedder ${embedder.id} returned a vector of the wrong size`,
        );
      }
      vectors.add(chunk.label, vector);
    });
    onProgress?.({ embedded: start + batch.length, toEmbed: chunks.length });
  }
}
