/**
 * @module playground page: rich-text — Block Kit `rich_text` blocks (sections, lists, preformatted,
 * quotes; text with styles, links, mentions, emoji) rendered with `h()`. The stand-in builds
 * people's rich_text from the escaped message text, so text runs are entity-decoded.
 */
import { externalLink, h } from './dom.js';
import { emojiFor } from './emoji.js';
import { decodeEntities } from './inline-format.js';

function styled(node, style) {
  let result = node;
  if (style?.code) result = h('code', { className: 'inline-code' }, result);
  if (style?.bold) result = h('strong', {}, result);
  if (style?.italic) result = h('em', {}, result);
  if (style?.strike) result = h('s', {}, result);
  return result;
}

function inlineElement(element, context) {
  switch (element?.type) {
    case 'text':
      return styled(decodeEntities(String(element.text ?? '')), element.style);
    case 'link':
      return styled(
        externalLink(String(element.url ?? ''), decodeEntities(String(element.text ?? element.url ?? ''))),
        element.style,
      );
    case 'user':
      return h('span', { className: 'mention' }, `@${context.handle(String(element.user_id))}`);
    case 'channel':
      return h('span', { className: 'mention' }, `#${context.channelName(String(element.channel_id))}`);
    case 'usergroup':
      return h('span', { className: 'mention' }, `@${String(element.usergroup_id)}`);
    case 'broadcast':
      return h('span', { className: 'mention special' }, `@${String(element.range)}`);
    case 'emoji':
      return element.unicode
        ? String.fromCodePoint(
            ...String(element.unicode)
              .split('-')
              .map((code) => Number.parseInt(code, 16)),
          )
        : (emojiFor(String(element.name)) ?? `:${String(element.name)}:`);
    case 'date':
      return String(element.fallback ?? element.timestamp ?? '');
    case 'color':
      return String(element.value ?? '');
    default:
      return '';
  }
}

/** Inline runs keep their newlines as line breaks. */
function inlineElements(elements, context) {
  return (Array.isArray(elements) ? elements : []).flatMap((element) => {
    const node = inlineElement(element, context);
    if (typeof node !== 'string' || !node.includes('\n')) return [node];
    return node.split('\n').flatMap((part, index) => (index === 0 ? [part] : [h('br'), part]));
  });
}

function richElement(element, context) {
  switch (element?.type) {
    case 'rich_text_section':
      return h('div', { className: 'rich-section' }, inlineElements(element.elements, context));
    case 'rich_text_preformatted':
      return h('pre', { className: 'code-block' }, h('code', {}, inlineElements(element.elements, context)));
    case 'rich_text_quote':
      return h('blockquote', {}, inlineElements(element.elements, context));
    case 'rich_text_list':
      return h(
        element.style === 'ordered' ? 'ol' : 'ul',
        { className: `depth-${Number(element.indent ?? 0)}` },
        (element.elements ?? []).map((item) => h('li', {}, inlineElements(item?.elements, context))),
      );
    default:
      return '';
  }
}

/** Renders a `rich_text` block. */
export function renderRichText(block, context) {
  const elements = Array.isArray(block.elements) ? block.elements : [];
  return h(
    'div',
    { className: 'block rich-text' },
    elements.map((element) => richElement(element, context)),
  );
}
