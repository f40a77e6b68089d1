/**
 * @module answer/follow-up-questions — turns playbook headings into questions the asker could send
 * next ("Take a heap snapshot" → "How do I take a heap snapshot?"), picked from the sections around
 * the ones an answer used. Deterministic, so both drivers offer the same follow-ups.
 */
import type { Chunk, ScoredChunk } from '../retrieval/index.js';
import type { SectionLookup } from './types.js';

const IMPERATIVE = new Set(
  (
    'add adopt apply attach authenticate avoid batch benchmark bound build bundle cache capture catch check choose ' +
    'close compare configure confirm connect control debug decide define deploy design detect diagnose document ' +
    'drain draw drop enable find fix give guard handle harden hash implement initialize instrument invalidate ' +
    'isolate keep limit lint load lock log make manage measure migrate mock monitor move offload optimize ' +
    'paginate pick pin plan prefer prevent profile propagate protect read record redact reduce release ' +
    'remove reproduce respond retry reuse review roll rotate run scale secure send serve set share shut sign ' +
    'size split start stop store stream structure take test throttle tune turn upgrade use validate verify ' +
    'version wait warm watch write'
  ).split(' '),
);

/** "Take a heap snapshot" → "How do I take a heap snapshot?"; undefined for headings that make no question. */
export function headingToQuestion(heading: string): string | undefined {
  const text = heading.replace(/^step\s*\d+\s*[:.)-]?\s*/i, '').trim();
  if (text.length < 4) return undefined;
  const [first = '', ...rest] = text.split(/\s+/);
  const lower = first.toLowerCase();
  const tail = rest.join(' ');
  if (/pitfalls?|mistakes|gotchas/i.test(text)) return undefined;
  if (lower === 'symptoms') return `What are the symptoms ${tail}?`;
  if (lower === 'when' && /^to\s/i.test(tail)) return `When should I ${tail.replace(/^to\s+/i, '')}?`;
  if (lower === 'how' && /^to\s/i.test(tail)) return `How do I ${tail.replace(/^to\s+/i, '')}?`;
  if (lower === 'how' || lower === 'why' || lower === 'what') return `Can you explain ${decapitalize(text)}?`;
  if (/\b(vs\.?|versus)\b|\bor\b/i.test(text) && !IMPERATIVE.has(lower))
    return `How do I choose between ${decapitalize(text).replace(/\s+(vs\.?|versus|or)\s+/i, ' and ')}?`;
  if (
    IMPERATIVE.has(lower) ||
    ((lower === 'always' || lower === 'never') && IMPERATIVE.has(rest[0]?.toLowerCase() ?? ''))
  ) {
    return `How do I ${decapitalize(text)}?`;
  }
  return `Can you tell me more about ${decapitalize(text)}?`;
}

/**
 * Up to `count` follow-ups: the next unused sections of the primary playbook (`used[0]`) in
 * document order, interleaved with the sections of other playbooks among `used` (related reading).
 */
export function followUpsFor(used: readonly ScoredChunk[], lookup: SectionLookup, count = 3): string[] {
  const primary = used[0]?.chunk;
  if (!primary) return [];
  const isPrimary = (chunk: Chunk) => chunk.playbookId === primary.playbookId;
  const usedAnchors = new Set(used.filter(({ chunk }) => isPrimary(chunk)).map(({ chunk }) => chunk.anchor));
  const sections = lookup.sectionsOf(primary.playbookId);
  const position = Math.max(
    0,
    sections.findIndex((chunk) => chunk.anchor === primary.anchor),
  );
  const nearby = [...sections.slice(position + 1), ...sections.slice(0, position)].filter(
    (chunk) => !usedAnchors.has(chunk.anchor),
  );
  const related = used.map(({ chunk }) => chunk).filter((chunk) => !isPrimary(chunk));
  const questions = new Set<string>();
  const candidates = interleave(nearby.map(questionFor), related.map(questionFor));
  for (const question of candidates) {
    if (question) questions.add(question);
    if (questions.size >= count) break;
  }
  return [...questions];
}

function questionFor(chunk: Chunk): string | undefined {
  return chunk.headingPath.length === 0 ? undefined : headingToQuestion(chunk.headingPath.at(-1) ?? '');
}

function interleave<T>(first: readonly T[], second: readonly T[]): T[] {
  const result: T[] = [];
  for (let index = 0; index < Math.max(first.length, second.length); index += 1) {
    result.push(...first.slice(index, index + 1), ...second.slice(index, index + 1));
  }
  return result;
}

/** Lowercases a capitalised first word ("Take" → "take") but not a name ("PgBouncer", "ESLint"). */
function decapitalize(text: string): string {
  return /^[A-Z][a-z]*(\s|$)/.test(text) ? text[0]?.toLowerCase() + text.slice(1) : text;
}
