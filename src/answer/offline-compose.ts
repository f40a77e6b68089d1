/**
 * @module answer/offline-compose — composes the offline answer from retrieved sections: a short
 * answer first, then steps, commands and code, pitfalls and a next step, in the persona's shape.
 * Only sections of the top hit's playbook are quoted; another playbook is at most a "see also",
 * so unrelated sections are never stitched together. Shrinks detail until it fits Slack.
 */
import type { Chunk, ScoredChunk } from '../retrieval/index.js';
import { createCitations, unscored, type Citations } from './citations.js';
import {
  leadSentences,
  openingSentence,
  parseSection,
  pickPitfalls,
  pickSteps,
  rankSentences,
  type ParsedSection,
  type Steps,
} from './offline-pieces.js';
import { pickCode, pickTable } from './offline-code.js';
import { chooseSections } from './offline-select.js';
import { questionIntents } from './question-intent.js';
import { createRelevanceScorer, type RelevanceScorer } from './relevance.js';
import type { GenerationRequest } from './types.js';

/** Soft ceiling of an answer in characters; detail is dropped level by level to stay under it. */
export const ANSWER_BUDGET_CHARS = 2_400;

interface Detail {
  keyPoints: number;
  /** Longest table quoted, in characters (0: none). */
  tableChars: number;
  steps: number;
  pitfalls: number;
  codeBlocks: number;
  codeChars: number;
}

/** Everything the answer can hold; the levels after it drop detail step by step. */
const FULL_DETAIL: Detail = {
  keyPoints: 3,
  tableChars: 1_200,
  steps: 6,
  pitfalls: 2,
  codeBlocks: 2,
  codeChars: 1_800,
};
const SMALLER_DETAIL: readonly Detail[] = [
  { keyPoints: 2, tableChars: 1_000, steps: 5, pitfalls: 2, codeBlocks: 2, codeChars: 1_400 },
  { keyPoints: 2, tableChars: 800, steps: 5, pitfalls: 2, codeBlocks: 1, codeChars: 1_200 },
  { keyPoints: 1, tableChars: 600, steps: 4, pitfalls: 1, codeBlocks: 1, codeChars: 900 },
  { keyPoints: 1, tableChars: 0, steps: 3, pitfalls: 1, codeBlocks: 1, codeChars: 600 },
];

const MAX_BODY_SECTIONS = 3;
const SEE_ALSO_SHARE = 0.9;

export interface ComposedAnswer {
  /** Markdown paragraphs, in order; the answer is `parts.join('\n\n')`. */
  parts: string[];
  /** Cited sections; `sources[n - 1]` is `[n]`. */
  sources: ScoredChunk[];
  /** The sections the answer is about (not companions like pitfalls), for follow-ups. */
  focus: ScoredChunk[];
}

interface Material {
  body: ParsedSection[];
  /** The playbook's introduction: a fallback lead when the body has no quotable sentence. */
  overview: ParsedSection | undefined;
  seeAlso: ScoredChunk[];
  pitfalls: ParsedSection | undefined;
  next: ParsedSection | undefined;
  scorer: RelevanceScorer;
  unsure: string | undefined;
}

/** Composes an answer from `request.sections` (never empty). */
export function composeAnswer(request: GenerationRequest, query: string): ComposedAnswer {
  const material = gather(request, query);
  let composed = render(material, FULL_DETAIL);
  for (const detail of SMALLER_DETAIL) {
    if (composed.parts.join('\n\n').length <= ANSWER_BUDGET_CHARS) break;
    composed = render(material, detail);
  }
  return composed;
}

