import { describe, expect, it } from 'vitest';
import { createBm25Index } from '../../src/retrieval/bm25.js';
import { createLocalEmbedder } from '../../src/retrieval/embedders/local-embedder.js';
import { createHybridSearch } from '../../src/retrieval/hybrid-search.js';
import type { IndexedKnowledge } from '../../src/retrieval/index-store.js';
import type { IndexedChunk } from '../../src/retrieval/types.js';
import { createVectorIndex } from '../../src/retrieval/vector-index.js';
import { embeddingText } from '../../src/retrieval/chunk-playbook.js';
import { SYNONYM_GROUPS } from '../../src/retrieval/synonyms.js';
import { ANALYSIS_FINGERPRINT, analysisFingerprint } from '../../src/retrieval/text-analysis.js';

const STOPWORD_SAMPLE = ['a', 'the', 'of'];

const sections = {
  heap: 'A memory leak shows as a heap that keeps growing. Take a heap snapshot and compare retainers.',
  loop: 'The event loop is blocked by synchronous work such as JSON.parse on a large payload or a sync crypto call.',
  limit:
    'Rate limiting with a token bucket: answer 429 with Retry-After when a client sends too many requests.',
  pool: 'A PostgreSQL connection pool that is too small makes requests wait for a free client.',
};

async function knowledgeOf(texts: Record<string, string>): Promise<IndexedKnowledge> {
  const embedder = createLocalEmbedder();
  const vectors = await createVectorIndex({ dimensions: embedder.dimensions });
  const chunks: IndexedChunk[] = Object.entries(texts).map(([id, text], label) => ({
    id: `${id}#overview`,
    playbookId: id,
    playbookTitle: id,
    path: `${id}.md`,
    headingPath: [],
    anchor: 'overview',
    text,
    tags: [],
    hash: id,
    label,
  }));
  const embeddings = await embedder.embedTexts(chunks.map(embeddingText));
  chunks.forEach((chunk, index) => vectors.add(chunk.label, embeddings[index] ?? []));
  return { chunks, vectors };
}

describe('BM25', () => {
  it('ranks the document holding the rare query terms first and reports coverage in [0, 1]', () => {
    const index = createBm25Index(Object.values(sections));
    const hits = index.search('token bucket 429', 4);
    expect(hits[0]?.index).toBe(2);
    expect(hits[0]?.coverage).toBeGreaterThan(0.3);
    expect(hits.every((hit) => hit.coverage >= 0 && hit.coverage <= 1)).toBe(true);
  });

  it('matches Slack wording through the synonym table (OOMKilled → memory)', () => {
    const index = createBm25Index(Object.values(sections));
    expect(index.search('pods OOMKilled', 1)[0]?.index).toBe(0);
  });

  it('returns nothing for words the corpus never uses', () => {
    expect(createBm25Index(Object.values(sections)).search('pizza recipe', 4)).toEqual([]);
  });
});

describe('the local embedder', () => {
  it('names the text analysis in its id, so an edited synonym table or stopword list forces a rebuild', () => {
    expect(createLocalEmbedder().id).toBe(`local-v1-512-${ANALYSIS_FINGERPRINT}`);
    const edited = SYNONYM_GROUPS.map(([concept, words]): (typeof SYNONYM_GROUPS)[number] =>
      concept === 'memory' ? [concept, [...words, 'ballooning']] : [concept, words],
    );
    expect(analysisFingerprint(STOPWORD_SAMPLE, edited)).not.toBe(
      analysisFingerprint(STOPWORD_SAMPLE, SYNONYM_GROUPS),
    );
    expect(analysisFingerprint([...STOPWORD_SAMPLE, 'basically'], SYNONYM_GROUPS)).not.toBe(
      analysisFingerprint(STOPWORD_SAMPLE, SYNONYM_GROUPS),
    );
  });
});

describe('hybrid search', () => {
  it('fuses vector and keyword ranks and puts the right section first', async () => {
    const search = createHybridSearch({
      knowledge: await knowledgeOf(sections),
      embedder: createLocalEmbedder(),
    });
    const cases: [string, string][] = [
      ['why does my heap keep growing', 'heap'],
      ['JSON.parse blocks the event loop', 'loop'],
      ['clients get 429 too many requests', 'limit'],
      ['requests wait for a free postgres client', 'pool'],
    ];
    for (const [query, expected] of cases) {
      const [best] = await search.search(query, { limit: 2 });
      expect(best?.chunk.playbookId, query).toBe(expected);
      expect(best?.score).toBeGreaterThan(0);
      expect(best?.score).toBeLessThanOrEqual(1);
    }
  });

  it('returns nothing for an off-topic question (the relevance floor)', async () => {
    const search = createHybridSearch({
      knowledge: await knowledgeOf(sections),
      embedder: createLocalEmbedder(),
    });
    expect(await search.search('what is a good pizza recipe for the weekend', { limit: 3 })).toEqual([]);
    expect(await search.search('who won the football world cup', { limit: 3 })).toEqual([]);
  });

  it('honours the limit and ranks by fused score', async () => {
    const search = createHybridSearch({
      knowledge: await knowledgeOf(sections),
      embedder: createLocalEmbedder(),
      floor: { minKnownShare: 0, minKnownShareWithConcept: 0, minSimilarity: -1, minCoverage: 0 },
    });
    const hits = await search.search('heap memory leak requests', { limit: 2 });
    expect(hits).toHaveLength(2);
    expect(hits[0]?.score).toBeGreaterThanOrEqual(hits[1]?.score ?? 0);
  });
});
