/**
 * @module slack/render/answer-blocks — an `Answer` as one or more Slack messages: notices on top,
 * the answer in sections (split within Block Kit limits, never inside a code block), then sources,
 * follow-up buttons and 👍/👎 buttons on the last message only.
 */
import { createHash } from 'node:crypto';
import type { Button, KnownBlock } from '@slack/types';
import type { Answer, AnswerSource } from '../../mentor/types.js';
import {
  ACTION_IDS,
  BLOCK_LIMITS,
  actions,
  blockTextLength,
  button,
  context,
  section,
  truncate,
} from './block-builders.js';
import { convertInline } from './inline-mrkdwn.js';
import { escapeMrkdwn } from './inline-tokens.js';
import { markdownToParts } from './markdown-to-mrkdwn.js';
import { fallbackText } from './plain-text.js';
import { packSections } from './section-packing.js';

export interface RenderAnswerOptions {
  /** Carried by the feedback buttons to tie a vote to its answer; defaults to a hash of the answer. */
  questionRef?: string;
  /**
   * Slack user id of the asker: the first message then opens with "@asker asked: question" (for
   * `/ask-node`, whose answer is posted as a new channel message).
   */
  askedBy?: string;
  /** 👍/👎 buttons on the last message; default true. */
  showFeedback?: boolean;
  /** Follow-up question buttons on the last message; default true. */
  showFollowUps?: boolean;
  /**
   * Only the notices, sources and buttons, in one message (no answer text): to close a streamed
   * answer (`chat.stopStream({ blocks })`), whose text Slack already shows. No message when all are empty.
   */
  footerOnly?: boolean;
}

export interface RenderedAnswer {
  /** Plain fallback for notifications, escaped for Slack. */
  text: string;
  /** Messages to post in order (usually one); buttons are on the last. */
  messages: KnownBlock[][];
}

/** Most follow-up buttons shown under an answer. */
const MAX_FOLLOW_UPS = 5;
/** Budget for the notices and the sources context blocks, in characters each. */
const CONTEXT_BUDGET = 2_000;
/** Longest notice or source entry, in characters of Markdown before escaping. */
const ENTRY_LENGTH = 300;

/**
 * Renders an answer for Slack.
 * @example
 * const { text, messages } = renderAnswer(answer, { showFeedback: true, showFollowUps: true });
 * for (const blocks of messages) await client.chat.postMessage({ channel, thread_ts, text, blocks });
 */
export function renderAnswer(answer: Answer, options: RenderAnswerOptions): RenderedAnswer {
  const header: KnownBlock[] = [];
  if (options.askedBy !== undefined) header.push(questionBlock(options.askedBy, answer.question));
  if (answer.notices.length > 0) header.push(noticesBlock(answer.notices));
  const footer: KnownBlock[] = [];
  if (answer.sources.length > 0) footer.push(sourcesBlock(answer.sources));
  if (options.showFollowUps !== false && answer.followUps.length > 0) {
    footer.push(followUpsBlock(answer.followUps));
  }
  if (options.showFeedback !== false) {
    footer.push(feedbackBlock(options.questionRef ?? answerReference(answer)));
  }
  const text = fallbackText(answer.markdown);
  if (options.footerOnly) {
    const blocks = [...header, ...footer];
    return { text, messages: blocks.length > 0 ? [blocks] : [] };
  }
  const sections = packSections(markdownToParts(answer.markdown)).map(section);
  if (sections.length === 0) sections.push(section('_(The answer came back empty.)_'));
  return { text, messages: packMessages(header, sections, footer) };
}

/** A short, stable reference for an answer (12 characters), when the caller gave none. */
export function answerReference(answer: Pick<Answer, 'question' | 'markdown'>): string {
  return createHash('sha256')
    .update(`${answer.question}\n${answer.markdown}`)
    .digest('base64url')
    .slice(0, 12);
}

interface Draft {
  blocks: KnownBlock[];
  length: number;
}

