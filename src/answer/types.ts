/**
 * @module answer/types — the `AnswerGenerator` port: retrieved sections in, a streamed, cited
 * Markdown answer out. Drivers: `offline` (extractive, the default) and `llm` (LangChain).
 */
import { MentorError } from '../errors.js';
import type { AnswerConfidence, HistoryTurn } from '../mentor/types.js';
import type { Chunk, ScoredChunk } from '../retrieval/index.js';

/** What a generator needs to know about the persona it speaks for. */
export interface AnswerPersona {
  /** e.g. "Senior Node.js Mentor". */
  name: string;
  /** The persona file's Markdown body: the LLM's system prompt. */
  systemPrompt: string;
  /** One line said when the playbooks only partly cover a question. */
  unsure: string;
}

/** Reads whole playbooks, for pitfalls, next steps and follow-ups around the retrieved sections. */
export interface SectionLookup {
  /** Every section (chunk) of a playbook in document order; empty for an unknown id. */
  sectionsOf(playbookId: string): readonly Chunk[];
}

export interface GenerationRequest {
  /** The question as asked, after the guardrails (trimmed, secrets redacted, injections removed). */
  question: string;
  /** The standalone question retrieval used: `question` itself, or a follow-up made standalone. */
  query: string;
  /** Earlier turns of the thread, oldest first, secrets redacted. */
  history: readonly HistoryTurn[];
  /** Retrieved sections, most relevant first; never empty (the mentor declines before generating). */
  sections: readonly ScoredChunk[];
  /** `answer` composes from the retrieved sections; `explain` expands the single section given. */
  mode: 'answer' | 'explain';
  /** How well retrieval covered the question; `low` makes the answer say so. */
  confidence: AnswerConfidence;
  persona: AnswerPersona;
  lookup: SectionLookup;
  /** Aborts generation (e.g. on shutdown); the stream then rejects. */
  signal?: AbortSignal;
}

export interface GenerationResult {
  /** Standard Markdown; equal to the concatenation of every delta that was streamed. */
  markdown: string;
  /** The sections the answer cites: `sources[n - 1]` is cited in the text as `[n]`. */
  sources: ScoredChunk[];
  /** Two or three questions the asker could send next. */
  followUps: string[];
  /** One-line notices for the asker, e.g. that the model failed and this is the offline answer. */
  notices: string[];
  /** Which driver produced the text, e.g. `offline` or `openai:gpt-4o-mini`. */
  provider: string;
}

export type GenerationEvent = { type: 'delta'; text: string } | { type: 'done'; result: GenerationResult };

/** Turns retrieved sections into an answer. One port, several drivers; each states what it can do. */
export interface AnswerGenerator {
  /** Driver and model, e.g. `offline` or `openai:gpt-4o-mini`; recorded in `Answer.provider.answer`. */
  readonly id: string;
  /** Streams text deltas (their concatenation is the final Markdown), then one `done` event. */
  generate(request: GenerationRequest): AsyncIterable<GenerationEvent>;
  /**
   * Rewrites a follow-up into a standalone question using the thread, when the driver can (LLM).
   * Rejects on failure; the mentor then falls back to its offline heuristic.
   */
  condense?(question: string, history: readonly HistoryTurn[], signal?: AbortSignal): Promise<string>;
}

/** Drains a generation stream into its final result (for callers that do not stream). */
export async function collectGeneration(events: AsyncIterable<GenerationEvent>): Promise<GenerationResult> {
  for await (const event of events) if (event.type === 'done') return event.result;
  throw new MentorError('internal', 'answer: the generator ended without a result');
}
