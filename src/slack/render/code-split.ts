/**
 * @module slack/render/code-split — cuts a code block too long for one message into pieces at line
 * ends (a single overlong line at a character), so each piece can be fenced on its own. The cost
 * function says how long a character becomes once written out (e.g. `&` → `&amp;` in mrkdwn).
 */

/** How many characters one character costs once written (escaping makes some longer). */
export type CharacterCost = (character: string) => number;

/** Plain length: one per UTF-16 unit, so a surrogate pair costs 2, as `String#length` counts. */
export const plainCost: CharacterCost = (character) => character.length;

/**
 * Splits `code` into chunks whose written cost (line breaks included) is at most `budget`.
 * Joining the chunks with '\n' gives back `code` when every line fits; an overlong line is cut at
 * a code point, never inside a surrogate pair.
 * @example splitCode('a\nb\nc', 3) // ['a\nb', 'c']
 */
export function splitCode(code: string, budget: number, cost: CharacterCost = plainCost): string[] {
  if (budget < 2) throw new RangeError(`render: a code chunk budget of ${budget} cannot hold any code`);
  const chunks: string[] = [];
  let current: string[] = [];
  let currentCost = 0;
  const flush = () => {
    if (current.length > 0) chunks.push(current.join('\n'));
    current = [];
    currentCost = 0;
  };
  for (const line of code.split('\n')) {
    for (const piece of cutLine(line, budget, cost)) {
      const pieceCost = costOf(piece, cost);
      const added = current.length === 0 ? pieceCost : currentCost + 1 + pieceCost;
      if (added > budget) flush();
      currentCost = current.length === 0 ? pieceCost : currentCost + 1 + pieceCost;
      current.push(piece);
    }
  }
  flush();
  return chunks;
}

function cutLine(line: string, budget: number, cost: CharacterCost): string[] {
  if (costOf(line, cost) <= budget) return [line];
  const pieces: string[] = [];
  let piece = '';
  let pieceCost = 0;
  for (const character of line) {
    const characterCost = cost(character);
    if (pieceCost + characterCost > budget && piece !== '') {
      pieces.push(piece);
      piece = '';
      pieceCost = 0;
    }
    piece += character;
    pieceCost += characterCost;
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
}

export function costOf(text: string, cost: CharacterCost): number {
  let total = 0;
  for (const character of text) total += cost(character);
  return total;
}
