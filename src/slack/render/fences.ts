/**
 * @module slack/render/fences — recognising fenced code block lines (``` or ~~~), shared by the
 * Markdown reader and the streaming splitter so both agree on where code starts and ends.
 */

const FENCE = /^(\s*)(`{3,}|~{3,})(.*)$/;

/** A fence opener (groups: indent, marker, info); a backtick fence's info cannot hold a backtick. */
export function openingFence(line: string): RegExpExecArray | undefined {
  const fence = FENCE.exec(line);
  if (!fence || (fence[2]?.startsWith('`') && (fence[3] ?? '').includes('`'))) return undefined;
  return fence;
}

/** True when `line` closes a fence opened with `marker` (same character, at least as long, nothing after). */
export function isClosingFence(line: string, marker: string): boolean {
  const closing = FENCE.exec(line);
  return closing?.[2]?.startsWith(marker) === true && (closing[3] ?? '').trim() === '';
}
