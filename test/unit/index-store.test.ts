import { appendFile, cp, mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openKnowledgeBase } from '../../src/retrieval/index.js';
import type { IndexManifest } from '../../src/retrieval/index-files.js';
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

  it("rewrites only the edited playbook's sections file and deletes the one it replaced", async () => {
    await open();
    const before = await indexFiles();
    const file = path.join(knowledgeDir, 'request-limits.md');
    await appendFile(file, '\nOne more line about counters.\n');
    await open();
    const after = await indexFiles();
    expect(after.sections.find((name) => name.startsWith('heap-growth.'))).toBe(
      before.sections.find((name) => name.startsWith('heap-growth.')),
    );
    expect(after.sections.find((name) => name.startsWith('request-limits.'))).not.toBe(
      before.sections.find((name) => name.startsWith('request-limits.')),
    );
    expect(after.sections).toHaveLength(2);
    expect(after.top).toEqual(['manifest.json', 'sections', expect.stringMatching(/^vectors\.\w+\.hnsw$/)]);
    expect(after.top).not.toEqual(before.top);
  });

  it('writes nothing when nothing changed', async () => {
    await open();
    const manifest = await readFile(path.join(indexDir, 'manifest.json'), 'utf8');
    await open();
    expect(await readFile(path.join(indexDir, 'manifest.json'), 'utf8')).toBe(manifest);
  });

  it('rebuilds with a one-line warning when the vectors file is truncated', async () => {
    await open();
    const vectors = path.join(indexDir, (await manifestOf()).vectors.file);
    await truncate(vectors, Math.floor((await stat(vectors)).size / 2));
    const warnings: string[] = [];
    const embedder = createCountingEmbedder();
    const rebuilt = await open(embedder, warnings);
    expect(warnings).toEqual([
      expect.stringMatching(/^index: vectors\.\w+\.hnsw is truncated or corrupt.*rebuilding from scratch$/),
    ]);
    expect(embedder.embeddedTexts).toBe(8);
    expect((await rebuilt.search.search('heap snapshot', { limit: 1 }))[0]?.chunk.playbookId).toBe(
      'heap-growth',
    );
    await expect(loadIndex(indexDir, embedder)).resolves.toMatchObject({ manifest: { nextLabel: 8 } });
  });

  it('rebuilds when the vectors file is missing, the manifest is garbage, or the embedder changed', async () => {
    await open();
    await rm(path.join(indexDir, (await manifestOf()).vectors.file));
    const missing: string[] = [];
    expect((await open(createCountingEmbedder(), missing)).stats.embedded).toBe(8);
    expect(missing[0]).toMatch(/vectors\.\w+\.hnsw is missing/);

    await writeFile(path.join(indexDir, 'manifest.json'), '{"version":3,"files":');
    const garbage: string[] = [];
    expect((await open(createCountingEmbedder(), garbage)).stats.embedded).toBe(8);
    expect(garbage[0]).toMatch(/manifest\.json is corrupt/);

    const other = createCountingEmbedder({ id: 'another-model' });
    const changed: string[] = [];
    expect((await open(other, changed)).stats.embedded).toBe(8);
    expect(changed[0]).toMatch(/built with embedder .* but another-model is configured/);
  });

  it('rebuilds when the sections file of an unchanged or of an edited playbook is corrupt', async () => {
    await open();
    const sectionsOf = async (id: string) =>
      path.join(
        indexDir,
        Object.values((await manifestOf()).files).find((file) => file.playbook.id === id)!.sections.file,
      );

    await writeFile(await sectionsOf('heap-growth'), '[{"id":');
    const unchanged: string[] = [];
    const reopened = await open(createCountingEmbedder(), unchanged);
    expect(unchanged).toEqual([
      expect.stringMatching(/^index: sections\/heap-growth\.\w+\.json is corrupt; rebuilding/),
    ]);
    expect(reopened.stats.embedded).toBe(8);
    expect(reopened.knowledge.chunks).toHaveLength(8);

    await rm(await sectionsOf('request-limits'));
    await appendFile(path.join(knowledgeDir, 'request-limits.md'), '\nOne more line.\n');
    const edited: string[] = [];
    expect((await open(createCountingEmbedder(), edited)).stats.embedded).toBe(8);
    expect(edited).toEqual([expect.stringMatching(/request-limits\.\w+\.json is missing; rebuilding/)]);
  });

  it('leaves no temporary files behind, and a rebuild sweeps files a crashed run left', async () => {
    await open();
    await writeFile(path.join(indexDir, 'vectors.0123456789.hnsw'), 'left by a crash');
    await writeFile(path.join(indexDir, 'sections', 'heap-growth.0123456789.json'), '[]');
    await open();
    expect((await indexFiles()).sections).toHaveLength(3);

    await openKnowledgeBase({ knowledgeDir, indexDir, embedder: createCountingEmbedder(), force: true });
    const { top, sections } = await indexFiles();
    const manifest = await manifestOf();
    expect(top).toEqual(['manifest.json', 'sections', manifest.vectors.file]);
    expect(sections.map((name) => `sections/${name}`).sort()).toEqual(
      Object.values(manifest.files)
        .map((file) => file.sections.file)
        .sort(),
    );
  });

  async function manifestOf(): Promise<IndexManifest> {
    return JSON.parse(await readFile(path.join(indexDir, 'manifest.json'), 'utf8')) as IndexManifest;
  }

  async function indexFiles(): Promise<{ top: string[]; sections: string[] }> {
    return {
      top: (await readdir(indexDir)).sort(),
      sections: (await readdir(path.join(indexDir, 'sections'))).sort(),
    };
  }
});
