/**
 * @module test/support/slack-blocks — reading what the app posted: the text of Block Kit blocks and
 * the buttons in them, as a person in Slack would see and click them.
 */
import type { RecordedCall } from '../../src/playground/slack-stand-in/index.js';

export interface PostedButton {
  action_id: string;
  value?: string;
  text: string;
}

interface BlockLike {
  type?: string;
  text?: { text?: string } | string;
  elements?: BlockLike[];
  action_id?: string;
  value?: string;
}

function blocksOf(call: RecordedCall): BlockLike[] {
  const { blocks } = call.args;
  return Array.isArray(blocks) ? (blocks as BlockLike[]) : [];
}

function textOf(block: BlockLike): string {
  const own = typeof block.text === 'string' ? block.text : (block.text?.text ?? '');
  return [own, ...(block.elements ?? []).map(textOf)].filter((part) => part !== '').join('\n');
}

/** Everything a reader sees in a posted message: its blocks' text, or `text` when it has none. */
export function visibleText(call: RecordedCall): string {
  const blocks = blocksOf(call);
  return blocks.length > 0 ? blocks.map(textOf).join('\n') : String(call.args.text ?? '');
}

/** The buttons of a posted message, in order. */
export function buttonsOf(call: RecordedCall): PostedButton[] {
  const found: PostedButton[] = [];
  const visit = (block: BlockLike) => {
    if (block.type === 'button' && block.action_id) {
      found.push({ action_id: block.action_id, value: block.value, text: textOf(block) });
    }
    for (const element of block.elements ?? []) visit(element);
  };
  for (const block of blocksOf(call)) visit(block);
  return found;
}

/** The button with this action id (or id prefix, for numbered follow-ups); throws when absent. */
export function buttonOf(call: RecordedCall, actionId: string): PostedButton {
  const button = buttonsOf(call).find((candidate) => candidate.action_id.startsWith(actionId));
  if (!button) throw new Error(`no "${actionId}" button in: ${visibleText(call).slice(0, 300)}`);
  return button;
}