function gather(request: GenerationRequest, query: string): Material {
  const hits = request.sections;
  const top = hits[0];
  if (!top) throw new RangeError('composeAnswer needs at least one section');
  const scorer = createRelevanceScorer(query);
  const playbookId = top.chunk.playbookId;
  const choice = chooseSections(
    playbookId,
    hits,
    request.lookup,
    scorer,
    MAX_BODY_SECTIONS,
    questionIntents(request.question),
  );
  const topScore = Math.max(...hits.map((hit) => hit.score));
  const seeAlso = hits.filter(
    (hit, index) =>
      hit.chunk.playbookId !== playbookId &&
      hit.score >= topScore * SEE_ALSO_SHARE &&
      hits.findIndex((other) => other.chunk.playbookId === hit.chunk.playbookId) === index,
  );
  const overview = request.lookup.sectionsOf(playbookId).find((chunk) => chunk.headingPath.length === 0);
  const inBody = choice.body.some((section) => section.chunk.id === overview?.id);
  return {
    body: choice.body.map(parseSection),
    overview: overview && !inBody ? parseSection(unscored(overview)) : undefined,
    seeAlso: seeAlso.slice(0, 1),
    pitfalls: choice.pitfalls && parseSection(choice.pitfalls),
    next: choice.next && parseSection(choice.next),
    scorer,
    unsure: request.confidence === 'low' ? request.persona.unsure : undefined,
  };
}

function render(material: Material, detail: Detail): ComposedAnswer {
  const citations = createCitations();
  const parts: string[] = [];
  if (material.unsure) parts.push(`_${material.unsure.trim()}_`);
  parts.push(renderLead(material, detail, citations));

  const steps = pickSteps(material.body, material.scorer, detail.steps);
  if (steps.items.length > 0) {
    const manySections = new Set(steps.items.map((step) => step.section)).size > 1;
    const lines = steps.items.map((step, index) => {
      const citation =
        manySections || index === steps.items.length - 1 ? ` ${citations.cite(step.section)}` : '';
      return `${steps.ordered ? `${index + 1}.` : '-'} ${step.text}${citation}`;
    });
    parts.push(`**${stepsLabel(steps)}**\n${lines.join('\n')}`);
  }

  const table =
    detail.tableChars > 0 ? pickTable(material.body, material.scorer, detail.tableChars) : undefined;
  if (table)
    parts.push(
      `${table.text}\n\n_Table from ${lastHeading(table.section.chunk)}_ ${citations.cite(table.section)}`,
    );

  for (const code of pickCode(material.body, material.scorer, detail.codeBlocks, detail.codeChars)) {
    const label =
      code.intro ?? `${code.prose ? 'Commands' : 'Code'} from _${lastHeading(code.section.chunk)}_:`;
    parts.push(`${label} ${citations.cite(code.section)}\n\n${code.text}`);
  }

  const pitfalls = pickPitfalls(material.pitfalls, material.scorer, detail.pitfalls);
  if (pitfalls.length > 0 && material.pitfalls) {
    const lines = pitfalls.map((pitfall) => `- ${pitfall.text}`);
    parts.push(`**Pitfalls** ${citations.cite(material.pitfalls.section)}\n${lines.join('\n')}`);
  }

  const next = openingSentence(material.next);
  if (next) parts.push(`**Next step:** ${next.text} ${citations.cite(next.section)}`);

  for (const related of material.seeAlso) {
    parts.push(
      `_See also:_ ${related.chunk.playbookTitle} › ${lastHeading(related.chunk)} ${citations.cite(related)}`,
    );
  }
  const focus = [...material.body.map((parsed) => parsed.section), ...material.seeAlso];
  return { parts, sources: citations.sources(), focus };
}

function renderLead(material: Material, detail: Detail, citations: Citations): string {
  const ranked = rankSentences(material.body, material.scorer);
  const best = ranked[0];
  if (!best) {
    const top = material.body[0]?.section;
    return top
      ? `Here is what the playbook says about _${lastHeading(top.chunk)}_ ${citations.cite(top)}.`
      : '';
  }
  const lead = leadSentences(best, material.body);
  const sentences = [`${lead} ${citations.cite(best.section)}`];
  const threshold = Math.max(1, best.score * 0.4);
  const keyPoints = ranked
    .slice(1)
    .filter((quote) => quote.score >= threshold && !lead.includes(quote.text))
    .slice(0, detail.keyPoints);
  for (const point of keyPoints) sentences.push(`${point.text} ${citations.cite(point.section)}`);
  return sentences.join(' ');
}

function stepsLabel(steps: Steps): string {
  if (steps.ordered) return 'Steps';
  const heading = steps.items[0] ? lastHeading(steps.items[0].section.chunk) : '';
  return /symptom/i.test(heading) ? 'Symptoms' : 'Key points';
}

function lastHeading(chunk: Chunk): string {
  return chunk.headingPath.at(-1) ?? chunk.playbookTitle;
}
