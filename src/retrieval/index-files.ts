/**
 * @module retrieval/index-files — the index directory on disk. `manifest.json` names every other
 * file, with its size and checksum: the HNSW graph and one sections file per playbook. Those are
 * written under fresh names and never modified, and the manifest is replaced last, atomically, so a
 * crash at any point leaves the previous index whole. Keeping each playbook's sections in its own
 * file is what makes `index` after one edit cheap: unchanged playbooks are neither parsed nor
 * written again.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { MentorError, isMentorError } from '../errors.js';
import { replaceFileAtomically, writeFileAtomically } from '../util/atomic-file.js';
import type { IndexedChunk, PlaybookSummary } from './types.js';
import type { VectorIndex } from './vector-index.js';

export const MANIFEST_VERSION = 3;
const MANIFEST_FILE = 'manifest.json';
const SECTIONS_DIRECTORY = 'sections';

/** A file of the index, as the manifest records it; `file` is relative to the index directory. */
export interface IndexFileRef {
  file: string;
  bytes: number;
  sha256: string;
}

/** One playbook in the index: its source hash and front matter, and where its sections are. */
export interface IndexedFile {
  sha256: string;
  playbook: PlaybookSummary;
  sections: IndexFileRef & { count: number };
}

/** Indexed playbooks by file name (e.g. `memory-leaks.md`), in name order. */
export type IndexedFiles = Record<string, IndexedFile>;

export interface IndexManifest {
  version: typeof MANIFEST_VERSION;
  embedder: { id: string; dimensions: number };
  vectors: IndexFileRef;
  /** Next unused vector label; labels are never reused, so a deleted slot cannot alias a new section. */
  nextLabel: number;
  files: IndexedFiles;
}

/** A name part no earlier write used, so a new file never replaces one a manifest still names. */
export function createWriteToken(): string {
  return randomBytes(5).toString('hex');
}

/** The manifest in `directory`; `index_unavailable` when there is none, `index_corrupt` when unreadable. */
export function readManifest(directory: string): IndexManifest {
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
    if (
      typeof manifest.embedder?.id !== 'string' ||
      !Number.isInteger(manifest.nextLabel) ||
      typeof manifest.files !== 'object' ||
      manifest.files === null ||
      !isFileRef(manifest.vectors) ||
      !Object.values(manifest.files).every(
        (indexed) => isFileRef(indexed?.sections) && Number.isInteger(indexed.sections.count),
      )
    ) {
      throw new Error('unexpected shape');
    }
    return manifest;
  } catch (error) {
    if (isMentorError(error)) throw error;
    throw new MentorError('index_corrupt', `index: ${MANIFEST_FILE} is corrupt`, { cause: error });
  }
}

/** Reads a file the manifest names and checks it is the one that was written: same size and checksum. */
export function readVerifiedFile(directory: string, ref: IndexFileRef): Buffer {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path.join(directory, ref.file));
  } catch (error) {
    throw missing(ref, error);
  }
  if (bytes.length !== ref.bytes || sha256(bytes) !== ref.sha256) {
    throw truncatedOrCorrupt(ref);
  }
  return bytes;
}

/**
 * Checks that every file the manifest names is there with the size it was written with: cheap
 * enough for every start, so `index` notices a lost or truncated file of a playbook it does not
 * otherwise read. Contents are checked against their checksums when read.
 */
export function checkFileSizes(directory: string, manifest: IndexManifest): void {
  for (const ref of filesNamedBy(manifest)) {
    let size: number;
    try {
      size = statSync(path.join(directory, ref.file)).size;
    } catch (error) {
      throw missing(ref, error);
    }
    if (size !== ref.bytes) throw truncatedOrCorrupt(ref);
  }
}

