/**
 * @module retrieval/index-store — the persisted index: an HNSW graph file plus a JSON manifest
 * (embedder id and dimension, the index file's checksum, every chunk with its content hash and
 * vector label). `syncIndex` re-embeds only changed or added chunks; a changed embedder or a
 * missing, truncated or corrupt index file falls back to a full rebuild with a warning. Files are
 * read synchronously: this runs at start-up and in the CLI only, where that is several times
 * faster than `fs/promises` and nothing else is waiting on the event loop.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MentorError, isMentorError } from '../errors.js';
import { replaceFileAtomically, writeFileAtomically } from '../util/atomic-file.js';
import type { Chunk, Embedder, PlaybookSummary } from './types.js';
import { createVectorIndex, readVectorIndex, type VectorIndex } from './vector-index.js';
import { embeddingText } from './chunk-playbook.js';

const MANIFEST_VERSION = 2;
const MANIFEST_FILE = 'manifest.json';
const VECTORS_FILE = 'vectors.hnsw';

export interface IndexedChunk extends Chunk {
  /** The chunk's label in the HNSW graph. */
  label: number;
}

/** Per playbook file: its content hash and front matter, so an unchanged file is not parsed again. */
export type IndexedFiles = Record<string, { sha256: string; playbook: PlaybookSummary }>;

interface IndexManifest {
  version: typeof MANIFEST_VERSION;
  embedder: { id: string; dimensions: number };
  vectors: { file: string; bytes: number; sha256: string };
  nextLabel: number;
  files: IndexedFiles;
  chunks: IndexedChunk[];
}

/** A loaded index, ready to search. */
export interface IndexedKnowledge {
  embedderId: string;
  chunks: IndexedChunk[];
  vectors: VectorIndex;
  /** Next unused vector label; labels are never reused, so a deleted slot cannot alias a new chunk. */
  nextLabel: number;
  files: IndexedFiles;
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
  /** One-line warnings, e.g. "index: vectors.hnsw is corrupt; rebuilding from scratch". */
  onWarning?: (message: string) => void;
}

/** The index on disk to update, or why there is none to build on. */
export type PreviousIndex =
  { knowledge: IndexedKnowledge } | { knowledge?: undefined; rebuildReason: string };

export interface SyncIndexOptions {
  directory: string;
  embedder: Embedder;
  previous: PreviousIndex;
  chunks: Chunk[];
  files: IndexedFiles;
  onProgress?: (progress: SyncProgress) => void;
}

/**
 * Loads the index to update. A missing index is a first build; a corrupt or truncated one, or one
 * built by another embedder, is rebuilt with a one-line warning — never a crash.
 */
export async function openPreviousIndex(options: OpenPreviousOptions): Promise<PreviousIndex> {
  if (options.force) return { rebuildReason: 'forced' };
  try {
    return { knowledge: await loadIndex(options.directory, options.embedder) };
  } catch (error) {
    if (!isMentorError(error, 'index_unavailable') && !isMentorError(error, 'index_corrupt')) throw error;
    if (error.code === 'index_unavailable') return { rebuildReason: 'no index yet' };
    const reason = error.message.replace(/^index: /, '');
    options.onWarning?.(`index: ${reason}; rebuilding from scratch`);
    return { rebuildReason: reason };
  }
}

/** Loads the index in `directory`; `index_unavailable` when there is none, `index_corrupt` when it cannot be trusted. */
export async function loadIndex(directory: string, embedder: Embedder): Promise<IndexedKnowledge> {
  const manifest = await readManifest(directory);
  if (manifest.embedder.id !== embedder.id || manifest.embedder.dimensions !== embedder.dimensions) {
    throw new MentorError(
      'index_corrupt',
      `index: built with embedder ${manifest.embedder.id}, but ${embedder.id} is configured — run "node-mentor index"`,
    );
  }
  const vectorsPath = path.join(directory, manifest.vectors.file);
  let bytes: Buffer;
  try {
    bytes = readFileSync(vectorsPath);
  } catch (error) {
    throw new MentorError('index_corrupt', `index: ${manifest.vectors.file} is missing`, { cause: error });
  }
  if (bytes.length !== manifest.vectors.bytes || sha256(bytes) !== manifest.vectors.sha256) {
    throw new MentorError(
      'index_corrupt',
      `index: ${manifest.vectors.file} is truncated or corrupt (checksum mismatch)`,
    );
  }
  const vectors = await readVectorIndex(
    vectorsPath,
    { dimensions: embedder.dimensions },
    manifest.chunks.length,
  ).catch((error: unknown) => {
    throw new MentorError('index_corrupt', `index: ${manifest.vectors.file} cannot be read`, {
      cause: error,
    });
  });
  return {
    embedderId: embedder.id,
    chunks: manifest.chunks,
    vectors,
    nextLabel: manifest.nextLabel,
    files: manifest.files,
  };
}

