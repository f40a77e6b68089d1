import {
  appendFile,
  cp,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  truncate,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openKnowledgeBase, syncKnowledge } from '../../src/retrieval/index.js';
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

  const options = (embedder = createCountingEmbedder()) => ({ knowledgeDir, indexDir, embedder });
  const open = (embedder = createCountingEmbedder(), warnings: string[] = []) =>
    openKnowledgeBase({ ...options(embedder), onWarning: (message) => warnings.push(message) });

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

  it('rebuilds when a sections file is truncated or missing, even one `index` does not otherwise read', async () => {
    await open();
    await writeFile(await sectionsOf('heap-growth'), '[{"id":');
    const truncated: string[] = [];
    const synced = await syncKnowledge({ ...options(), onWarning: (message) => truncated.push(message) });
    expect(truncated).toEqual([
      expect.stringMatching(/^index: sections\/heap-growth\.\w+\.json is truncated or corrupt.*; rebuilding/),
    ]);
    expect(synced.stats.embedded).toBe(8);

    await rm(await sectionsOf('request-limits'));
    const missing: string[] = [];
    expect((await open(createCountingEmbedder(), missing)).stats.embedded).toBe(8);
    expect(missing).toEqual([expect.stringMatching(/request-limits\.\w+\.json is missing; rebuilding/)]);
  });

  it('rebuilds when a sections file keeps its size but not its contents', async () => {
    await open();
    const file = await sectionsOf('heap-growth');
    const original = await readFile(file, 'utf8');
    await writeFile(file, original.replace('"label":0', '"label":7'));
    expect((await stat(file)).size).toBe(Buffer.byteLength(original));
    const warnings: string[] = [];
    const reopened = await open(createCountingEmbedder(), warnings);
    expect(warnings).toEqual([expect.stringMatching(/heap-growth\.\w+\.json is truncated or corrupt/)]);
    expect(reopened.stats.embedded).toBe(8);
    expect(reopened.knowledge.chunks.map((chunk) => chunk.label).sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('drops a deleted playbook: its vectors, its sections file, and its sections from search', async () => {
    await open();
    const gone = await sectionsOf('request-limits');
    await rm(path.join(knowledgeDir, 'request-limits.md'));
    const embedder = createCountingEmbedder();
    const after = await open(embedder);
    expect(after.stats).toMatchObject({ chunks: 5, embedded: 0, reused: 5, removed: 3 });
    expect(embedder.embeddedTexts).toBe(0);
    expect((await indexFiles()).sections).toHaveLength(1);
    await expect(stat(gone)).rejects.toMatchObject({ code: 'ENOENT' });
    const hits = await after.search.search('token bucket rate limit redis counters', { limit: 3 });
    expect(hits.every((hit) => hit.chunk.playbookId === 'heap-growth')).toBe(true);
    expect(after.knowledge.chunks.every((chunk) => chunk.playbookId === 'heap-growth')).toBe(true);
    expect(after.knowledge.vectors.size()).toBe(5);
  });

  it('leaves no temporary files behind, and the next write sweeps files a crashed run left', async () => {
    await open();
    const stale = path.join(indexDir, 'sections', '.heap-growth.1.json.999.abcd.tmp');
    await writeFile(path.join(indexDir, 'vectors.0123456789.hnsw'), 'left by a crash');
    await writeFile(path.join(indexDir, 'sections', 'heap-growth.0123456789.json'), '[]');
    await writeFile(stale, '[');
    await utimes(stale, new Date(Date.now() - 2 * 3_600_000), new Date(Date.now() - 2 * 3_600_000));
    const fresh = path.join(indexDir, '.vectors.2.hnsw.999.abcd.tmp');
    await writeFile(fresh, 'being written by another run');

    await appendFile(path.join(knowledgeDir, 'heap-growth.md'), '\nOne more line.\n');
    await open();
    const { top, sections } = await indexFiles();
    const manifest = await manifestOf();
    expect(top).toEqual(['.vectors.2.hnsw.999.abcd.tmp', 'manifest.json', 'sections', manifest.vectors.file]);
    expect(sections.map((name) => `sections/${name}`).sort()).toEqual(
      Object.values(manifest.files)
        .map((file) => file.sections.file)
        .sort(),
    );
  });

  async function sectionsOf(id: string): Promise<string> {
    const indexed = Object.values((await manifestOf()).files).find((file) => file.playbook.id === id);
    if (!indexed) throw new Error(`no playbook ${id} in the manifest`);
    return path.join(indexDir, indexed.sections.file);
  }

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
