/**
 * @module retrieval — the retrieval core's front door: load playbooks, chunk them, bring the
 * persisted index up to date and search it.
 */
import path from 'node:path';
import type { Config } from '../config/index.js';
import { MentorError } from '../errors.js';
import { createEmbedder } from './embedders/index.js';
import { chunkPlaybook } from './chunk-playbook.js';
import { createHybridSearch, type HybridSearch, type RelevanceFloor } from './hybrid-search.js';
import {
  openPreviousIndex,
  syncIndex,
  type IndexedFiles,
  type IndexedKnowledge,
  type SyncProgress,
  type SyncStats,
} from './index-store.js';
import { parsePlaybook, readPlaybookSources, type KnowledgeProblem } from './load-playbooks.js';
import type { Chunk, Embedder, PlaybookSummary } from './types.js';

export interface OpenKnowledgeOptions {
  knowledgeDir: string;
  /** Where the index lives, e.g. `<MENTOR_DATA_DIR>/index`. */
  indexDir: string;
  embedder: Embedder;
  force?: boolean;
  floor?: RelevanceFloor;
  onProgress?: (progress: SyncProgress) => void;
  onWarning?: (message: string) => void;
}

export interface SyncedKnowledge {
  embedder: Embedder;
  playbooks: PlaybookSummary[];
  knowledge: IndexedKnowledge;
  stats: SyncStats;
  /** Files that failed to load; they are left out of the index. */
  problems: KnowledgeProblem[];
}

export interface KnowledgeBase extends SyncedKnowledge {
  search: HybridSearch;
}

/**
 * Loads the playbooks and syncs the index (building it on first use, re-embedding only what
 * changed). Malformed playbooks are reported in `problems` and skipped. This is all
 * `node-mentor index` needs; `openKnowledgeBase` adds search on top.
 */
export async function syncKnowledge(options: Omit<OpenKnowledgeOptions, 'floor'>): Promise<SyncedKnowledge> {
  const { embedder } = options;
  // The previous index first: its graph file loads on the thread pool while the playbooks are read.
  const opening = openPreviousIndex({
    directory: options.indexDir,
    embedder,
    force: options.force,
    onWarning: options.onWarning,
  });
  const [sources, previous] = await Promise.all([readPlaybookSources(options.knowledgeDir), opening]);
  const known = previous.knowledge;
  const playbooks: PlaybookSummary[] = [];
  const problems: KnowledgeProblem[] = [];
  const chunks: Chunk[] = [];
  const files: IndexedFiles = {};
  for (const source of sources) {
    const unchanged = known?.files[source.name];
    if (known && unchanged?.sha256 === source.sha256) {
      playbooks.push(unchanged.playbook);
      chunks.push(
        ...known.chunks
          .filter((chunk) => chunk.path === source.name)
          .map(({ label: _label, ...chunk }) => chunk),
      );
      files[source.name] = unchanged;
      continue;
    }
    const parsed = parsePlaybook(source.name, source.text);
    if ('problem' in parsed) {
      problems.push(parsed.problem);
      continue;
    }
    const { body: _body, bodyLine: _bodyLine, ...summary } = parsed.playbook;
    playbooks.push(summary);
    chunks.push(...chunkPlaybook(parsed.playbook));
    files[source.name] = { sha256: source.sha256, playbook: summary };
  }
  if (playbooks.length === 0) {
    throw new MentorError('knowledge_invalid', `knowledge: no valid playbooks in ${options.knowledgeDir}`, {
      details: { problems },
    });
  }
  const { knowledge, stats } = await syncIndex({
    directory: options.indexDir,
    embedder,
    previous,
    chunks,
    files,
    onProgress: options.onProgress,
  });
  return { embedder, playbooks, knowledge, stats, problems };
}

/** `syncKnowledge`, then hybrid search over the result. */
export async function openKnowledgeBase(options: OpenKnowledgeOptions): Promise<KnowledgeBase> {
  const synced = await syncKnowledge(options);
  return {
    ...synced,
    search: createHybridSearch({
      knowledge: synced.knowledge,
      embedder: options.embedder,
      floor: options.floor,
    }),
  };
}

export { headingLabel } from './chunk-playbook.js';
export { headingAnchor } from './anchors.js';
export { formatProblem, type KnowledgeProblem } from './load-playbooks.js';
export { MentorRetriever } from './langchain-retriever.js';
export type { HybridSearch } from './hybrid-search.js';
export type { Chunk, Embedder, Playbook, PlaybookSummary, ScoredChunk } from './types.js';

export type ConfiguredKnowledgeOptions = Pick<OpenKnowledgeOptions, 'force' | 'onProgress' | 'onWarning'>;

/** The index lives in `<MENTOR_DATA_DIR>/index`. */
export function indexDirectory(config: Pick<Config, 'dataDir'>): string {
  return path.join(config.dataDir, 'index');
}

/** Options for `openKnowledgeBase` / `syncKnowledge` taken from config. */
export async function configuredKnowledgeOptions(
  config: Pick<Config, 'knowledgeDir' | 'dataDir' | 'embeddings' | 'openai'>,
  options: ConfiguredKnowledgeOptions = {},
): Promise<OpenKnowledgeOptions> {
  return {
    ...options,
    knowledgeDir: config.knowledgeDir,
    indexDir: indexDirectory(config),
    embedder: await createEmbedder(config),
  };
}
