/**
 * @module slack/render — pure functions from mentor results to Slack messages: Markdown → mrkdwn,
 * Block Kit within Slack's limits, and chunks for chat streaming. No I/O.
 */
export { renderAnswer, answerReference } from './answer-blocks.js';
export type { RenderAnswerOptions, RenderedAnswer } from './answer-blocks.js';
export {
  ACTION_IDS,
  BLOCK_LIMITS,
  FOLLOW_UP_ACTION_PATTERN,
  blockTextLength,
  truncate,
} from './block-builders.js';
export type { RenderedMessage } from './block-builders.js';
export { renderHelp, renderTopics } from './info-blocks.js';
export { convertInline, inlineToPlainText } from './inline-mrkdwn.js';
export { escapeMrkdwn } from './inline-tokens.js';
export { fenceCode, markdownToMrkdwn, markdownToParts } from './markdown-to-mrkdwn.js';
export type { MrkdwnPart } from './markdown-to-mrkdwn.js';
export { renderError, renderFeedbackThanks, renderRateLimited, renderThinking } from './notice-blocks.js';
export { fallbackText } from './plain-text.js';
export { SECTION_TEXT_LIMIT, packSections } from './section-packing.js';
export { STREAM_TEXT_LIMIT, splitForStreaming } from './stream-chunks.js';
export { renderTip } from './tip-blocks.js';
export type { RenderTipOptions } from './tip-blocks.js';