/** The sections of one indexed playbook, in document order. */
export function readSections(directory: string, indexed: IndexedFile): IndexedChunk[] {
  const text = readVerifiedFile(directory, indexed.sections).toString('utf8');
  try {
    const sections = JSON.parse(text) as unknown;
    if (!Array.isArray(sections) || sections.length !== indexed.sections.count) {
      throw new Error('unexpected shape');
    }
    return sections as IndexedChunk[];
  } catch (error) {
    throw new MentorError('index_corrupt', `index: ${indexed.sections.file} is corrupt`, { cause: error });
  }
}

/** Writes one playbook's sections under a fresh name and returns the manifest's record of it. */
export async function writeSections(
  directory: string,
  playbookId: string,
  token: string,
  sections: IndexedChunk[],
): Promise<IndexedFile['sections']> {
  const file = path.posix.join(SECTIONS_DIRECTORY, `${playbookId}.${token}.json`);
  const bytes = Buffer.from(JSON.stringify(sections));
  await writeFileAtomically(path.join(directory, file), bytes);
  return { ...refTo(file, bytes), count: sections.length };
}

/** Writes the HNSW graph under a fresh name and returns its size and checksum. */
export async function writeVectors(
  directory: string,
  token: string,
  vectors: VectorIndex,
): Promise<IndexFileRef> {
  const file = `vectors.${token}.hnsw`;
  let written = Buffer.alloc(0);
  await replaceFileAtomically(path.join(directory, file), async (temporary) => {
    await vectors.write(temporary);
    written = readFileSync(temporary);
  });
  return refTo(file, written);
}

/**
 * Makes `manifest` the index, then deletes every file it does not name: the ones it replaced, and
 * any a crashed or failed run left behind (temporary files once they are an hour old, so a write in
 * progress elsewhere is not pulled from under it).
 */
export async function commitManifest(directory: string, manifest: IndexManifest): Promise<void> {
  await writeFileAtomically(path.join(directory, MANIFEST_FILE), JSON.stringify(manifest));
  const kept = new Set(filesNamedBy(manifest).map((ref) => ref.file));
  await Promise.all(
    listIndexFiles(directory)
      .filter((file) => !kept.has(file))
      .map((file) => rm(path.join(directory, file), { force: true })),
  );
}

function filesNamedBy(manifest: IndexManifest): IndexFileRef[] {
  return [manifest.vectors, ...Object.values(manifest.files).map((indexed) => indexed.sections)];
}

const STALE_TEMPORARY_MS = 60 * 60 * 1_000;

/** Every file in the index directory except the manifest and temporary files younger than an hour. */
function listIndexFiles(directory: string): string[] {
  const staleBefore = Date.now() - STALE_TEMPORARY_MS;
  const removable = (file: string) => {
    if (!path.basename(file).startsWith('.')) return true;
    try {
      return statSync(path.join(directory, file)).mtimeMs < staleBefore;
    } catch {
      return false; // renamed into place or removed meanwhile
    }
  };
  return [
    ...readdirSync(directory, { withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name !== MANIFEST_FILE)
      .map((entry) => entry.name),
    ...readdirSync(path.join(directory, SECTIONS_DIRECTORY)).map((name) =>
      path.posix.join(SECTIONS_DIRECTORY, name),
    ),
  ].filter(removable);
}

function refTo(file: string, bytes: Buffer): IndexFileRef {
  return { file, bytes: bytes.length, sha256: sha256(bytes) };
}

function missing(ref: IndexFileRef, cause: unknown): MentorError {
  return new MentorError('index_corrupt', `index: ${ref.file} is missing`, { cause });
}

function truncatedOrCorrupt(ref: IndexFileRef): MentorError {
  return new MentorError('index_corrupt', `index: ${ref.file} is truncated or corrupt (checksum mismatch)`);
}

function isFileRef(value: unknown): value is IndexFileRef {
  const ref = value as Partial<IndexFileRef> | null | undefined;
  return typeof ref?.file === 'string' && typeof ref.bytes === 'number' && typeof ref.sha256 === 'string';
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
