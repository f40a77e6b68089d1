/**
 * @module slack/render/tip-blocks — a tip of the day: its title, text, optional snippet as a code
 * block, and a "Tell me more" button that carries the playbook section to answer from.
 */
import type { KnownBlock } from '@slack/types';
import type { Tip } from '../../mentor/types.js';
import { ACTION_IDS, actions, button, section } from './block-builders.js';
import type { RenderedMessage } from './block-builders.js';
import { convertInline } from './inline-mrkdwn.js';
import { escapeMrkdwn } from './inline-tokens.js';
import { markdownToParts } from './markdown-to-mrkdwn.js';
import type { MrkdwnPart } from './markdown-to-mrkdwn.js';
import { packSections } from './section-packing.js';

export interface RenderTipOptions {
  /** Plain text shown before the title; default "Tip of the day". */
  label?: string;
}

/**
 * Renders a tip. The button's value is `tip.see` (`<playbookId>#<anchor>`) for `mentor.explain`.
 * @example renderTip(await mentor.nextTip(channel)).blocks
 */
export function renderTip(tip: Tip, options: RenderTipOptions = {}): RenderedMessage {
  const label = options.label ?? 'Tip of the day';
  const parts: MrkdwnPart[] = markdownToParts(tip.text);
  if (tip.snippet !== undefined && tip.snippet.trim() !== '') {
    parts.push({ kind: 'code', code: tip.snippet, separator: '\n\n' });
  }
  const blocks: KnownBlock[] = [
    section(`:bulb: ${escapeMrkdwn(label)} — ${convertInline(tip.title, { bold: true })}`),
    ...packSections(parts).map(section),
  ];
  if (tip.see.trim() !== '') {
    blocks.push(actions('tip', [button(ACTION_IDS.tipMore, 'Tell me more', tip.see)]));
  }
  return { text: `${escapeMrkdwn(label)}: ${escapeMrkdwn(tip.title)}`, blocks };
}
