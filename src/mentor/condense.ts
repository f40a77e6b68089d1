/**
 * @module mentor/condense — makes a follow-up retrievable on its own. "And how do I fix it?" says
 * nothing about memory; the thread does. Offline, a heuristic carries the subject of the earlier
 * turns into the query; an LLM generator can do better with its `condense` step.
 */
import { terms } from '../retrieval/text-analysis.js';
import type { HistoryTurn } from './types.js';

const FOLLOW_UP_OPENING =
  /^(and|but|so|also|or|then|ok(ay)?|what about|how about|what if|same|and if|is that|does that)\b/i;
const REFERS_BACK = /\b(it|its|it's|this|that|these|those|they|them|there|the same|one|instead)\b/i;
/** A question with at least this many content terms and no reference back stands on its own. */
const STANDALONE_TERMS = 6;
/** Enough subject carried over once the added turns hold this many content terms. */
const SUBJECT_TERMS = 4;
const MAX_TURN_CHARS = 300;

/**
 * True when a question outside any thread only points at something ("how do I fix it?"): there
 * is nothing to retrieve for, so the mentor asks what "it" is instead of guessing.
 */
export function lacksSubject(question: string): boolean {
  return /\b(it|this|that|these|those|them)\b/i.test(question) && terms(question).length <= 1;
}

/** True when `question` leans on the thread ("and how do I fix it?"). */
export function isFollowUp(question: string): boolean {
  const count = terms(question).length;
  if (count <= 2) return true;
  if (FOLLOW_UP_OPENING.test(question.trim())) return true;
  return REFERS_BACK.test(question) && count < STANDALONE_TERMS;
}

/**
 * The retrieval query for `question` in a thread: the question itself when it stands alone,
 * otherwise the question followed by the subject of the latest turns (user turns, plus the
 * opening of the last answer).
 *
 * @example condenseFollowUp('and how do I fix it?', [{ role: 'user', text: 'memory leak in prod' }])
 * // 'and how do I fix it? (memory leak in prod)'
 */
export function condenseFollowUp(question: string, history: readonly HistoryTurn[]): string {
  if (history.length === 0 || !isFollowUp(question)) return question;
  const subject: string[] = [];
  let collected = 0;
  const lastAnswer = [...history].reverse().find((turn) => turn.role === 'assistant');
  for (const turn of [...history].reverse()) {
    if (turn.role !== 'user' || turn.text.trim() === '') continue;
    subject.unshift(clip(turn.text, MAX_TURN_CHARS));
    collected += terms(turn.text).length;
    if (collected >= SUBJECT_TERMS) break;
  }
  if (lastAnswer) subject.push(clip(firstSentence(lastAnswer.text), 200));
  const context = subject.filter(Boolean).join(' ');
  return context === '' ? question : `${question.trim()} (${context})`;
}

function firstSentence(text: string): string {
  return text.trim().split(/(?<=[.?!])\s+/)[0] ?? '';
}

function clip(text: string, maxChars: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= maxChars ? flat : flat.slice(0, flat.lastIndexOf(' ', maxChars));
}
