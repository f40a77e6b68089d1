/**
 * @module answer/llm-generator — the `llm` AnswerGenerator: LangChain's prompt template and
 * ChatOpenAI against OpenAI or any compatible server, streamed token by token. Retries
 * 429/5xx/timeouts with backoff before the first token; when the model fails for good, the asker
 * gets the offline answer with a one-line notice, never an error dump. The model is streamed
 * directly, not through an LCEL chain with an output parser: the chain's tracing re-concatenates
 * every chunk so far at each token, which cost more than everything else on our side.
 */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { ChatOpenAI } from '@langchain/openai';
import { followUpsFor } from './follow-up-questions.js';
import { createLlmCondenser } from './llm-condense.js';
import {
  answerPrompt,
  formatContext,
  GROUNDING_RULES,
  historyMessages,
  type AnswerPromptValues,
} from './llm-prompt.js';
import { describeModelError as describe, streamWithRetry, type RetryPolicy } from './llm-retry.js';
import type { AnswerGenerator, GenerationEvent, GenerationRequest, GenerationResult } from './types.js';

export interface LlmGeneratorOptions {
  /** Any non-empty value for servers without auth (Ollama, LM Studio). */
  apiKey: string;
  /** OpenAI-compatible base URL, e.g. `http://localhost:11434/v1`; OpenAI's when undefined. */
  baseURL?: string;
  model: string;
  /** Longest wait in ms for the first token, and between tokens, before an attempt times out. */
  timeoutMs: number;
  /** Retries after the first attempt (429, 5xx, timeouts, dropped connections). */
  maxRetries: number;
  /** First backoff delay in ms (doubles per retry, with jitter). Default 500. */
  retryBaseDelayMs?: number;
  /** Longest backoff delay in ms, Retry-After included. Default 8000. */
  retryMaxDelayMs?: number;
  /** Answers when the model fails for good; the offline generator. */
  fallback: AnswerGenerator;
  /** A ready chat model instead of `ChatOpenAI` (tests, other providers). */
  chatModel?: BaseChatModel;
  /** Told about retries and fallbacks (e.g. the mentor's logger). */
  onEvent?: (event: { type: 'retry' | 'fallback'; detail: string }) => void;
}

/**
 * @example
 * const generator = createLlmGenerator({ apiKey, model: 'gpt-4o-mini', timeoutMs: 30_000, maxRetries: 2, fallback: createOfflineGenerator() });
 */
export function createLlmGenerator(options: LlmGeneratorOptions): AnswerGenerator {
  const model =
    options.chatModel ??
    new ChatOpenAI({
      model: options.model,
      apiKey: options.apiKey,
      configuration: options.baseURL ? { baseURL: options.baseURL } : undefined,
      // Retries are ours (llm-retry), so they stop once text has reached the asker.
      maxRetries: 0,
      // Some servers reject stream_options; reasoning models (o*, gpt-5) reject a temperature.
      streamUsage: false,
    });
  const policy = {
    maxRetries: options.maxRetries,
    baseDelayMs: options.retryBaseDelayMs ?? 500,
    maxDelayMs: options.retryMaxDelayMs ?? 8_000,
    idleTimeoutMs: options.timeoutMs,
  } satisfies RetryPolicy & { idleTimeoutMs: number };
  const id = `openai:${options.model}`;
  const condenser = createLlmCondenser({ model, timeoutMs: options.timeoutMs });

  async function* generate(request: GenerationRequest): AsyncGenerator<GenerationEvent> {
    const values: AnswerPromptValues = {
      persona: request.persona.systemPrompt,
      rules: GROUNDING_RULES,
      context: formatContext(request.sections),
      history: historyMessages(request.history),
      question: request.question,
    };
    let markdown = '';
    try {
      const attempt = {
        start: (signal: AbortSignal) => streamText(model, values, signal),
        onRetry: (error: unknown, retry: number, delayMs: number) =>
          options.onEvent?.({
            type: 'retry',
            detail: `retry ${retry} in ${delayMs} ms after ${describe(error)}`,
          }),
      };
      for await (const text of streamWithRetry(attempt, policy, request.signal)) {
        if (text === '') continue;
        markdown += text;
        yield { type: 'delta', text };
      }
    } catch (error) {
      request.signal?.throwIfAborted();
      options.onEvent?.({ type: 'fallback', detail: describe(error) });
      if (markdown === '') return yield* fallBack(request, error);
      const notice = `The language model stopped mid-answer (${describe(error)}); the cited sections have the rest.`;
      const text = `\n\n_${notice}_`;
      yield { type: 'delta', text };
      return yield* finish(request, markdown + text, [notice]);
    }
    yield* finish(request, markdown, []);
  }

  async function* finish(
    request: GenerationRequest,
    markdown: string,
    notices: string[],
  ): AsyncGenerator<GenerationEvent> {
    const sources = [...request.sections];
    const result: GenerationResult = {
      markdown,
      sources,
      followUps: followUpsFor(sources, request.lookup),
      notices,
      provider: id,
    };
    yield { type: 'done', result };
  }

  async function* fallBack(request: GenerationRequest, error: unknown): AsyncGenerator<GenerationEvent> {
    const notice = `The language model is unavailable right now (${describe(error)}), so this is the offline answer from the playbooks.`;
    for await (const event of options.fallback.generate(request)) {
      if (event.type === 'delta') yield event;
      else yield { type: 'done', result: { ...event.result, notices: [notice, ...event.result.notices] } };
    }
  }

  return { id, generate, condense: condenser.condense };
}

/** The answer's text as the model streams it. */
async function streamText(
  model: BaseChatModel,
  values: AnswerPromptValues,
  signal: AbortSignal,
): Promise<AsyncIterable<string>> {
  const chunks = await model.stream(await answerPrompt.formatMessages(values), { signal });
  return (async function* () {
    for await (const chunk of chunks) yield typeof chunk.content === 'string' ? chunk.content : chunk.text;
  })();
}
