/**
 * @module answer/offline-generator — the default `AnswerGenerator`: no network, deterministic,
 * grounded. It quotes the retrieved playbook sections in the persona's answer shape and streams the
 * result paragraph by paragraph.
 */
import { MentorError } from '../errors.js';
import { followUpsFor } from './follow-up-questions.js';
import { composeAnswer } from './offline-compose.js';
import { composeExplanation } from './offline-explain.js';
import type { AnswerGenerator, GenerationEvent, GenerationRequest } from './types.js';

export const OFFLINE_GENERATOR_NAME = 'offline';

/**
 * @example
 * const generator = createOfflineGenerator();
 * const result = await collectGeneration(generator.generate(request));
 */
export function createOfflineGenerator(): AnswerGenerator {
  return {
    id: OFFLINE_GENERATOR_NAME,
    generate: (request) => generateOffline(request),
  };
}

async function* generateOffline(request: GenerationRequest): AsyncGenerator<GenerationEvent> {
  if (request.sections.length === 0) {
    throw new MentorError('internal', 'answer: the offline generator needs at least one retrieved section');
  }
  const composed =
    request.mode === 'explain' ? composeExplanation(request) : composeAnswer(request, request.query);
  let markdown = '';
  for (const part of composed.parts) {
    request.signal?.throwIfAborted();
    const text = markdown === '' ? part : `\n\n${part}`;
    markdown += text;
    yield { type: 'delta', text };
  }
  yield {
    type: 'done',
    result: {
      markdown,
      sources: composed.sources,
      followUps: followUpsFor(composed.focus, request.lookup),
      notices: [],
      provider: OFFLINE_GENERATOR_NAME,
    },
  };
}
