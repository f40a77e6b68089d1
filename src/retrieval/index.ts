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
import type { IndexedFiles } from './index-files.js';
import {
  openPreviousIndex,
  readIndexedKnowledge,
  rebuildReasonFor,
  syncIndex,
  type ChunkedPlaybook,
  type IndexedKnowledge,
  type PreviousIndex,
  type SyncedIndex,
  type SyncProgress,
  type SyncStats,
} from './index-store.js';
import {
  parsePlaybook,
  readPlaybookSources,
  type KnowledgeProblem,
  type PlaybookSource,
} from './load-playbooks.js';
import type { Embedder, PlaybookSummary } from './types.js';

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
  stats: SyncStats;
  /** Files that failed to load; they are left out of the index. */
  problems: KnowledgeProblem[];
}

export interface KnowledgeBase extends SyncedKnowledge {
  knowledge: IndexedKnowledge;
  search: HybridSearch;
}

/**
 * Loads the playbooks and syncs the index (building it on first use, re-embedding only what
 * changed). Malformed playbooks are reported in `problems` and skipped. This is all
 * `node-mentor index` needs: unchanged playbooks' sections are not even read.
 */
export async function syncKnowledge(options: Omit<OpenKnowledgeOptions, 'floor'>): Promise<SyncedKnowledge> {
  return summaryOf(await syncPlaybooks(options));
}

/** `syncKnowledge`, then every section read into hybrid search. */
export async function openKnowledgeBase(options: OpenKnowledgeOptions): Promise<KnowledgeBase> {
  const synced = await syncPlaybooks(options);
  try {
    return withSearch(synced, options);
  } catch (error) {
    // A sections file of an unchanged playbook turned out corrupt: only now was it read.
    return withSearch(await syncPlaybooks(options, rebuildReasonFor(error, options.onWarning)), options);
  }
}

type SyncedPlaybooks = SyncedKnowledge & SyncedIndex;

async function syncPlaybooks(
  options: Omit<OpenKnowledgeOptions, 'floor'>,
  rebuildReason?: string,
): Promise<SyncedPlaybooks> {
  // The previous index first: its graph loads on the thread pool while the playbooks are read.
  const opening: Promise<PreviousIndex> =
    rebuildReason === undefined
      ? openPreviousIndex({
          directory: options.indexDir,
          embedder: options.embedder,
          force: options.force,
          onWarning: options.onWarning,
        })
      : Promise.resolve({ rebuildReason });
  const [sources, previous] = await Promise.all([readPlaybookSources(options.knowledgeDir), opening]);
  const sync = (base: PreviousIndex) => {
    const catalog = catalogPlaybooks(sources, base.index?.manifest.files ?? {});
    if (catalog.playbooks.length === 0) {
      throw new MentorError('knowledge_invalid', `knowledge: no valid playbooks in ${options.knowledgeDir}`, {
        details: { problems: catalog.problems },
      });
    }
    return syncIndex({
      directory: options.indexDir,
      embedder: options.embedder,
      previous: base,
      unchanged: catalog.unchanged,
      changed: catalog.changed,
      onProgress: options.onProgress,
    }).then((synced) => ({
      ...synced,
      embedder: options.embedder,
      playbooks: catalog.playbooks,
      problems: catalog.problems,
    }));
  };
  try {
    return await sync(previous);
  } catch (error) {
    if (!previous.index) throw error;
    return sync({ rebuildReason: rebuildReasonFor(error, options.onWarning) });
  }
}

interface PlaybookCatalog {
  playbooks: PlaybookSummary[];
  problems: KnowledgeProblem[];
  /** File names whose content matches the index. */
  unchanged: string[];
  changed: ChunkedPlaybook[];
}

/** Sorts the playbook files into unchanged (by hash) and changed, parsing and chunking only the latter. */
function catalogPlaybooks(sources: PlaybookSource[], indexed: IndexedFiles): PlaybookCatalog {
  const catalog: PlaybookCatalog = { playbooks: [], problems: [], unchanged: [], changed: [] };
  for (const source of sources) {
    const known = indexed[source.name];
    if (known?.sha256 === source.sha256) {
      catalog.playbooks.push(known.playbook);
      catalog.unchanged.push(source.name);
      continue;
    }
    const parsed = parsePlaybook(source.name, source.bytes.toString('utf8'));
    if ('problem' in parsed) {
      catalog.problems.push(parsed.problem);
      continue;
    }
    const { body: _body, bodyLine: _bodyLine, ...playbook } = parsed.playbook;
    catalog.playbooks.push(playbook);
    catalog.changed.push({
      name: source.name,
      sha256: source.sha256,
      playbook,
      chunks: chunkPlaybook(parsed.playbook),
    });
  }
  return catalog;
}

function summaryOf(synced: SyncedPlaybooks): SyncedKnowledge {
  const { index: _index, fresh: _fresh, ...summary } = synced;
  return summary;
}

function withSearch(synced: SyncedPlaybooks, options: OpenKnowledgeOptions): KnowledgeBase {
  const knowledge = readIndexedKnowledge(options.indexDir, synced);
  return {
    ...summaryOf(synced),
    knowledge,
    search: createHybridSearch({ knowledge, embedder: options.embedder, floor: options.floor }),
  };
}

export { headingLabel } from './chunk-playbook.js';
export { headingAnchor } from './anchors.js';
export { formatProblem, type KnowledgeProblem } from './load-playbooks.js';
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
