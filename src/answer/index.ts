/**
 * @module answer — picks the answer generator named by config: `offline` (the default, no
 * network) or `openai` (LangChain over any OpenAI-compatible server, imported only when used).
 */
import type { Config } from '../config/index.js';
import { createOfflineGenerator } from './offline-generator.js';
import type { LlmGeneratorOptions } from './llm-generator.js';
import type { AnswerGenerator } from './types.js';

/**
 * @example const generator = await createAnswerGenerator(config, { onEvent: (e) => log.warn(e.detail) });
 */
export async function createAnswerGenerator(
  config: Pick<Config, 'answer' | 'openai'>,
  hooks: Pick<LlmGeneratorOptions, 'onEvent'> = {},
): Promise<AnswerGenerator> {
  const offline = createOfflineGenerator();
  if (config.answer.provider === 'offline') return offline;
  const { createLlmGenerator } = await import('./llm-generator.js');
  return createLlmGenerator({
    apiKey: config.openai.apiKey ?? '',
    baseURL: config.openai.baseURL,
    model: config.openai.model,
    timeoutMs: config.openai.timeoutMs,
    maxRetries: config.openai.maxRetries,
    fallback: offline,
    onEvent: hooks.onEvent,
  });
}

export { createOfflineGenerator, OFFLINE_GENERATOR_NAME } from './offline-generator.js';
export { collectGeneration } from './types.js';
export type {
  AnswerGenerator,
  AnswerPersona,
  GenerationEvent,
  GenerationRequest,
  GenerationResult,
  SectionLookup,
} from './types.js';
