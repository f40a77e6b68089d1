/**
 * @module bench/answer — the answer path: offline `ask` end to end over the shipped knowledge base
 * (guardrails, retrieval, composition), and what the LLM path adds on top of the model's own time,
 * against the local OpenAI-compatible server with a fixed delay.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLlmGenerator } from '../src/answer/llm-generator.js';
import { createOfflineGenerator } from '../src/answer/offline-generator.js';
import { loadConfig } from '../src/config/index.js';
import { createMentor, createMentorFromConfig, type ConfiguredMentor } from '../src/mentor/index.js';
import type { KeyValueState } from '../src/mentor/types.js';
import { loadCases } from '../eval/cases.js';
import { startFakeOpenAIServer } from '../test/support/fake-openai-server.js';
import { percentile, round, timeEach } from './stats.js';
import type { BenchResult } from './types.js';

const projectRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

export interface AnswerBenchOptions {
  /** Passes over the eval question set for the offline measurement. Default 3. */
  rounds?: number;
  /** LLM path samples (paired with a bare request each). Default 100. */
  llmSamples?: number;
  /** The fake model's fixed delay before it answers, in ms. Default 40. */
  modelDelayMs?: number;
}

function memoryState(): KeyValueState {
  const values = new Map<string, unknown>();
  return {
    get: async <T>(key: string) => values.get(key) as T | undefined,
    set: async (key, value) => void values.set(key, value),
  };
}

export async function runAnswerBench(options: AnswerBenchOptions = {}): Promise<BenchResult[]> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'mentor-bench-answer-'));
  try {
    const config = loadConfig(
      { MENTOR_DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
      { cwd: projectRoot, dotenv: false },
    );
    const mentor = await createMentorFromConfig(config, { state: memoryState() });
    return [...(await benchOffline(mentor, options.rounds ?? 3)), ...(await benchLlm(mentor, options))];
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function benchOffline(mentor: ConfiguredMentor, rounds: number): Promise<BenchResult[]> {
  const questions = (await loadCases()).map((testCase) => testCase.question);
  for (const question of questions) await mentor.ask({ question });
  const durations = await timeEach(rounds * questions.length, (iteration) =>
    mentor.ask({ question: questions[iteration % questions.length] ?? '' }),
  );
  const p50 = percentile(durations, 0.5);
  return [
    {
      name: `offline ask end to end p50 (${questions.length} eval questions × ${rounds})`,
      value: round(p50, 2),
      unit: 'ms',
      target: '≤ 10 ms',
      pass: p50 <= 10,
    },
    { name: 'offline ask end to end p90', value: round(percentile(durations, 0.9), 2), unit: 'ms' },
  ];
}

/**
 * The LLM path's own overhead: the mentor's generate time minus a bare streaming HTTP request to
 * the same fake model (its fixed delay plus the loopback round trip), median of paired runs.
 */
async function benchLlm(mentor: ConfiguredMentor, options: AnswerBenchOptions): Promise<BenchResult[]> {
  const delayMs = options.modelDelayMs ?? 40;
  const reply = 'Take a heap snapshot [1], compare two of them [2] and bound the cache [3]. '.repeat(4);
  const server = await startFakeOpenAIServer({ delayMs, reply: { text: reply } });
  try {
    const generator = createLlmGenerator({
      apiKey: 'bench',
      baseURL: server.url,
      model: 'bench-model',
      timeoutMs: 5_000,
      maxRetries: 0,
      fallback: createOfflineGenerator(),
    });
    const { personaDefinition, knowledgeBase } = mentor;
    const llm = createMentor({
      persona: personaDefinition,
      knowledge: knowledgeBase,
      generator,
      state: memoryState(),
      topK: 4,
    });
    const question = 'how do I take a heap snapshot of a running process?';
    const body = JSON.stringify({
      model: 'bench-model',
      stream: true,
      messages: [{ role: 'user', content: question }],
    });
    const bare = async () => {
      const response = await fetch(`${server.url}/chat/completions`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      });
      await response.text();
    };
    for (let warm = 0; warm < 5; warm += 1) {
      await llm.ask({ question });
      await bare();
    }
    const overheads: number[] = [];
    const askOverheads: number[] = [];
    const generateTimes: number[] = [];
    for (let sample = 0; sample < (options.llmSamples ?? 100); sample += 1) {
      const [wire = 0] = await timeEach(1, bare);
      const answer = await llm.ask({ question });
      if (answer.provider.answer !== generator.id)
        throw new Error('bench: the LLM path fell back to offline');
      generateTimes.push(answer.timings.generateMs);
      overheads.push(answer.timings.generateMs - wire);
      askOverheads.push(answer.timings.totalMs - wire);
    }
    const overhead = percentile(overheads, 0.5);
    return [
      {
        name: `LLM generate p50 with a ${delayMs} ms model delay`,
        value: round(percentile(generateTimes, 0.5), 2),
        unit: 'ms',
      },
      {
        name: 'LLM path overhead over a bare streaming request, p50',
        value: round(overhead, 2),
        unit: 'ms',
        target: '≤ 5 ms',
        pass: overhead <= 5,
      },
      {
        name: 'whole LLM ask (guardrails, retrieval, generation) over a bare streaming request, p50',
        value: round(percentile(askOverheads, 0.5), 2),
        unit: 'ms',
      },
      {
        name: `LLM path overhead over the model's fixed delay, p50`,
        value: round(percentile(generateTimes, 0.5) - delayMs, 2),
        unit: 'ms',
      },
    ];
  } finally {
    await server.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  for (const result of await runAnswerBench()) {
    const verdict = result.pass === undefined ? '' : result.pass ? ' ✓' : ' ✗';
    console.log(
      `${result.name}: ${result.value} ${result.unit}${result.target ? ` (target ${result.target})` : ''}${verdict}`,
    );
  }
}
