/**
 * @module slack-stand-in/block-elements — finds an interactive element in a message's blocks by
 * `action_id` (actions, context_actions, section accessories, inputs) and turns a click on it into
 * the `actions[0]` entry Slack sends in a `block_actions` payload.
 */
import { isObject } from './message-factory.js';
import type { JsonObject } from './types.js';

export interface FoundElement {
  blockId: string;
  element: JsonObject;
}

function elementsOf(block: JsonObject): unknown[] {
  if (Array.isArray(block.elements) && (block.type === 'actions' || block.type === 'context_actions')) {
    return block.elements;
  }
  if (block.type === 'section') return [block.accessory];
  if (block.type === 'input') return [block.element];
  return [];
}

export function findActionElement(
  blocks: unknown[],
  actionId: string,
  blockId?: string,
): FoundElement | undefined {
  for (const block of blocks) {
    if (!isObject(block) || (blockId !== undefined && block.block_id !== blockId)) continue;
    const element = elementsOf(block).find(
      (candidate) => isObject(candidate) && candidate.action_id === actionId,
    );
    if (isObject(element)) return { blockId: String(block.block_id ?? ''), element };
  }
  return undefined;
}

/**
 * The action entry for a click. `value` overrides the element's value; for `feedback_buttons` it
 * picks the button (default: the positive one).
 */
export function actionFromElement(found: FoundElement, actionTs: string, value?: string): JsonObject {
  const { element, blockId } = found;
  const base: JsonObject = {
    action_id: element.action_id,
    block_id: blockId,
    type: element.type,
    action_ts: actionTs,
  };
  if (element.type === 'feedback_buttons') {
    const positive = isObject(element.positive_button) ? element.positive_button.value : undefined;
    return { ...base, value: value ?? positive };
  }
  const action: JsonObject = { ...base };
  if (element.text !== undefined) action.text = element.text;
  const chosen = value ?? element.value;
  if (chosen !== undefined) action.value = chosen;
  if (element.style !== undefined) action.style = element.style;
  return action;
}
