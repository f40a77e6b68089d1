/**
 * @module slack/render/notice-blocks — the short replies that are not answers: "thinking", thanks
 * for feedback, a friendly error with its reference id (the same id is in the logs), and "slow
 * down" when rate limited.
 */
import { context, section, truncate } from './block-builders.js';
import type { RenderedMessage } from './block-builders.js';
import { escapeMrkdwn } from './inline-tokens.js';

const DEFAULT_ERROR =
  'Sorry — something went wrong on my side while answering. Please try again in a moment; if it keeps happening, share the reference below with the team that runs me.';

/**
 * A friendly error line and "ref ABC123".
 * @param referenceId - from `createReferenceId()`, logged beside the error's detail.
 * @param message - a user-safe line (e.g. a `MentorError` message meant for users); plain text.
 */
export function renderError(referenceId: string, message?: string): RenderedMessage {
  const line = escapeMrkdwn(message?.trim() || DEFAULT_ERROR);
  const reference = escapeMrkdwn(referenceId);
  return {
    text: `${line} (ref ${reference})`,
    blocks: [section(`:warning: ${line}`), context([`ref \`${reference}\``], 'error_reference')],
  };
}

/**
 * Asks the user to wait.
 * @param retryAfterMs - milliseconds until the limit resets; shown rounded up to seconds or minutes.
 */
export function renderRateLimited(retryAfterMs: number): RenderedMessage {
  const line = `You're asking faster than I can keep up — please try again in ${waitText(retryAfterMs)}.`;
  return { text: line, blocks: [section(`:hourglass_flowing_sand: ${line}`)] };
}

function waitText(retryAfterMs: number): string {
  const seconds = Number.isFinite(retryAfterMs) ? Math.max(1, Math.ceil(retryAfterMs / 1_000)) : 60;
  if (seconds < 90) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return `about ${minutes} minutes`;
}

/** Longest echo of the question in the "thinking" line, in characters. */
const QUESTION_ECHO_LENGTH = 200;

/** The immediate ephemeral reply to `/ask-node <question>` while the answer is worked on. */
export function renderThinking(question: string): RenderedMessage {
  const echo = escapeMrkdwn(truncate(question.replace(/\s+/g, ' ').trim(), QUESTION_ECHO_LENGTH));
  const line = `Thinking about “${echo}” — the answer will follow in a moment.`;
  return { text: line, blocks: [section(`:thought_balloon: ${line}`)] };
}

/** Acknowledges a 👍/👎 click (sent to the clicker only). */
export function renderFeedbackThanks(vote: 'up' | 'down'): RenderedMessage {
  const line =
    vote === 'up'
      ? 'Thanks for the 👍 — glad it helped.'
      : 'Thanks for the 👎 — noted. Ask again with more detail, or follow up in the thread, and I will try to do better.';
  return { text: line, blocks: [context([line], 'feedback_thanks')] };
}
