/**
 * @module slack/render/inline-tokens — splits one line of Markdown inline text into literal pieces
 * (text, code spans, links) and emphasis delimiter runs, with CommonMark's flanking rules, so the
 * converter can pair `*`, `_` and `~` correctly and leave unpaired ones as plain characters.
 */

/** A piece rendered as is: `raw` for plain text, `mrkdwn` for Slack (already escaped). */
export interface LiteralToken {
  type: 'literal';
  raw: string;
  mrkdwn: string;
}

/** A run of `*`, `_` or `~`, before pairing. */
export interface DelimiterToken {
  type: 'delimiter';
  character: '*' | '_' | '~';
  /** Length of the run as written. */
  length: number;
  /** Characters not yet used by a pair. */
  remaining: number;
  canOpen: boolean;
  canClose: boolean;
  /** Slack only formats at word boundaries: the run is not glued to a letter or digit on that side. */
  slackCanOpen: boolean;
  slackCanClose: boolean;
}

/** A link whose label is inline Markdown of its own; only http(s) and mailto URLs become links. */
export interface LinkToken {
  type: 'link';
  /** Undefined when the URL cannot be a Slack link (relative paths, anchors): the label stays as text. */
  url: string | undefined;
  label: InlineToken[];
}

export type InlineToken = LiteralToken | DelimiterToken | LinkToken;

/** Escapes the three characters Slack reserves for its control sequences. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const PUNCTUATION = /[\p{P}\p{S}]/u;
const WHITESPACE = /\s/u;
const WORD = /[\p{L}\p{N}]/u;
const ESCAPABLE = /[!-/:-@[-`{-~]/;
const ENTITY = /^&(?:amp|lt|gt);/;
const AUTOLINK = /^<((?:https?|mailto):[^\s<>]+)>/i;
const LINKABLE = /^(?:https?:\/\/|mailto:)/i;
const BARE_URL_START = /[hHmM]/;
const BARE_URL = /^(?:https?:\/\/|mailto:)[^\s<>]+/i;

/** Tokenizes one line (no newlines) of inline Markdown. */
export function tokenizeInline(text: string): InlineToken[] {
  const tokens: InlineToken[] = [];
  let plain = '';
  const flush = () => {
    if (plain !== '') tokens.push(literal(plain));
    plain = '';
  };
  let index = 0;
  while (index < text.length) {
    const character = text[index] ?? '';
    if (character === '\\' && ESCAPABLE.test(text[index + 1] ?? '')) {
      plain += text[index + 1];
      index += 2;
      continue;
    }
    const atWordStart = index === 0 || !WORD.test(text[index - 1] ?? '');
    const piece = STARTS_PIECE.has(character)
      ? readPiece(text.slice(index))
      : atWordStart && BARE_URL_START.test(character)
        ? readBareUrl(text.slice(index))
        : undefined;
    if (piece) {
      flush();
      tokens.push(piece.token);
      index += piece.consumed;
      continue;
    }
    if (character === '*' || character === '_' || character === '~') {
      flush();
      let end = index;
      while (text[end] === character) end += 1;
      tokens.push(delimiter(character, end - index, text[index - 1], text[end]));
      index = end;
      continue;
    }
    plain += character;
    index += 1;
  }
  flush();
  return tokens;
}

const STARTS_PIECE = new Set(['`', '[', '!', '<', '&']);

function readPiece(rest: string): Piece | undefined {
  return readCode(rest) ?? readLink(rest) ?? readAutolink(rest) ?? readEntity(rest);
}

interface Piece {
  token: LiteralToken | LinkToken;
  consumed: number;
}

function readCode(rest: string): Piece | undefined {
  const opening = /^`+/.exec(rest)?.[0];
  if (!opening) return undefined;
  const closing = new RegExp(`(?<!\`)${opening}(?!\`)`, 'g');
  closing.lastIndex = opening.length;
  const match = closing.exec(rest);
  if (!match) return { token: literal(opening), consumed: opening.length };
  const written = rest.slice(opening.length, match.index);
  const code = /^ .*[^ ].* $/.test(written) ? written.slice(1, -1) : written;
  const consumed = match.index + opening.length;
  // Slack has no double-backtick span: code holding a backtick is shown as plain text instead.
  if (code.includes('`') || code.trim() === '') return { token: literal(written), consumed };
  return { token: { type: 'literal', raw: code, mrkdwn: `\`${escapeMrkdwn(code)}\`` }, consumed };
}

