/* global document, URL */
/**
 * @module playground page: dom — the only way the page builds HTML: `h()` creates elements and
 * text nodes (never innerHTML), and `renderFormatted()` turns parsed mrkdwn/Markdown nodes into
 * elements, so whatever a message contains, `<script>` included, is shown as text.
 */
import { parseFormatted } from './text-format.js';

/**
 * Creates an element. `props`: `className`, `testid` (→ data-testid), `data` (dataset), `attrs`,
 * `title`, `disabled`, `type`, `on` (event listeners). Children: nodes, strings (as text), arrays;
 * null, undefined and false are skipped.
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  const { className, testid, data, attrs, on, ...rest } = props;
  if (className) element.className = className;
  if (testid) element.dataset.testid = testid;
  for (const [key, value] of Object.entries(data ?? {}))
    if (value !== undefined) element.dataset[key] = String(value);
  for (const [key, value] of Object.entries(attrs ?? {}))
    if (value !== undefined) element.setAttribute(key, String(value));
  for (const [key, value] of Object.entries(rest)) if (value !== undefined) element[key] = value;
  for (const [event, listener] of Object.entries(on ?? {})) element.addEventListener(event, listener);
  append(element, children);
  return element;
}

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return parent;
}

/** The URL when it is http(s) or mailto, else undefined (no `javascript:` links). */
export function safeUrl(url) {
  try {
    const parsed = new URL(url);
    return ['http:', 'https:', 'mailto:'].includes(parsed.protocol) ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** A link that opens outside the page, or plain text when the URL is not safe. */
export function externalLink(url, children, className) {
  const href = safeUrl(url);
  if (!href) return h('span', { className }, children);
  return h('a', { className, href, target: '_blank', rel: 'noopener noreferrer' }, children);
}

/** Renders inline nodes. `context.userName(id)` / `context.channelName(id)` label mentions. */
export function renderInline(nodes, context) {
  return nodes.map((node) => {
    switch (node.type) {
      case 'text':
      case 'emoji':
        return node.text;
      case 'break':
        return h('br');
      case 'bold':
        return h('strong', {}, renderInline(node.children, context));
      case 'italic':
        return h('em', {}, renderInline(node.children, context));
      case 'strike':
        return h('s', {}, renderInline(node.children, context));
      case 'code':
        return h('code', { className: 'inline-code' }, node.text);
      case 'link':
        return externalLink(node.url, renderInline(node.children, context));
      case 'mention':
        return mention(node, context);
      default:
        return '';
    }
  });
}

function mention(node, context) {
  if (node.kind === 'user')
    return h('span', { className: 'mention' }, `@${node.label ?? context.handle(node.id)}`);
  if (node.kind === 'channel')
    return h('span', { className: 'mention' }, `#${node.label ?? context.channelName(node.id)}`);
  if (node.kind === 'group') return h('span', { className: 'mention' }, node.label ?? `@${node.id}`);
  return h('span', { className: 'mention special' }, `@${node.label ?? node.id}`);
}

/** Renders parsed block nodes (see text-format.js). */
export function renderBlockNodes(blocks, context) {
  return blocks.map((block) => {
    switch (block.type) {
      case 'paragraph':
        return h('p', {}, renderInline(block.children, context));
      case 'heading':
        return h(
          `h${Math.min(block.level + 2, 6)}`,
          { className: 'md-heading' },
          renderInline(block.children, context),
        );
      case 'code_block':
        return h('pre', { className: 'code-block' }, h('code', {}, block.text));
      case 'quote':
        return h('blockquote', {}, renderBlockNodes(block.children, context));
      case 'rule':
        return h('hr');
      case 'list':
        return h(
          block.ordered ? 'ol' : 'ul',
          {},
          block.items.map((item) =>
            h('li', { className: `depth-${item.depth}` }, renderInline(item.children, context)),
          ),
        );
      default:
        return '';
    }
  });
}

/** Parses and renders a text: `mrkdwn` (Slack) or `markdown` (standard). */
export function renderFormatted(text, flavor, context) {
  return h(
    'div',
    { className: `formatted ${flavor}` },
    renderBlockNodes(parseFormatted(text ?? '', flavor), context),
  );
}
