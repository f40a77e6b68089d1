/**
 * @module playground page: inline-format — Slack mrkdwn and standard Markdown inline syntax
 * (bold, italic, strike, code, links, mentions, emoji) parsed into plain data nodes. Pure: no DOM,
 * so the renderer can build elements with textContent only and tests can run it in Node.
 */
import { emojiFor } from './emoji.js';

/** `&lt;`, `&gt;`, `&amp;` → characters, in one pass (`&amp;lt;` stays `&lt;`). */
export function decodeEntities(text) {
  return text.replace(/&(lt|gt|amp);/g, (_whole, name) => ({ lt: '<', gt: '>', amp: '&' })[name]);
}

const text = (value) => ({ type: 'text', text: decodeEntities(value) });
const styled = (type, inner, flavor) => ({ type, children: parseInline(inner, flavor) });
const bareUrl = { pattern: /https?:\/\/[^\s<>()]*[^\s<>().,;:!?'"]/g, build: (match) => link(match[0]) };
const emoji = {
  pattern: /:([a-z0-9_+-]+):/g,
  build: (match) => {
    const character = emojiFor(match[1]);
    return character ? { type: 'emoji', name: match[1], text: character } : text(match[0]);
  },
};
const inlineCode = {
  pattern: /`([^`\n]+)`/g,
  build: (match) => ({ type: 'code', text: decodeEntities(match[1]) }),
};

function link(url, children) {
  const target = decodeEntities(url);
  return { type: 'link', url: target, children: children ?? [{ type: 'text', text: target }] };
}

/** `<…>` in mrkdwn: a mention, a special mention, a date, or a link with an optional label. */
function angleToken(content) {
  const [target = '', ...rest] = content.split('|');
  const label = rest.length > 0 ? rest.join('|') : undefined;
  if (target.startsWith('@')) return { type: 'mention', kind: 'user', id: target.slice(1), label };
  if (target.startsWith('#')) return { type: 'mention', kind: 'channel', id: target.slice(1), label };
  if (target.startsWith('!subteam^')) return { type: 'mention', kind: 'group', id: target.slice(9), label };
  if (target.startsWith('!date^')) return text(label ?? target);
  if (target.startsWith('!')) return { type: 'mention', kind: 'special', id: target.slice(1), label };
  return link(target, label === undefined ? undefined : parseInline(label, 'mrkdwn'));
}

function delimited(marker, { word = true } = {}) {
  const escaped = marker.replace(/[*~]/g, '\\$&');
  const edge = marker[0] === '~' ? '~' : marker[0] === '*' ? '*' : '_';
  const before = word ? `(?<![\\w${edge === '*' ? '\\*' : edge}])` : '';
  const after = word ? `(?![\\w${edge === '*' ? '\\*' : edge}])` : '';
  return new RegExp(`${before}${escaped}(\\S(?:[^\\n]*?\\S)?)${escaped}${after}`, 'g');
}

const rules = {
  mrkdwn: [
    inlineCode,
    { pattern: /<([^<>\n]+)>/g, build: (match) => angleToken(match[1]) },
    { pattern: delimited('*'), build: (match) => styled('bold', match[1], 'mrkdwn') },
    { pattern: delimited('_'), build: (match) => styled('italic', match[1], 'mrkdwn') },
    { pattern: delimited('~'), build: (match) => styled('strike', match[1], 'mrkdwn') },
    emoji,
    bareUrl,
  ],
  markdown: [
    inlineCode,
    {
      pattern: /\[([^\]\n]+)\]\(([^)\s]+)\)/g,
      build: (match) => link(match[2], parseInline(match[1], 'markdown')),
    },
    { pattern: /<(https?:\/\/[^<>\s]+)>/g, build: (match) => link(match[1]) },
    { pattern: delimited('**', { word: false }), build: (match) => styled('bold', match[1], 'markdown') },
    { pattern: delimited('__'), build: (match) => styled('bold', match[1], 'markdown') },
    { pattern: delimited('~~', { word: false }), build: (match) => styled('strike', match[1], 'markdown') },
    { pattern: delimited('*'), build: (match) => styled('italic', match[1], 'markdown') },
    { pattern: delimited('_'), build: (match) => styled('italic', match[1], 'markdown') },
    emoji,
    bareUrl,
  ],
};

/**
 * Parses one run of inline text (no line structure) into nodes. At each point the earliest match
 * wins; on a tie, the rule listed first. Each rule's next match is cached, so long texts stay linear.
 * @param {string} source
 * @param {'mrkdwn' | 'markdown'} flavor
 */
export function parseInline(source, flavor = 'mrkdwn') {
  const active = rules[flavor].map((rule) => ({ rule, pattern: new RegExp(rule.pattern), next: undefined }));
  const nodes = [];
  let position = 0;
  while (position < source.length) {
    let best;
    for (const entry of active) {
      if (entry.next === undefined || (entry.next !== null && entry.next.index < position)) {
        entry.pattern.lastIndex = position;
        entry.next = entry.pattern.exec(source);
      }
      if (entry.next && (!best || entry.next.index < best.next.index)) best = entry;
    }
    if (!best) break;
    const match = best.next;
    if (match.index > position) nodes.push(text(source.slice(position, match.index)));
    nodes.push(best.rule.build(match));
    position = match.index + Math.max(match[0].length, 1);
  }
  if (position < source.length) nodes.push(text(source.slice(position)));
  return nodes;
}
