/**
 * @module slack/failure-reply — one way to fail in front of a user: a friendly line with a short
 * reference id in Slack, the detail with the same id in the logs, and an error metric.
 */
import { createReferenceId, toMentorError, type MentorErrorCode } from '../errors.js';
import type { SlackDeps } from './deps.js';
import { renderError } from './render/index.js';

const USER_MESSAGES: Partial<Record<MentorErrorCode, string>> = {
  queue_unavailable: "I'm temporarily unavailable. Please try again in a minute.",
  state_unavailable: "I'm temporarily unavailable. Please try again in a minute.",
  index_unavailable: "My knowledge base isn't loaded yet. Please try again shortly.",
  provider_unavailable: "The answer engine isn't responding right now. Please try again in a minute.",
};

export interface FailureReply {
  text: string;
  blocks: ReturnType<typeof renderError>['blocks'];
  referenceId: string;
}

/** Logs `error` with a fresh reference id and returns the message to show the user. */
export function describeFailure(
  deps: Pick<SlackDeps, 'logger' | 'metrics'>,
  error: unknown,
  where: string,
): FailureReply {
  const mentorError = toMentorError(error);
  const referenceId = createReferenceId();
  deps.logger.error({ err: mentorError, code: mentorError.code, referenceId, where }, `${where} failed`);
  deps.metrics.errors.inc({ code: mentorError.code });
  return { ...renderError(referenceId, USER_MESSAGES[mentorError.code]), referenceId };
}