function packMessages(header: KnownBlock[], sections: KnownBlock[], footer: KnownBlock[]): KnownBlock[][] {
  const drafts: Draft[] = [draftOf(header)];
  for (const block of sections) {
    const current = drafts.at(-1) ?? draftOf([]);
    if (!fits(current, [block]) && current.blocks.some((candidate) => candidate.type === 'section')) {
      drafts.push(draftOf([block]));
    } else {
      current.blocks.push(block);
      current.length += blockTextLength(block);
    }
  }
  const last = drafts.at(-1) ?? draftOf([]);
  if (!fits(last, footer)) {
    const moved = last.blocks.pop();
    drafts.push(draftOf(moved ? [moved] : []));
  }
  drafts.at(-1)?.blocks.push(...footer);
  return drafts.map((draft) => draft.blocks);
}

function draftOf(blocks: KnownBlock[]): Draft {
  return { blocks: [...blocks], length: blocks.reduce((total, block) => total + blockTextLength(block), 0) };
}

function fits(draft: Draft, added: KnownBlock[]): boolean {
  const length = draft.length + added.reduce((total, block) => total + blockTextLength(block), 0);
  return (
    draft.blocks.length + added.length <= BLOCK_LIMITS.blocksPerMessage && length <= BLOCK_LIMITS.messageText
  );
}

/** Longest echo of the question above an answer, in characters. */
const QUESTION_LENGTH = 500;

function questionBlock(askedBy: string, question: string): KnownBlock {
  const asker = /^[UW][A-Z0-9]{2,}$/.test(askedBy) ? `<@${askedBy}>` : escapeMrkdwn(askedBy);
  const echo = escapeMrkdwn(truncate(question.replace(/\s+/g, ' ').trim(), QUESTION_LENGTH));
  return section(`${asker} asked: “${echo}”`);
}

function noticesBlock(notices: string[]): KnownBlock {
  const texts = notices.map(
    (notice) => `:information_source: ${convertInline(truncate(notice, ENTRY_LENGTH))}`,
  );
  return context(withinBudget(texts, BLOCK_LIMITS.contextElements - 1), 'notices');
}

function sourcesBlock(sources: AnswerSource[]): KnownBlock {
  const unique = new Map<string, string>();
  for (const [index, source] of sources.entries()) {
    const place = [source.title, source.heading].filter((part) => part.trim() !== '').join(' › ');
    const key = `${source.path}#${source.heading}`;
    const path = escapeMrkdwn(truncate(source.path, ENTRY_LENGTH));
    // Numbered as the answer cites them: [n] is the n-th source.
    const entry = `[${index + 1}] ${escapeMrkdwn(truncate(place, ENTRY_LENGTH))} (\`${path}\`)`;
    if (!unique.has(key)) unique.set(key, entry);
  }
  return context(
    [':books: *Sources*', ...withinBudget([...unique.values()], BLOCK_LIMITS.contextElements - 2)],
    'sources',
  );
}

/** The entries that fit `CONTEXT_BUDGET` characters and `maxEntries`, then "+N more" for the rest. */
function withinBudget(entries: string[], maxEntries: number): string[] {
  const kept: string[] = [];
  let length = 0;
  for (const entry of entries) {
    if (length + entry.length > CONTEXT_BUDGET || kept.length === maxEntries) break;
    kept.push(entry);
    length += entry.length;
  }
  if (kept.length < entries.length) kept.push(`+${entries.length - kept.length} more`);
  return kept;
}

function followUpsBlock(followUps: string[]): KnownBlock {
  const buttons: Button[] = followUps
    .slice(0, MAX_FOLLOW_UPS)
    .map((question, index) => button(`${ACTION_IDS.askFollowUp}_${index}`, question, question));
  return actions('follow_ups', buttons);
}

function feedbackBlock(reference: string): KnownBlock {
  return actions('feedback', [
    button(ACTION_IDS.feedbackUp, '👍 Helpful', reference),
    button(ACTION_IDS.feedbackDown, '👎 Not helpful', reference),
  ]);
}
