import { cp, mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openKnowledgeBase } from '../../src/retrieval/index.js';
import { loadIndex } from '../../src/retrieval/index-store.js';
import { createCountingEmbedder } from '../support/counting-embedder.js';

const fixtures = fileURLToPath(new URL('../fixtures/playbooks/', import.meta.url));

describe('the persisted index', () => {
  let root: string;
  let knowledgeDir: string;
  let indexDir: string;

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'mentor-index-'));
    knowledgeDir = path.join(root, 'knowledge');
    indexDir = path.join(root, 'index');
    await cp(fixtures, knowledgeDir, { recursive: true });
    await rm(path.join(knowledgeDir, 'broken-front-matter.md'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  const open = (embedder = createCountingEmbedder(), warnings: string[] = []) =>
    openKnowledgeBase({ knowledgeDir, indexDir, embedder, onWarning: (message) => warnings.push(message) });

  it('re-embeds only the chunks of an edited file, adds new ones and drops removed ones', async () => {
    const first = await open();
    expect(first.stats).toMatchObject({ embedded: 8, reused: 0, removed: 0, rebuildReason: 'no index yet' });

    const unchanged = createCountingEmbedder();
    expect((await open(unchanged)).stats).toMatchObject({ embedded: 0, reused: 8 });
    expect(unchanged.embeddedTexts).toBe(0);

    const file = path.join(knowledgeDir, 'request-limits.md');
    const source = await readFile(file, 'utf8');
    await writeFile(
      file,
      source
        .replace('Keep the counters in Redis', 'Keep the shared counters in Redis')
        .replace(/## Token bucket[\s\S]*?## Several/, '## Several'),
    );
    const afterEdit = createCountingEmbedder();
    const edited = await open(afterEdit);
    expect(edited.stats).toMatchObject({ chunks: 7, embedded: 1, reused: 6, removed: 1 });
    expect(afterEdit.embeddedTexts).toBe(1);

    const hits = await edited.search.search('shared counters redis replicas', { limit: 1 });
    expect(hits[0]?.chunk.id).toBe('request-limits#several-replicas');
    expect(hits[0]?.chunk.text).toContain('shared counters');
  });

  it('rebuilds with a one-line warning when the vectors file is truncated', async () => {
    await open();
    const vectors = path.join(indexDir, 'vectors.hnsw');
    const { size } = await import('node:fs/promises').then((fs) => fs.stat(vectors));
    await truncate(vectors, Math.floor(size / 2));
    const warnings: string[] = [];
    const embedder = createCountingEmbedder();
    const rebuilt = await open(embedder, warnings);
    expect(warnings).toEqual([
      expect.stringMatching(/^index: .*truncated or corrupt.*rebuilding from scratch$/),
    ]);
    expect(embedder.embeddedTexts).toBe(8);
    expect((await rebuilt.search.search('heap snapshot', { limit: 1 }))[0]?.chunk.playbookId).toBe(
      'heap-growth',
    );
    await expect(loadIndex(indexDir, embedder)).resolves.toMatchObject({ chunks: expect.any(Array) });
  });

  it('rebuilds when the vectors file is missing, the manifest is garbage, or the embedder changed', async () => {
    await open();
    await rm(path.join(indexDir, 'vectors.hnsw'));
    const missing: string[] = [];
    expect((await open(createCountingEmbedder(), missing)).stats.embedded).toBe(8);
    expect(missing[0]).toMatch(/vectors\.hnsw is missing/);

    await writeFile(path.join(indexDir, 'manifest.json'), '{"version":1,"chunks":');
    const garbage: string[] = [];
    expect((await open(createCountingEmbedder(), garbage)).stats.embedded).toBe(8);
    expect(garbage[0]).toMatch(/manifest\.json is corrupt/);

    const other = createCountingEmbedder({ id: 'another-model' });
    const changed: string[] = [];
    expect((await open(other, changed)).stats.embedded).toBe(8);
    expect(changed[0]).toMatch(/built with embedder .* but another-model is configured/);
  });

  it('leaves no temporary files behind', async () => {
    await open();
    expect((await readdir(indexDir)).sort()).toEqual(['manifest.json', 'vectors.hnsw']);
  });
});