function readLink(rest: string): Piece | undefined {
  const image = rest.startsWith('![');
  if (!image && !rest.startsWith('[')) return undefined;
  const labelStart = image ? 2 : 1;
  const labelEnd = closingBracket(rest, labelStart);
  if (labelEnd < 0 || rest[labelEnd + 1] !== '(') return undefined;
  const destination =
    /^\(\s*(<[^<>\n]*>|(?:[^\s()]|\([^\s()]*\))*)(?:\s+("[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/.exec(
      rest.slice(labelEnd + 1),
    );
  if (!destination) return undefined;
  const url = (destination[1] ?? '').replace(/^<|>$/g, '');
  const label = tokenizeInline(rest.slice(labelStart, labelEnd));
  const consumed = labelEnd + 1 + destination[0].length;
  return { token: { type: 'link', url: LINKABLE.test(url) ? url : undefined, label }, consumed };
}

function readAutolink(rest: string): Piece | undefined {
  const match = AUTOLINK.exec(rest);
  if (!match?.[1]) return undefined;
  return { token: { type: 'link', url: match[1], label: [] }, consumed: match[0].length };
}

/**
 * A bare URL, as GFM autolinks it: trailing punctuation and an unbalanced ')' stay outside. Messages
 * are sent `verbatim`, so Slack links only what is written as a link.
 */
function readBareUrl(rest: string): Piece | undefined {
  const match = BARE_URL.exec(rest)?.[0];
  if (!match) return undefined;
  const url = trimUrl(match);
  if (!BARE_URL.test(url)) return undefined;
  return { token: { type: 'link', url, label: [] }, consumed: url.length };
}

function trimUrl(url: string): string {
  const trimmed = url.replace(/[.,;:!?'"*_~]+$/, '');
  const unbalanced = trimmed.endsWith(')') && trimmed.split(')').length > trimmed.split('(').length;
  return unbalanced ? trimUrl(trimmed.slice(0, -1)) : trimmed;
}

/** `&amp;`, `&lt;` and `&gt;` already mean one character in Markdown: keep them, do not double-escape. */
function readEntity(rest: string): Piece | undefined {
  const entity = ENTITY.exec(rest)?.[0];
  if (!entity) return undefined;
  const raw = entity === '&amp;' ? '&' : entity === '&lt;' ? '<' : '>';
  return { token: { type: 'literal', raw, mrkdwn: entity }, consumed: entity.length };
}

/** Index of the `]` closing a label that starts at `start`, skipping nested brackets and escapes. */
function closingBracket(text: string, start: number): number {
  let depth = 0;
  for (let index = start; index < text.length; index += 1) {
    const character = text[index];
    if (character === '\\') index += 1;
    else if (character === '[') depth += 1;
    else if (character === ']') {
      if (depth === 0) return index;
      depth -= 1;
    }
  }
  return -1;
}

/**
 * Plain text. A backtick outside a code span becomes 'ˋ' (U+02CB) for Slack: Slack has no escape,
 * and a stray ` or ``` would pair with real code markers and swallow the text after it.
 */
function literal(text: string): LiteralToken {
  return { type: 'literal', raw: text, mrkdwn: escapeMrkdwn(text).replace(/`/g, 'ˋ') };
}

function delimiter(
  character: '*' | '_' | '~',
  length: number,
  before: string | undefined,
  after: string | undefined,
): DelimiterToken {
  const beforeSpace = before === undefined || WHITESPACE.test(before);
  const afterSpace = after === undefined || WHITESPACE.test(after);
  const beforePunctuation = before !== undefined && PUNCTUATION.test(before);
  const afterPunctuation = after !== undefined && PUNCTUATION.test(after);
  const leftFlanking = !afterSpace && (!afterPunctuation || beforeSpace || beforePunctuation);
  const rightFlanking = !beforeSpace && (!beforePunctuation || afterSpace || afterPunctuation);
  const underscore = character === '_';
  return {
    type: 'delimiter',
    character,
    length,
    remaining: length,
    canOpen: underscore ? leftFlanking && (!rightFlanking || beforePunctuation) : leftFlanking,
    canClose: underscore ? rightFlanking && (!leftFlanking || afterPunctuation) : rightFlanking,
    slackCanOpen: before === undefined || !WORD.test(before),
    slackCanClose: after === undefined || !WORD.test(after),
  };
}
