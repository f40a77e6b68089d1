/**
 * @module retrieval/types — the shapes that flow through retrieval: playbooks, the chunks they are
 * split into, and the ports (embedder, vector store) that have more than one driver.
 */

/** Front matter of a playbook, validated by the loader. */
export interface PlaybookMeta {
  title: string;
  summary: string;
  tags: string[];
  level: 'beginner' | 'intermediate' | 'advanced';
  /** Semver range of the Node versions the playbook applies to, e.g. `>=20`. */
  node: string;
}

export interface Playbook extends PlaybookMeta {
  /** File name without `.md`, kebab-case; the id tips and citations use. */
  id: string;
  /** Path relative to the knowledge directory, e.g. `memory-leaks.md`. */
  path: string;
  /** Markdown body without the front matter. */
  body: string;
  /** 1-based line in the file where `body` starts (for error messages). */
  bodyLine: number;
}

/** What is kept of a playbook once it is chunked: its identity and front matter. */
export type PlaybookSummary = Omit<Playbook, 'body' | 'bodyLine'>;

/** One retrievable, citable piece of a playbook: a section or part of a long one. */
export interface Chunk {
  /** Stable id: `<playbookId>#<anchor>` plus `~<n>` for the n-th part of a split section. */
  id: string;
  playbookId: string;
  playbookTitle: string;
  path: string;
  /** Headings from the playbook's sections down to this one, e.g. ["Diagnose", "Take a heap snapshot"]. */
  headingPath: string[];
  /** GitHub-style anchor of the deepest heading. */
  anchor: string;
  /** Markdown of the section (without its heading line). */
  text: string;
  tags: string[];
  /** sha256 of everything that goes into the embedding; unchanged hash → no re-embedding. */
  hash: string;
}

/** A chunk as the index stores it: with its label in the HNSW graph. */
export interface IndexedChunk extends Chunk {
  label: number;
}

export interface ScoredChunk {
  chunk: Chunk;
  /** Fused relevance in [0, 1]: mean of similarity and coverage plus playbook support; higher is better. */
  score: number;
  /** Cosine similarity between question and chunk vectors. */
  similarity: number;
  /** Share of the question's weighted terms found in the chunk (BM25 over its ceiling). */
  coverage: number;
}

/**
 * Turns text into vectors. Drivers state their capabilities; batching lives in the caller.
 */
export interface Embedder {
  /** Identifies the model and its parameters; a change forces a full re-index. */
  readonly id: string;
  readonly dimensions: number;
  /** Largest number of texts one `embedTexts` call accepts. */
  readonly maxBatchSize: number;
  embedTexts(texts: string[]): Promise<number[][]>;
}
