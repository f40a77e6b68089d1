/**
 * @module eval/run — `npm run eval`: answers every question in `eval/questions.jsonl` with the
 * offline generator (and the LLM generator when `ANSWER_PROVIDER=openai`), scores concept recall,
 * declines and answer length, writes EVAL.md and exits 1 when the offline targets are missed.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAnswerGenerator, createOfflineGenerator, type AnswerGenerator } from '../src/answer/index.js';
import { loadConfig, type Config } from '../src/config/index.js';
import { createMentor, loadPersona } from '../src/mentor/index.js';
import type { KeyValueState } from '../src/mentor/types.js';
import { configuredKnowledgeOptions, openKnowledgeBase, type KnowledgeBase } from '../src/retrieval/index.js';
import { meetsTargets, renderReport, type GeneratorRun } from './report.js';
import { loadCases } from './cases.js';
import { scoreCase, summarize, type EvalCase } from './score.js';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

function memoryState(): KeyValueState {
  const values = new Map<string, unknown>();
  return {
    get: <T>(key: string) => Promise.resolve(values.get(key) as T | undefined),
    set: async (key, value) => void values.set(key, value),
  };
}

async function runGenerator(
  config: Readonly<Config>,
  knowledge: KnowledgeBase,
  generator: AnswerGenerator,
  cases: EvalCase[],
): Promise<GeneratorRun> {
  const persona = await loadPersona(config.personasDir, config.persona);
  const mentor = createMentor({
    persona,
    knowledge,
    generator,
    state: memoryState(),
    topK: config.retrieval.topK,
  });
  // Model runs take minutes: show progress on a terminal.
  const progress = generator.id !== 'offline' && process.stderr.isTTY;
  const results = [];
  for (const [index, testCase] of cases.entries()) {
    if (progress) process.stderr.write(`\r${generator.id}: ${index + 1}/${cases.length}`);
    const answer = await mentor.ask({ question: testCase.question, history: testCase.history });
    results.push(scoreCase(testCase, answer));
  }
  if (progress) process.stderr.write('\n');
  return { generator: generator.id, summary: summarize(results), results };
}

async function main(): Promise<number> {
  const config = loadConfig(process.env);
  const cases = await loadCases();
  const knowledge = await openKnowledgeBase(await configuredKnowledgeOptions(config));
  const runs = [await runGenerator(config, knowledge, createOfflineGenerator(), cases)];
  if (config.answer.provider === 'openai') {
    const fallbacks: string[] = [];
    const generator = await createAnswerGenerator(config, {
      onEvent: (event) => {
        if (event.type === 'fallback') fallbacks.push(event.detail);
      },
    });
    runs.push(await runGenerator(config, knowledge, generator, cases));
    if (fallbacks.length > 0)
      console.warn(
        `${generator.id}: ${fallbacks.length} model failures (${[...new Set(fallbacks)].join(', ')})`,
      );
  }

  const setup = [
    `embedder: \`${knowledge.embedder.id}\`, sections per question (RETRIEVAL_TOP_K): ${config.retrieval.topK}`,
    `persona: \`${config.persona}\`; knowledge: \`${path.relative(root, config.knowledgeDir) || '.'}\``,
    'A concept counts when the answer mentions it (case-insensitive; `a|b` means either). A decline is an answer with no sources.',
    'The mentor declines when retrieval finds nothing or only a weak match on everyday words (`src/mentor/topicality.ts`).',
  ];
  const report = renderReport({ date: new Date(), setup, cases, runs });
  await writeFile(path.join(root, 'EVAL.md'), report);
  for (const run of runs) {
    const { summary } = run;
    console.log(
      `${run.generator}: recall ${summary.conceptRecall.toFixed(3)}, declined ${(summary.declineRate * 100).toFixed(0)}%, ` +
        `false declines ${summary.falseDeclines}, top source ${(summary.topSourceAccuracy * 100).toFixed(0)}%, ` +
        `median ${summary.medianChars} chars (p90 ${summary.p90Chars}), written by ${JSON.stringify(summary.writtenBy)}`,
    );
  }
  const offline = runs[0];
  const passed = offline !== undefined && meetsTargets(offline.summary);
  console.log(passed ? 'offline targets met; wrote EVAL.md' : 'offline targets MISSED; see EVAL.md');
  return passed ? 0 : 1;
}

process.exitCode = await main();
