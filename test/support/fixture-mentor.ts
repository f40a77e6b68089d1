/**
 * @module test/support/fixture-mentor — the mentor core over the fixture playbooks in
 * `test/fixtures/knowledge` and the fixture persona, with the local embedder and an index in a
 * temporary directory: what answer and mentor tests build on.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SectionLookup } from '../../src/answer/types.js';
import { createSectionLookup } from '../../src/mentor/create-mentor.js';
import { loadPersona, type Persona } from '../../src/mentor/persona.js';
import { loadTips } from '../../src/mentor/tips.js';
import type { KeyValueState, Tip } from '../../src/mentor/types.js';
import { createLocalEmbedder } from '../../src/retrieval/embedders/local-embedder.js';
import { openKnowledgeBase, type KnowledgeBase } from '../../src/retrieval/index.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
export const FIXTURE_KNOWLEDGE_DIR = path.join(fixtures, 'knowledge');
export const FIXTURE_PERSONAS_DIR = path.join(fixtures, 'personas');

export interface FixtureMentorParts {
  knowledge: KnowledgeBase;
  persona: Persona;
  lookup: SectionLookup;
  tips: Tip[];
  /** Removes the temporary index directory. */
  cleanup(): Promise<void>;
}

export async function openFixtureKnowledge(): Promise<FixtureMentorParts> {
  const indexDir = await mkdtemp(path.join(tmpdir(), 'node-mentor-answer-'));
  const knowledge = await openKnowledgeBase({
    knowledgeDir: FIXTURE_KNOWLEDGE_DIR,
    indexDir,
    embedder: createLocalEmbedder(),
  });
  const persona = await loadPersona(FIXTURE_PERSONAS_DIR, 'test-mentor');
  const { tips } = await loadTips(path.join(FIXTURE_KNOWLEDGE_DIR, 'tips'));
  return {
    knowledge,
    persona,
    lookup: createSectionLookup(knowledge.knowledge.chunks),
    tips,
    cleanup: () => rm(indexDir, { recursive: true, force: true }),
  };
}

/** An in-memory `KeyValueState` that stores JSON round trips, like the real drivers. */
export function createMemoryState(): KeyValueState & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    get: async <T>(key: string) => {
      const raw = values.get(key);
      return raw === undefined ? undefined : (JSON.parse(raw) as T);
    },
    set: async (key, value) => {
      values.set(key, JSON.stringify(value));
    },
  };
}

/** Every fenced code block (fences included) in Markdown. */
export function codeBlocksOf(markdown: string): string[] {
  return markdown.match(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?\n\1[ \t]*$/gm) ?? [];
}
