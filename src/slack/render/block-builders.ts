/**
 * @module slack/render/block-builders — small typed builders for the Block Kit pieces node-mentor
 * sends, each enforcing Slack's limit for its field, and the action ids the listeners match on.
 */
import type {
  ActionsBlock,
  Button,
  ContextBlock,
  KnownBlock,
  MrkdwnElement,
  SectionBlock,
} from '@slack/types';

/** Slack's Block Kit limits, in characters unless named otherwise. */
export const BLOCK_LIMITS = {
  sectionText: 3_000,
  contextElementText: 3_000,
  /** Elements in one context block. */
  contextElements: 10,
  /** Blocks in one message. */
  blocksPerMessage: 50,
  /** Total block text per message; Slack answers `msg_blocks_too_long` somewhere above ~11,000. */
  messageText: 10_000,
  buttonText: 75,
  buttonValue: 2_000,
  /** Elements in one actions block. */
  actionElements: 25,
} as const;

/** The `action_id`s of node-mentor's buttons. Follow-ups are `ask_follow_up_<index>` (unique per message). */
export const ACTION_IDS = {
  feedbackUp: 'feedback_up',
  feedbackDown: 'feedback_down',
  askFollowUp: 'ask_follow_up',
  tipMore: 'tip_more',
} as const;

/** Matches every follow-up button's action id, for `app.action(FOLLOW_UP_ACTION_PATTERN, …)`. */
export const FOLLOW_UP_ACTION_PATTERN = /^ask_follow_up_\d+$/;

/** A message's blocks and the plain text Slack shows in notifications. */
export interface RenderedMessage {
  /** Notification / accessibility fallback; escaped for Slack. */
  text: string;
  blocks: KnownBlock[];
}

/** Cuts text to at most `maxLength` UTF-16 units, ending with '…', never inside a surrogate pair. */
export function truncate(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  let result = '';
  for (const character of text) {
    if (result.length + character.length > maxLength - 1) break;
    result += character;
  }
  return `${result}…`;
}

/**
 * A section of mrkdwn. All text is sent `verbatim`: Slack still formats it and honours explicit
 * `<url|label>` links, but does not turn words in it into mentions or links — an answer quoting
 * "@channel" must not ping anyone. Bare URLs are made explicit links by the converter.
 */
export function section(text: string): SectionBlock {
  return { type: 'section', text: mrkdwn(truncate(text, BLOCK_LIMITS.sectionText)) };
}

function mrkdwn(text: string): MrkdwnElement {
  return { type: 'mrkdwn', text, verbatim: true };
}

/** A context block of mrkdwn elements; extra elements are merged into the last allowed one. */
export function context(texts: string[], blockId?: string): ContextBlock {
  const kept = texts.slice(0, BLOCK_LIMITS.contextElements - 1);
  const rest = texts.slice(BLOCK_LIMITS.contextElements - 1);
  if (rest.length > 0) kept.push(rest.join(' · '));
  return {
    type: 'context',
    ...(blockId === undefined ? {} : { block_id: blockId }),
    elements: kept.map((text) => mrkdwn(truncate(text, BLOCK_LIMITS.contextElementText))),
  };
}

export function button(actionId: string, label: string, value: string): Button {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: truncate(label, BLOCK_LIMITS.buttonText), emoji: true },
    value: truncate(value, BLOCK_LIMITS.buttonValue),
  };
}

export function actions(blockId: string, buttons: Button[]): ActionsBlock {
  return { type: 'actions', block_id: blockId, elements: buttons.slice(0, BLOCK_LIMITS.actionElements) };
}

/** Characters of text a block shows (section and context text, button labels), for the message budget. */
export function blockTextLength(block: KnownBlock): number {
  switch (block.type) {
    case 'section':
      return block.text?.text.length ?? 0;
    case 'context':
      return block.elements.reduce(
        (total, element) => total + ('text' in element ? element.text.length : 0),
        0,
      );
    case 'actions':
      return block.elements.reduce(
        (total, element) => total + (element.type === 'button' ? element.text.text.length : 0),
        0,
      );
    case 'header':
      return block.text.text.length;
    default:
      return JSON.stringify(block).length;
  }
}
