/**
 * @module bench/retrieval — hybrid search latency over the shipped knowledge base, with the
 * eval questions as the query mix.
 */
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLocalEmbedder } from '../src/retrieval/embedders/local-embedder.js';
import { openKnowledgeBase } from '../src/retrieval/index.js';
import { percentile, round, timeEach } from './stats.js';
import type { BenchResult } from './types.js';

export async function loadEvalQuestions(file: string): Promise<string[]> {
  const lines = (await readFile(file, 'utf8')).split('\n').filter((line) => line.trim() !== '');
  return lines.map((line) => (JSON.parse(line) as { question: string }).question);
}

export async function runRetrievalBench(knowledgeDir: string, questions: string[]): Promise<BenchResult[]> {
  const indexDir = await mkdtemp(path.join(tmpdir(), 'mentor-bench-retrieval-'));
  try {
    const base = await openKnowledgeBase({ knowledgeDir, indexDir, embedder: createLocalEmbedder() });
    const search = (iteration: number) =>
      base.search.search(questions[iteration % questions.length] ?? '', { limit: 4 });
    await timeEach(200, search);
    const samples = await timeEach(questions.length * 20, search);
    const p50 = percentile(samples, 0.5);
    const p99 = percentile(samples, 0.99);
    return [
      {
        name: `retrieval p50 (${base.knowledge.chunks.length} sections, ${questions.length} questions)`,
        value: round(p50),
        unit: 'ms',
        target: '≤ 1 ms',
        pass: p50 <= 1,
      },
      { name: 'retrieval p99', value: round(p99), unit: 'ms', target: '≤ 5 ms', pass: p99 <= 5 },
    ];
  } finally {
    await rm(indexDir, { recursive: true, force: true });
  }
}
