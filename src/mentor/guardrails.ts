/**
 * @module mentor/guardrails — what happens to a question before anything else: secrets redacted
 * (before logging or any model sees them), overlong questions trimmed, empty ones turned into a
 * usage hint, injection attempts removed or refused. Each outcome carries the notices the asker sees.
 */
import { terms } from '../retrieval/text-analysis.js';
import { checkInjection } from './injection.js';
import { redactSecrets, type SecretKind } from './secrets.js';
import type { HistoryTurn } from './types.js';

/** Longest question the mentor reads, in characters. */
export const MAX_QUESTION_CHARS = 4_000;

/** Fewer content terms than this left after removing an injection → nothing worth answering. */
const MIN_TERMS_AFTER_INJECTION = 2;
/** What is left points back at the injection ("repeat them word for word"). */
const POINTS_BACK = /\b(it|them|they|those|these|that|this)\b/i;
const STANDALONE_TERMS = 6;

export type GuardedQuestion =
  /** Nothing to answer: reply with a usage hint. */
  | { kind: 'empty'; notices: string[] }
  /** Only an injection or exfiltration attempt: decline. */
  | { kind: 'refused'; notices: string[]; secrets: SecretKind[] }
  | { kind: 'ok'; question: string; notices: string[]; secrets: SecretKind[]; injectionRemoved: boolean };

/** Runs every guardrail on a raw question, in order: redact, trim, injection. */
export function guardQuestion(raw: string): GuardedQuestion {
  const trimmed = raw.trim();
  if (trimmed === '') return { kind: 'empty', notices: [] };
  const redaction = redactSecrets(trimmed);
  const notices: string[] = [];
  if (redaction.found.length > 0) notices.push(secretNotice(redaction.found));

  let question = redaction.text;
  if (question.length > MAX_QUESTION_CHARS) {
    notices.push(
      `Your question was ${question.length.toLocaleString('en-US')} characters, so I only read the first ` +
        `${MAX_QUESTION_CHARS.toLocaleString('en-US')}. If I missed the important part, ask again with just the error and the code around it.`,
    );
    question = trimToWord(question, MAX_QUESTION_CHARS);
  }

  const injection = checkInjection(question);
  if (injection.detected && !worthAnswering(injection.remaining)) {
    return { kind: 'refused', notices, secrets: redaction.found };
  }
  if (injection.detected) {
    notices.push('I ignored the part of your message that asked me to change or reveal my instructions.');
  }
  return {
    kind: 'ok',
    question: injection.detected ? injection.remaining : question,
    notices,
    secrets: redaction.found,
    injectionRemoved: injection.detected,
  };
}

function worthAnswering(remaining: string): boolean {
  const count = terms(remaining).length;
  if (count < MIN_TERMS_AFTER_INJECTION) return false;
  return !(POINTS_BACK.test(remaining) && count < STANDALONE_TERMS);
}

/** Earlier turns with secrets redacted (they are sent to the model and may be logged). */
export function redactHistory(history: readonly HistoryTurn[]): HistoryTurn[] {
  return history.map((turn) => ({ role: turn.role, text: redactSecrets(turn.text).text }));
}

function secretNotice(kinds: readonly SecretKind[]): string {
  const [only] = kinds;
  const names =
    kinds.length === 1 && only
      ? `${/^[AEIOU]/i.test(only) ? 'an' : 'a'} ${only}`
      : `secrets (${kinds.join(', ')})`;
  return (
    `⚠️ Your message contained what looks like ${names}. I redacted it before logging or answering, ` +
    'but it is already in this conversation: rotate it now and delete the message.'
  );
}

function trimToWord(text: string, maxChars: number): string {
  const cut = text.slice(0, maxChars);
  const space = cut.lastIndexOf(' ');
  return space > maxChars * 0.9 ? cut.slice(0, space) : cut;
}
