/**
 * @module eval/report — renders eval results as EVAL.md: summary against targets, recall per
 * topic, and every miss (missing concepts, wrong first source, wrong decline) to act on.
 */
import type { CaseResult, EvalCase, EvalSummary } from './score.js';

export const OFFLINE_TARGETS = { conceptRecall: 0.8, declineRate: 1, medianChars: 2_500 } as const;

export interface GeneratorRun {
  generator: string;
  summary: EvalSummary;
  results: CaseResult[];
}

export function meetsTargets(summary: EvalSummary): boolean {
  return (
    summary.conceptRecall >= OFFLINE_TARGETS.conceptRecall &&
    summary.declineRate >= OFFLINE_TARGETS.declineRate &&
    summary.medianChars <= OFFLINE_TARGETS.medianChars
  );
}

export function renderReport(options: {
  date: Date;
  setup: string[];
  cases: EvalCase[];
  runs: GeneratorRun[];
}): string {
  const lines = [
    '# Answer-quality eval',
    '',
    `Run ${options.date.toISOString()} with \`npm run eval\` over \`eval/questions.jsonl\`.`,
    '',
    ...options.setup.map((item) => `- ${item}`),
    '',
  ];
  for (const run of options.runs) lines.push(...renderRun(run, options.cases));
  lines.push(...HOW_TO_RUN);
  return `${lines.join('\n')}\n`;
}

/** How to reproduce and how to score an LLM; part of the generated file so it is never lost. */
const HOW_TO_RUN = [
  '## How to run',
  '',
  '`npm run eval` always scores the offline generator and exits 1 when it misses a target. To score an',
  'LLM as well, configure it the way the app is configured (environment or `.env`) and run the same',
  'command; the LLM gets its own section above, with the same questions, retrieval and scoring:',
  '',
  '```bash',
  '# OpenAI',
  'ANSWER_PROVIDER=openai OPENAI_API_KEY=sk-… OPENAI_MODEL=gpt-4o-mini npm run eval',
  '# Any OpenAI-compatible server: Ollama, vLLM, LM Studio (the key only has to be non-empty)',
  'ANSWER_PROVIDER=openai OPENAI_API_KEY=local OPENAI_BASE_URL=http://localhost:11434/v1 OPENAI_MODEL=llama3.1 npm run eval',
  '```',
  '',
  'The questions are asked one at a time (about 90 model calls, plus one condense call per thread',
  'question). "Answers written by" shows how many answers really came from the model: an answer the',
  'model failed on is the offline fallback and is counted as `offline`, so a run where most answers',
  'are `offline` measures the fallback, not the model. `OPENAI_TIMEOUT_MS` and `OPENAI_MAX_RETRIES`',
  'apply as in the app. The offline targets are held to the offline generator only; for an LLM they',
  'are a reference line.',
  '',
];

function writtenBy(counts: Record<string, number>): string {
  const entries = Object.entries(counts).sort(([, left], [, right]) => right - left);
  return entries.length === 0 ? '—' : entries.map(([driver, count]) => `\`${driver}\` ${count}`).join(', ');
}

function renderRun(run: GeneratorRun, cases: EvalCase[]): string[] {
  const { summary } = run;
  const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
  const lines = [
    `## ${run.generator}`,
    '',
    '| metric | value | offline target |',
    '| --- | --- | --- |',
    `| concept recall (${summary.answerCases} questions) | ${summary.conceptRecall.toFixed(3)} | ≥ ${OFFLINE_TARGETS.conceptRecall} |`,
    `| off-topic / injection declined (${summary.declineCases} prompts) | ${percent(summary.declineRate)} | 100% |`,
    `| on-topic questions wrongly declined | ${summary.falseDeclines} | 0 |`,
    `| expected playbook is the first source | ${percent(summary.topSourceAccuracy)} | — |`,
    `| answer length median / p90 (chars) | ${summary.medianChars} / ${summary.p90Chars} | median ≤ ${OFFLINE_TARGETS.medianChars} |`,
    `| median time per question (ms) | ${summary.medianMs.toFixed(2)} | — |`,
    `| answers written by | ${writtenBy(summary.writtenBy)} | — |`,
    '',
    '### Recall by topic',
    '',
    '| playbook | questions | recall |',
    '| --- | --- | --- |',
  ];
  const byTopic = new Map<string, number[]>();
  for (const result of run.results) {
    const testCase = cases.find((candidate) => candidate.id === result.id);
    if (testCase?.kind !== 'answer') continue;
    byTopic.set(testCase.playbook, [...(byTopic.get(testCase.playbook) ?? []), result.recall]);
  }
  for (const [topic, recalls] of [...byTopic].sort(([left], [right]) => left.localeCompare(right))) {
    const mean = recalls.reduce((sum, value) => sum + value, 0) / recalls.length;
    lines.push(`| ${topic} | ${recalls.length} | ${mean.toFixed(2)} |`);
  }
  lines.push('', '### Misses', '');
  const misses = run.results.filter(
    (result) =>
      (result.kind === 'answer' && (result.missing.length > 0 || !result.topSourceHit)) ||
      (result.kind === 'decline' && !result.declined),
  );
  if (misses.length === 0) lines.push('None.');
  for (const result of misses) {
    const testCase = cases.find((candidate) => candidate.id === result.id);
    const question = testCase ? `“${testCase.question}”` : '';
    if (result.kind === 'decline') {
      lines.push(
        `- \`${result.id}\` ${question}: answered instead of declining (first source ${result.topSource ?? 'none'})`,
      );
      continue;
    }
    const parts = [];
    if (result.declined) parts.push('declined (retrieval found nothing)');
    else if (!result.topSourceHit) parts.push(`first source \`${result.topSource ?? 'none'}\``);
    if (result.missing.length > 0)
      parts.push(`missing ${result.missing.map((concept) => `\`${concept}\``).join(', ')}`);
    lines.push(`- \`${result.id}\` ${question}: ${parts.join('; ')}`);
  }
  lines.push('');
  return lines;
}
