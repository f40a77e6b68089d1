/**
 * @module answer/offline-explain — "Tell me more" offline: one playbook section quoted whole (code
 * blocks intact), cut at a block boundary when it is very long, plus a next step.
 */
import { createCitations, unscored } from './citations.js';
import type { ComposedAnswer } from './offline-compose.js';
import { parseBlocks } from './markdown-blocks.js';
import type { GenerationRequest } from './types.js';

/** Longest quote of one section, in characters. */
export const EXPLAIN_BUDGET_CHARS = 3_500;

/** Quotes the section in `request.sections` (its parts, in order). */
export function composeExplanation(request: GenerationRequest): ComposedAnswer {
  const [first] = request.sections;
  if (!first) throw new RangeError('composeExplanation needs the section to explain');
  const citations = createCitations();
  const chunk = first.chunk;
  const heading = chunk.headingPath.at(-1) ?? chunk.playbookTitle;
  const parts = [`**${heading}** — from _${chunk.playbookTitle}_ ${citations.cite(first)}`];

  let used = 0;
  let truncated = false;
  for (const section of request.sections) {
    for (const block of parseBlocks(section.chunk.text)) {
      const text = blockText(block);
      if (used + text.length > EXPLAIN_BUDGET_CHARS && used > 0) {
        truncated = true;
        break;
      }
      parts.push(text);
      used += text.length;
    }
    if (truncated) break;
  }
  if (truncated) parts.push(`_The rest of this section is in ${citations.cite(first)}._`);

  const playbook = request.lookup.sectionsOf(chunk.playbookId);
  const position = playbook.findIndex((candidate) => candidate.anchor === chunk.anchor);
  const next = playbook.slice(position + 1).find((candidate) => candidate.anchor !== chunk.anchor);
  if (position >= 0 && next) {
    const nextHeading = next.headingPath.at(-1) ?? next.playbookTitle;
    parts.push(`**Next step:** read _${nextHeading}_ ${citations.cite(unscored(next))}`);
  }
  return { parts, sources: citations.sources(), focus: [...request.sections] };
}

function blockText(block: ReturnType<typeof parseBlocks>[number]): string {
  switch (block.kind) {
    case 'list':
      return block.items
        .map((item, index) => (block.ordered ? `${index + 1}. ${item}` : `- ${item}`))
        .join('\n');
    default:
      return block.text;
  }
}
