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
import { syncIndex, type IndexedKnowledge, type SyncProgress, type SyncStats } from './index-store.js';
import { loadPlaybooks, type KnowledgeProblem } from './load-playbooks.js';
import type { Embedder, Playbook } from './types.js';

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
  playbooks: Playbook[];
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
  const { playbooks, problems } = await loadPlaybooks(options.knowledgeDir);
  if (playbooks.length === 0) {
    throw new MentorError('knowledge_invalid', `knowledge: no valid playbooks in ${options.knowledgeDir}`, {
      details: { problems },
    });
  }
  const chunks = playbooks.flatMap((playbook) => chunkPlaybook(playbook));
  const { knowledge, stats } = await syncIndex({
    directory: options.indexDir,
    embedder: options.embedder,
    chunks,
    force: options.force,
    onProgress: options.onProgress,
    onWarning: options.onWarning,
  });
  return { embedder: options.embedder, playbooks, knowledge, stats, problems };
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
export type { Chunk, Embedder, Playbook, ScoredChunk } from './types.js';

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
