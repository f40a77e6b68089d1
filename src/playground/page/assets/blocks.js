/**
 * @module playground page: blocks — Block Kit as Slack draws it: section (text, fields, accessory),
 * context, actions and context_actions (buttons and feedback buttons that really click), divider,
 * header, markdown, rich_text, table, image (as its alt text: the page loads nothing external).
 * `context.act(element, blockId, value)` sends a click; `context.isDisabled(key)` greys out a
 * button clicked a moment ago.
 */
import { externalLink, h, renderFormatted } from './dom.js';
import { replaceEmoji } from './emoji.js';
import { renderRichText } from './rich-text.js';

/** A text object: mrkdwn, or plain text with `:emoji:` codes. */
export function textObject(object, context) {
  if (!object || typeof object.text !== 'string') return null;
  if (object.type === 'mrkdwn') return renderFormatted(object.text, 'mrkdwn', context);
  return h(
    'span',
    { className: 'plain-text' },
    object.emoji === false ? object.text : replaceEmoji(object.text),
  );
}

const plain = (object) => (object && typeof object.text === 'string' ? replaceEmoji(object.text) : '');

function button(context, blockId, options) {
  const { actionId, value, label, title, style, url, feedback } = options;
  const key = `${context.channel}:${context.ts}:${actionId}:${value ?? ''}`;
  const disabled = context.isDisabled(key);
  return h(
    'button',
    {
      type: 'button',
      className: `block-button${style ? ` ${style}` : ''}`,
      testid: 'block-button',
      data: { actionId, value, feedback },
      title,
      disabled,
      attrs: { 'aria-label': title },
      on: {
        click: (event) => {
          const target = event.currentTarget;
          target.disabled = true;
          if (url) context.openUrl(url);
          context.act({ key, channel: context.channel, ts: context.ts, actionId, blockId, value });
        },
      },
    },
    label,
  );
}

/** One interactive element of an actions / context_actions block or a section accessory. */
function element(item, blockId, context) {
  if (!item || typeof item !== 'object') return null;
  const actionId = String(item.action_id ?? '');
  if (item.type === 'button') {
    const label = plain(item.text);
    return button(context, blockId, { actionId, value: item.value, label, style: item.style, url: item.url });
  }
  if (item.type === 'feedback_buttons') {
    return h(
      'span',
      { className: 'feedback-buttons' },
      [
        ['positive', item.positive_button],
        ['negative', item.negative_button],
      ].map(([feedback, choice]) =>
        choice
          ? button(context, blockId, {
              actionId,
              value: choice.value,
              label: plain(choice.text),
              title: choice.accessibility_label,
              feedback,
            })
          : null,
      ),
    );
  }
  if (item.type === 'icon_button') {
    const label = plain(item.text) || String(item.icon ?? 'button');
    return button(context, blockId, { actionId, value: item.value, label, title: item.accessibility_label });
  }
  if (item.type === 'image') return h('span', { className: 'image-alt' }, `🖼 ${item.alt_text ?? 'image'}`);
  const placeholder = plain(item.placeholder) || item.type;
  return h(
    'span',
    { className: 'unsupported-element', title: 'not interactive in the playground' },
    `[${placeholder}]`,
  );
}

const renderers = {
  section(block, context) {
    const fields = Array.isArray(block.fields)
      ? h(
          'div',
          { className: 'fields' },
          block.fields.map((field) => h('div', { className: 'field' }, textObject(field, context))),
        )
      : null;
    const accessory = block.accessory
      ? h('div', { className: 'accessory' }, element(block.accessory, block.block_id, context))
      : null;
    return h(
      'div',
      { className: 'block section' },
      h('div', { className: 'section-body' }, textObject(block.text, context), fields),
      accessory,
    );
  },
  context: (block, context) =>
    h(
      'div',
      { className: 'block context' },
      (block.elements ?? []).map((item) =>
        item?.type === 'image'
          ? h('span', { className: 'image-alt' }, item.alt_text ?? '')
          : textObject(item, context),
      ),
    ),
  actions: (block, context) =>
    h(
      'div',
      { className: 'block actions' },
      (block.elements ?? []).map((item) => element(item, block.block_id, context)),
    ),
  context_actions: (block, context) =>
    h(
      'div',
      { className: 'block actions context-actions' },
      (block.elements ?? []).map((item) => element(item, block.block_id, context)),
    ),
  divider: () => h('hr', { className: 'block divider' }),
  header: (block) => h('h3', { className: 'block header' }, plain(block.text)),
  markdown: (block, context) =>
    h('div', { className: 'block markdown' }, renderFormatted(String(block.text ?? ''), 'markdown', context)),
  rich_text: (block, context) => renderRichText(block, context),
  image: (block) =>
    h(
      'div',
      { className: 'block image' },
      externalLink(String(block.image_url ?? ''), `🖼 ${plain(block.title) || block.alt_text || 'image'}`),
    ),
  table(block, context) {
    const rows = Array.isArray(block.rows) ? block.rows : [];
    const cell = (value, tag) =>
      h(tag, {}, value?.type === 'rich_text' ? renderRichText(value, context) : String(value?.text ?? ''));
    return h(
      'table',
      { className: 'block table' },
      rows.map((row, index) =>
        h(
          'tr',
          {},
          (Array.isArray(row) ? row : []).map((value) => cell(value, index === 0 ? 'th' : 'td')),
        ),
      ),
    );
  },
};

/** Marks a rendered block for tests and styling: `data-testid="block"`, its type and block_id. */
function tagged(element, block) {
  element.dataset.testid = 'block';
  element.dataset.blockType = String(block.type);
  if (typeof block.block_id === 'string') element.dataset.blockId = block.block_id;
  return element;
}

/** Renders a message's blocks; unknown kinds show as a small note instead of disappearing. */
export function renderBlocks(blocks, context) {
  return h(
    'div',
    { className: 'blocks' },
    (Array.isArray(blocks) ? blocks : []).map((block) => {
      const render = block && Object.hasOwn(renderers, block.type) ? renderers[block.type] : undefined;
      if (render) return tagged(render(block, context), block);
      return h(
        'div',
        { className: 'block unsupported' },
        `[${block?.type ?? 'unknown'} block — not shown in the playground]`,
      );
    }),
  );
}
