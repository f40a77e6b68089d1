/**
 * @module retrieval/index-store — the persisted index: an HNSW graph file plus a JSON manifest
 * (embedder id and dimension, the index file's checksum, every chunk with its content hash and
 * vector label). `syncIndex` re-embeds only changed or added chunks; a changed embedder or a
 * missing, truncated or corrupt index file falls back to a full rebuild with a warning.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { MentorError, isMentorError } from '../errors.js';
import { replaceFileAtomically, writeFileAtomically } from '../util/atomic-file.js';
import type { Chunk, Embedder } from './types.js';
import { createVectorIndex, readVectorIndex, type VectorIndex } from './vector-index.js';
import { embeddingText } from './chunk-playbook.js';

const MANIFEST_VERSION = 1;
const MANIFEST_FILE = 'manifest.json';
const VECTORS_FILE = 'vectors.hnsw';

export interface IndexedChunk extends Chunk {
  /** The chunk's label in the HNSW graph. */
  label: number;
}

interface IndexManifest {
  version: typeof MANIFEST_VERSION;
  embedder: { id: string; dimensions: number };
  vectors: { file: string; bytes: number; sha256: string };
  nextLabel: number;
  chunks: IndexedChunk[];
}

/** A loaded index, ready to search. */
export interface IndexedKnowledge {
  embedderId: string;
  chunks: IndexedChunk[];
  vectors: VectorIndex;
  /** Next unused vector label; labels are never reused, so a deleted slot cannot alias a new chunk. */
  nextLabel: number;
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

export interface SyncIndexOptions {
  directory: string;
  embedder: Embedder;
  chunks: Chunk[];
  /** Ignore what is on disk and rebuild. */
  force?: boolean;
  onProgress?: (progress: SyncProgress) => void;
  /** One-line warnings, e.g. "index: vectors.hnsw is corrupt; rebuilding from scratch". */
  onWarning?: (message: string) => void;
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
  const bytes = await readFile(vectorsPath).catch((error: unknown) => {
    throw new MentorError('index_corrupt', `index: ${manifest.vectors.file} is missing`, { cause: error });
  });
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
  return { embedderId: embedder.id, chunks: manifest.chunks, vectors, nextLabel: manifest.nextLabel };
}

/** Brings the index in line with `chunks`, embedding only what changed, and persists it atomically. */
export async function syncIndex(
  options: SyncIndexOptions,
): Promise<{ knowledge: IndexedKnowledge; stats: SyncStats }> {
  const { directory, embedder, chunks } = options;
  let previous: IndexedKnowledge | undefined;
  let rebuildReason: string | undefined = options.force ? 'forced' : undefined;
  if (!options.force) {
    try {
      previous = await loadIndex(directory, embedder);
    } catch (error) {
      if (!isMentorError(error, 'index_unavailable') && !isMentorError(error, 'index_corrupt')) throw error;
      rebuildReason =
        error.code === 'index_unavailable' ? 'no index yet' : error.message.replace(/^index: /, '');
      if (error.code === 'index_corrupt')
        options.onWarning?.(`index: ${rebuildReason}; rebuilding from scratch`);
    }
  }

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
  const unchanged =
    previous !== undefined &&
    toEmbed.length === 0 &&
    existing.size === 0 &&
    indexed.length === previous.chunks.length;
  if (!unchanged) await persist(directory, embedder, vectors, indexed, nextLabel);
  const stats: SyncStats = {
    chunks: indexed.length,
    embedded: toEmbed.length,
    reused: indexed.length - toEmbed.length,
    removed: existing.size,
    ...(rebuildReason === undefined ? {} : { rebuildReason }),
  };
  return { knowledge: { embedderId: embedder.id, chunks: indexed, vectors, nextLabel }, stats };
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
  chunks: IndexedChunk[],
  nextLabel: number,
): Promise<void> {
  let written: Buffer | undefined;
  await replaceFileAtomically(path.join(directory, VECTORS_FILE), async (temporary) => {
    await vectors.write(temporary);
    written = await readFile(temporary);
  });
  const manifest: IndexManifest = {
    version: MANIFEST_VERSION,
    embedder: { id: embedder.id, dimensions: embedder.dimensions },
    vectors: { file: VECTORS_FILE, bytes: written?.length ?? 0, sha256: sha256(written ?? Buffer.alloc(0)) },
    nextLabel,
    chunks,
  };
  await writeFileAtomically(path.join(directory, MANIFEST_FILE), JSON.stringify(manifest));
}

async function readManifest(directory: string): Promise<IndexManifest> {
  let text: string;
  try {
    text = await readFile(path.join(directory, MANIFEST_FILE), 'utf8');
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
    if (manifest.version !== MANIFEST_VERSION || !Array.isArray(manifest.chunks))
      throw new Error('unexpected shape');
    return manifest;
  } catch (error) {
    throw new MentorError('index_corrupt', `index: ${MANIFEST_FILE} is corrupt`, { cause: error });
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
