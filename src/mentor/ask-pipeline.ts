/**
 * @module mentor/ask-pipeline — one question's path through the core: guardrails → condense the
 * follow-up → retrieve → decline or generate, streamed. Fixed answers (usage hint, clarifying
 * question, decline, refusal) never reach the generator; secrets never reach the logger or a model.
 */
import { MentorError } from '../errors.js';
import type { AnswerGenerator, GenerationRequest, GenerationResult, SectionLookup } from '../answer/types.js';
import type { HybridSearch } from '../retrieval/index.js';
import { confidenceOf, elapsedSince, emitWhole, toAnswerSource } from './answer-parts.js';
import {
  clarifyAnswer,
  declineAnswer,
  refusalAnswer,
  usageAnswer,
  type CannedAnswer,
} from './canned-answers.js';
import { condenseFollowUp, lacksSubject } from './condense.js';
import { guardQuestion, redactHistory } from './guardrails.js';
import type { Persona } from './persona.js';
import type { Topicality } from './topicality.js';
import type { Answer, AnswerConfidence, AnswerEvent, AskInput, HistoryTurn } from './types.js';

/** The slice of a pino logger the core uses (pino's own logger fits). */
export interface MentorLogger {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
}

export interface AskPipelineOptions {
  persona: Persona;
  search: HybridSearch;
  lookup: SectionLookup;
  /** Whether what retrieval found really covers the question (else the mentor declines). */
  topicality: Topicality;
  generator: AnswerGenerator;
  embedderId: string;
  /** Sections retrieved per question. */
  topK: number;
  logger?: MentorLogger;
}

const MAX_HISTORY_TURNS = 12;

export function createAskPipeline(
  options: AskPipelineOptions,
): (input: AskInput) => AsyncGenerator<AnswerEvent> {
  const { persona, search, generator, logger } = options;
  const provider = { answer: generator.id, embedder: options.embedderId };

  const fixed = (
    question: string,
    canned: CannedAnswer,
    notices: string[],
    started: number,
    retrieveMs = 0,
  ): Answer => ({
    question,
    markdown: canned.markdown,
    sources: [],
    followUps: canned.followUps,
    confidence: 'none',
    notices,
    provider,
    timings: { retrieveMs, generateMs: 0, totalMs: elapsedSince(started) },
  });

  async function standalone(question: string, history: HistoryTurn[], signal?: AbortSignal): Promise<string> {
    if (history.length === 0 || !generator.condense) return condenseFollowUp(question, history);
    try {
      return await generator.condense(question, history, signal);
    } catch (error) {
      signal?.throwIfAborted();
      // A driver's own message may carry a provider's echo of keys or URLs: log ours only.
      const reason = error instanceof MentorError ? error.message : 'the condense step failed';
      logger?.warn({ error: reason }, 'mentor: condense step failed; using the offline heuristic');
      return condenseFollowUp(question, history);
    }
  }

  return async function* ask(input) {
    const started = performance.now();
    const guarded = guardQuestion(input.question);
    if (guarded.kind === 'empty')
      return yield* emitWhole(fixed('', usageAnswer(persona), guarded.notices, started));
    if (guarded.kind === 'refused') {
      logger?.info({ outcome: 'refused', secrets: guarded.secrets }, 'mentor: refused an injection attempt');
      return yield* emitWhole(fixed('', refusalAnswer(persona), guarded.notices, started));
    }
    const { question, notices } = guarded;
    const history = redactHistory(input.history ?? []).slice(-MAX_HISTORY_TURNS);
    if (history.length === 0 && lacksSubject(question)) {
      return yield* emitWhole(fixed(question, clarifyAnswer(persona), notices, started));
    }

    const retrieveStart = performance.now();
    const query = await standalone(question, history, input.signal);
    const hits = await search.search(query, { limit: options.topK });
    const retrieveMs = elapsedSince(retrieveStart);
    const confidence = confidenceOf(hits);
    if (!options.topicality.supports(query, hits)) {
      logger?.info(
        { outcome: 'declined', question: clip(question), query: clip(query), weakHits: hits.length },
        'mentor: nothing relevant retrieved',
      );
      return yield* emitWhole(fixed(question, declineAnswer(persona), notices, started, retrieveMs));
    }

    const request: GenerationRequest = {
      question,
      query,
      history,
      sections: hits,
      mode: 'answer',
      confidence,
      persona,
      lookup: options.lookup,
      signal: input.signal,
    };
    const answer = yield* generate(generator, request, provider, { notices, started, retrieveMs });
    const sources = answer.sources.map((source) => source.ref);
    const details = {
      outcome: 'answered',
      question: clip(question),
      confidence,
      sources,
      timings: answer.timings,
    };
    logger?.info({ ...details, provider: answer.provider }, 'mentor: answered');
  };
}

interface GenerateContext {
  notices: string[];
  started: number;
  retrieveMs: number;
}

/** Streams a generator's deltas and finishes with the `Answer`; shared by `ask` and `explain`. */
export async function* generate(
  generator: AnswerGenerator,
  request: GenerationRequest,
  provider: Answer['provider'],
  context: GenerateContext,
): AsyncGenerator<AnswerEvent, Answer> {
  const generateStart = performance.now();
  let result: GenerationResult | undefined;
  for await (const event of generator.generate(request)) {
    if (event.type === 'delta') yield event;
    else result = event.result;
  }
  if (!result) throw new MentorError('internal', 'mentor: the answer generator finished without a result');
  const answer = toAnswer(
    request,
    result,
    provider,
    request.confidence,
    context,
    elapsedSince(generateStart),
  );
  yield { type: 'done', answer };
  return answer;
}

function toAnswer(
  request: GenerationRequest,
  result: GenerationResult,
  provider: Answer['provider'],
  confidence: AnswerConfidence,
  context: GenerateContext,
  generateMs: number,
): Answer {
  return {
    question: request.question,
    markdown: result.markdown,
    sources: result.sources.map(toAnswerSource),
    followUps: result.followUps,
    confidence,
    notices: [...context.notices, ...result.notices],
    provider: { ...provider, answer: result.provider },
    timings: { retrieveMs: context.retrieveMs, generateMs, totalMs: elapsedSince(context.started) },
  };
}

function clip(text: string): string {
  return text.length <= 200 ? text : `${text.slice(0, 200)}…`;
}
