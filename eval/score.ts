/**
 * @module eval/score — scoring for the answer-quality eval: concept recall (does the answer
 * mention what a good answer must), declines, and length statistics.
 */
import type { Answer, HistoryTurn } from '../src/mentor/types.js';

export type EvalCase =
  | {
      id: string;
      kind: 'answer';
      playbook: string;
      question: string;
      concepts: string[];
      history?: HistoryTurn[];
    }
  | { id: string; kind: 'decline'; question: string; why: string; history?: HistoryTurn[] };

export interface CaseResult {
  id: string;
  kind: EvalCase['kind'];
  /** Share of concepts mentioned (answer cases); 1 or 0 for declined correctly or not (decline cases). */
  recall: number;
  missing: string[];
  declined: boolean;
  /** The expected playbook was the first source (answer cases). */
  topSourceHit: boolean;
  topSource: string | undefined;
  chars: number;
  totalMs: number;
  /** Which driver wrote the answer (`offline` when an LLM run fell back). */
  provider: string;
}

/** Lowercase, no Markdown emphasis or backticks, whitespace collapsed. */
export function normalize(text: string): string {
  return text.toLowerCase().replace(/[`*]/g, '').replace(/\s+/g, ' ');
}

/** A concept is `"a|b|c"`: any alternative found (case-insensitive substring) counts. */
export function mentions(text: string, concept: string): boolean {
  const normalized = normalize(text);
  return concept.split('|').some((alternative) => normalized.includes(normalize(alternative).trim()));
}

export function scoreCase(testCase: EvalCase, answer: Answer): CaseResult {
  const declined = answer.sources.length === 0;
  const topSource = answer.sources[0]?.ref;
  const base = {
    id: testCase.id,
    kind: testCase.kind,
    declined,
    topSource,
    chars: answer.markdown.length,
    totalMs: answer.timings.totalMs,
    provider: answer.provider.answer,
  };
  if (testCase.kind === 'decline') {
    return { ...base, recall: declined ? 1 : 0, missing: [], topSourceHit: false };
  }
  const missing = testCase.concepts.filter((concept) => !mentions(answer.markdown, concept));
  return {
    ...base,
    recall: (testCase.concepts.length - missing.length) / testCase.concepts.length,
    missing,
    topSourceHit: topSource?.startsWith(`${testCase.playbook}#`) ?? false,
  };
}

export interface EvalSummary {
  answerCases: number;
  declineCases: number;
  conceptRecall: number;
  declineRate: number;
  /** Answer cases the mentor declined (retrieval found nothing). */
  falseDeclines: number;
  topSourceAccuracy: number;
  medianChars: number;
  p90Chars: number;
  medianMs: number;
  /** Answers (not fixed replies) per driver that wrote them, e.g. `{ 'openai:gpt-4o-mini': 70, offline: 1 }`. */
  writtenBy: Record<string, number>;
}

export function summarize(results: readonly CaseResult[]): EvalSummary {
  const answers = results.filter((result) => result.kind === 'answer');
  const declines = results.filter((result) => result.kind === 'decline');
  const mean = (values: number[]) =>
    values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
  return {
    answerCases: answers.length,
    declineCases: declines.length,
    conceptRecall: mean(answers.map((result) => result.recall)),
    declineRate: mean(declines.map((result) => (result.declined ? 1 : 0))),
    falseDeclines: answers.filter((result) => result.declined).length,
    topSourceAccuracy: mean(answers.map((result) => (result.topSourceHit ? 1 : 0))),
    medianChars: percentile(
      answers.map((result) => result.chars),
      0.5,
    ),
    p90Chars: percentile(
      answers.map((result) => result.chars),
      0.9,
    ),
    medianMs: percentile(
      results.map((result) => result.totalMs),
      0.5,
    ),
    writtenBy: countBy(results.filter((result) => !result.declined).map((result) => result.provider)),
  };
}

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

/** Nearest-rank percentile; 0 for no values. */
export function percentile(values: readonly number[], fraction: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))] ?? 0;
}
