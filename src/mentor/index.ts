/**
 * @module mentor — the composition of the mentor core from config: persona, knowledge base,
 * answer generator and tips, wired into one `MentorService`.
 */
import path from 'node:path';
import { createAnswerGenerator } from '../answer/index.js';
import type { Config } from '../config/index.js';
import {
  configuredKnowledgeOptions,
  formatProblem,
  openKnowledgeBase,
  type KnowledgeBase,
} from '../retrieval/index.js';
import type { MentorLogger } from './ask-pipeline.js';
import { createMentor } from './create-mentor.js';
import { loadPersona, type Persona } from './persona.js';
import { loadTips } from './tips.js';
import type { KeyValueState, MentorService } from './types.js';

export interface MentorFromConfigOptions {
  /** Where the tip rotation persists (a runtime state store). */
  state: KeyValueState;
  logger?: MentorLogger;
  /** Progress of the first indexing run, e.g. for a CLI progress bar. */
  onProgress?: (progress: { embedded: number; toEmbed: number }) => void;
}

export interface ConfiguredMentor extends MentorService {
  /** The loaded persona, including its system prompt (never show it to users). */
  readonly personaDefinition: Persona;
  readonly knowledgeBase: KnowledgeBase;
}

/**
 * Loads the persona, opens (and if needed builds) the index in `<MENTOR_DATA_DIR>/index`, loads
 * the tips and builds the configured answer generator. Bad playbooks and tips are logged and
 * skipped; a bad persona or an empty knowledge base throws a `MentorError`.
 *
 * @example const mentor = await createMentorFromConfig(config, { state, logger });
 */
export async function createMentorFromConfig(
  config: Readonly<Config>,
  options: MentorFromConfigOptions,
): Promise<ConfiguredMentor> {
  const { logger } = options;
  const persona = await loadPersona(config.personasDir, config.persona);
  const knowledgeBase = await openKnowledgeBase(
    await configuredKnowledgeOptions(config, {
      onProgress: options.onProgress,
      onWarning: (message: string) => logger?.warn({}, message),
    }),
  );
  for (const problem of knowledgeBase.problems) {
    logger?.warn({ problem: formatProblem(problem) }, 'knowledge: a playbook was left out');
  }
  const { tips, problems } = await loadTips(path.join(config.knowledgeDir, 'tips'));
  for (const problem of problems)
    logger?.warn({ problem: formatProblem(problem) }, 'knowledge: a tip was left out');
  const generator = await createAnswerGenerator(config, {
    onEvent: (event) => logger?.warn({ detail: event.detail }, `answer: model ${event.type}`),
  });
  const mentor = createMentor({
    persona,
    knowledge: knowledgeBase,
    generator,
    tips,
    state: options.state,
    topK: config.retrieval.topK,
    logger,
  });
  return Object.assign(mentor, { personaDefinition: persona, knowledgeBase });
}

export { createMentor, createSectionLookup, type CreateMentorOptions } from './create-mentor.js';
export { loadPersona, parsePersona, type Persona } from './persona.js';
export { guardQuestion, redactHistory, MAX_QUESTION_CHARS, type GuardedQuestion } from './guardrails.js';
export { redactSecrets, type SecretKind } from './secrets.js';
export { condenseFollowUp, isFollowUp } from './condense.js';
export type { MentorLogger } from './ask-pipeline.js';
export type * from './types.js';