/** Brings the index in line with `chunks`, embedding only what changed, and persists it atomically. */
export async function syncIndex(
  options: SyncIndexOptions,
): Promise<{ knowledge: IndexedKnowledge; stats: SyncStats }> {
  const { directory, embedder, chunks, files } = options;
  const previous = options.previous.knowledge;
  const rebuildReason = options.previous.knowledge ? undefined : options.previous.rebuildReason;
  const vectors = previous?.vectors ?? (await createVectorIndex({ dimensions: embedder.dimensions }));
  const existing = new Map((previous?.chunks ?? []).map((chunk) => [chunk.id, chunk]));
  let nextLabel = previous?.nextLabel ?? 0;
  const indexed: IndexedChunk[] = [];
  const toEmbed: IndexedChunk[] = [];
  for (const chunk of chunks) {
    const before = existing.get(chunk.id);
    existing.delete(chunk.id);
    if (before?.hash === chunk.hash) {
      indexed.push({ ...chunk, label: before.label });
      continue;
    }
    if (before) vectors.remove(before.label);
    const fresh = { ...chunk, label: nextLabel++ };
    indexed.push(fresh);
    toEmbed.push(fresh);
  }
  for (const removed of existing.values()) vectors.remove(removed.label);

  await embedInBatches(embedder, toEmbed, vectors, options.onProgress);
  const sameFiles =
    previous !== undefined &&
    Object.keys(files).length === Object.keys(previous.files).length &&
    Object.entries(files).every(([name, file]) => previous.files[name]?.sha256 === file.sha256);
  const unchanged = sameFiles && toEmbed.length === 0 && existing.size === 0;
  if (!unchanged) await persist(directory, embedder, vectors, { chunks: indexed, files, nextLabel });
  const stats: SyncStats = {
    chunks: indexed.length,
    embedded: toEmbed.length,
    reused: indexed.length - toEmbed.length,
    removed: existing.size,
    ...(rebuildReason === undefined ? {} : { rebuildReason }),
  };
  return { knowledge: { embedderId: embedder.id, chunks: indexed, vectors, nextLabel, files }, stats };
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

async function persist(
  directory: string,
  embedder: Embedder,
  vectors: VectorIndex,
  contents: Pick<IndexManifest, 'chunks' | 'files' | 'nextLabel'>,
): Promise<void> {
  let written: Buffer | undefined;
  await replaceFileAtomically(path.join(directory, VECTORS_FILE), async (temporary) => {
    await vectors.write(temporary);
    written = readFileSync(temporary);
  });
  const manifest: IndexManifest = {
    version: MANIFEST_VERSION,
    embedder: { id: embedder.id, dimensions: embedder.dimensions },
    vectors: { file: VECTORS_FILE, bytes: written?.length ?? 0, sha256: sha256(written ?? Buffer.alloc(0)) },
    ...contents,
  };
  await writeFileAtomically(path.join(directory, MANIFEST_FILE), JSON.stringify(manifest));
}

async function readManifest(directory: string): Promise<IndexManifest> {
  let text: string;
  try {
    text = readFileSync(path.join(directory, MANIFEST_FILE), 'utf8');
  } catch (error) {
    throw new MentorError(
      'index_unavailable',
      `index: none found in ${directory} — run "node-mentor index"`,
      {
        cause: error,
      },
    );
  }
  try {
    const manifest = JSON.parse(text) as IndexManifest;
    if (manifest.version !== MANIFEST_VERSION) {
      throw new MentorError(
        'index_corrupt',
        `index: ${MANIFEST_FILE} was written by another node-mentor version`,
      );
    }
    if (!Array.isArray(manifest.chunks) || typeof manifest.files !== 'object' || manifest.files === null) {
      throw new Error('unexpected shape');
    }
    return manifest;
  } catch (error) {
    if (isMentorError(error)) throw error;
    throw new MentorError('index_corrupt', `index: ${MANIFEST_FILE} is corrupt`, { cause: error });
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
