/**
 * @module retrieval/index-files — the index directory on disk. `manifest.json` names every other
 * file: the HNSW graph and one sections file per playbook. Those are written under fresh names and
 * never modified, and the manifest is replaced last, atomically, so a crash at any point leaves the
 * previous index whole. Keeping each playbook's sections in its own file is what makes `index`
 * after one edit cheap: unchanged playbooks are neither parsed nor written again.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
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
  sections: { file: string; count: number };
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
      typeof manifest.files !== 'object' ||
      manifest.files === null ||
      typeof manifest.vectors?.file !== 'string'
    ) {
      throw new Error('unexpected shape');
    }
    return manifest;
  } catch (error) {
    if (isMentorError(error)) throw error;
    throw new MentorError('index_corrupt', `index: ${MANIFEST_FILE} is corrupt`, { cause: error });
  }
}

/** Checks that a file the manifest names is the one that was written: present, same size and checksum. */
export function verifyFile(directory: string, ref: IndexFileRef): void {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path.join(directory, ref.file));
  } catch (error) {
    throw new MentorError('index_corrupt', `index: ${ref.file} is missing`, { cause: error });
  }
  if (bytes.length !== ref.bytes || sha256(bytes) !== ref.sha256) {
    throw new MentorError('index_corrupt', `index: ${ref.file} is truncated or corrupt (checksum mismatch)`);
  }
}

/** The sections of one indexed playbook, in document order. */
export function readSections(directory: string, indexed: IndexedFile): IndexedChunk[] {
  const { file, count } = indexed.sections;
  let text: string;
  try {
    text = readFileSync(path.join(directory, file), 'utf8');
  } catch (error) {
    throw new MentorError('index_corrupt', `index: ${file} is missing`, { cause: error });
  }
  try {
    const sections = JSON.parse(text) as unknown;
    if (!Array.isArray(sections) || sections.length !== count) throw new Error('unexpected shape');
    return sections as IndexedChunk[];
  } catch (error) {
    throw new MentorError('index_corrupt', `index: ${file} is corrupt`, { cause: error });
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
  await writeFileAtomically(path.join(directory, file), JSON.stringify(sections));
  return { file, count: sections.length };
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
  return { file, bytes: written.length, sha256: sha256(written) };
}

/**
 * Makes `manifest` the index, then deletes the files only `replaced` named. Without `replaced` (a
 * full rebuild) it deletes every file the new manifest does not name, e.g. left by a crash.
 */
export async function commitManifest(
  directory: string,
  manifest: IndexManifest,
  replaced: IndexManifest | undefined,
): Promise<void> {
  await writeFileAtomically(path.join(directory, MANIFEST_FILE), JSON.stringify(manifest));
  const kept = new Set(filesNamedBy(manifest));
  const candidates = replaced ? filesNamedBy(replaced) : listIndexFiles(directory);
  await Promise.all(
    candidates
      .filter((file) => !kept.has(file))
      .map((file) => rm(path.join(directory, file), { force: true })),
  );
}

function filesNamedBy(manifest: IndexManifest): string[] {
  return [manifest.vectors.file, ...Object.values(manifest.files).map((indexed) => indexed.sections.file)];
}

/** Every finished file in the index directory except the manifest; temporary files start with a dot. */
function listIndexFiles(directory: string): string[] {
  const finished = (name: string) => !name.startsWith('.');
  return [
    ...readdirSync(directory, { withFileTypes: true })
      .filter((entry) => entry.isFile() && finished(entry.name) && entry.name !== MANIFEST_FILE)
      .map((entry) => entry.name),
    ...readdirSync(path.join(directory, SECTIONS_DIRECTORY))
      .filter(finished)
      .map((name) => path.posix.join(SECTIONS_DIRECTORY, name)),
  ];
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
