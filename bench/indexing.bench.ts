/**
 * @module bench/indexing — `index` after editing one playbook against a full rebuild, both on a
 * copy of the shipped knowledge base, measured in the same run.
 */
import { appendFile, cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLocalEmbedder } from '../src/retrieval/embedders/local-embedder.js';
import { syncKnowledge } from '../src/retrieval/index.js';
import { percentile, round, timeEach } from './stats.js';
import type { BenchResult } from './types.js';

export async function runIndexingBench(knowledgeDir: string, repetitions = 7): Promise<BenchResult[]> {
  const root = await mkdtemp(path.join(tmpdir(), 'mentor-bench-index-'));
  try {
    const knowledge = path.join(root, 'knowledge');
    const indexDir = path.join(root, 'index');
    await cp(knowledgeDir, knowledge, { recursive: true });
    const embedder = createLocalEmbedder();
    const open = (force: boolean) => syncKnowledge({ knowledgeDir: knowledge, indexDir, embedder, force });
    await open(true);

    const full = await timeEach(repetitions, () => open(true));
    const edited = path.join(knowledge, 'memory-leaks.md');
    const incremental = await timeEach(repetitions, async (iteration) => {
      await appendFile(edited, `\n\nEdit ${iteration}: check the heap again after the fix.\n`);
      const base = await open(false);
      if (base.stats.embedded < 1 || base.stats.embedded > 3)
        throw new Error(`expected 1–3 re-embedded, got ${base.stats.embedded}`);
    });
    const ratio = percentile(incremental, 0.5) / percentile(full, 0.5);
    return [
      {
        name: 'index: full rebuild p50 (shipped knowledge)',
        value: round(percentile(full, 0.5), 1),
        unit: 'ms',
      },
      {
        name: 'index: after editing one playbook p50',
        value: round(percentile(incremental, 0.5), 1),
        unit: 'ms',
      },
      {
        name: 'index: incremental / full',
        value: round(ratio * 100, 1),
        unit: '%',
        target: '≤ 10 %',
        pass: ratio <= 0.1,
      },
    ];
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
