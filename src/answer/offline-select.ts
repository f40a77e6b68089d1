/**
 * @module answer/offline-select — which sections an offline answer quotes. The playbook is the top
 * hit's (retrieval already weighs topic support); within it, sections are ranked by retrieval score
 * plus how many of the question's terms their heading and text contain, so the "Dockerfile" section
 * wins a Dockerfile question even if search ranked the playbook's overview first.
 */
import type { Chunk, ScoredChunk } from '../retrieval/index.js';
import { unscored } from './citations.js';
import { intentBonus, type QuestionIntent } from './question-intent.js';
import type { RelevanceScorer } from './relevance.js';
import type { SectionLookup } from './types.js';

export const PITFALLS_HEADING = /pitfall|mistake|gotcha|anti-?pattern/i;
export const VERIFY_HEADING = /\b(verify|validate|confirm)\b/i;

export interface SectionChoice {
  /** Sections to quote, best first (never the overview unless nothing else matches, never pitfalls). */
  body: ScoredChunk[];
  /** The playbook's pitfalls section, when it is not in the body. */
  pitfalls: ScoredChunk | undefined;
  /** A verify section, else the next section after the best one: the answer's next step. */
  next: ScoredChunk | undefined;
}

/** Ranks the sections of `playbookId` for the question and picks the body, pitfalls and next step. */
export function chooseSections(
  playbookId: string,
  hits: readonly ScoredChunk[],
  lookup: SectionLookup,
  scorer: RelevanceScorer,
  maxBody: number,
  intents: readonly QuestionIntent[] = ['general'],
): SectionChoice {
  const sections = mergeParts(lookup.sectionsOf(playbookId), hits);
  const topScore = Math.max(...hits.map((hit) => hit.score), Number.EPSILON);
  const retrieved = new Map(hits.map((hit) => [hit.chunk.id, hit]));
  const ranked = sections
    .map((chunk, order) => {
      const hit = retrieved.get(chunk.id);
      const heading = chunk.headingPath.at(-1) ?? '';
      const rank =
        2 * ((hit?.score ?? 0) / topScore) + scorer.score(heading) + 0.5 * scorer.score(chunk.text) ** 0.5;
      return {
        section: hit ?? unscored(chunk),
        rank,
        order,
        overview: chunk.headingPath.length === 0,
        heading,
      };
    })
    .filter((entry) => entry.rank > 0);
  ranked.sort((left, right) => right.rank - left.rank || left.order - right.order);
  const candidates = ranked.filter((entry) => !entry.overview && !PITFALLS_HEADING.test(entry.heading));
  const body = (candidates.length > 0 ? candidates : ranked).slice(0, maxBody).map((entry) => entry.section);
  if (body.length === 0 && hits[0]) body.push(hits[0]);

  const inBody = new Set(body.map((section) => section.chunk.anchor));
  const find = (test: (chunk: Chunk) => boolean) =>
    sections.find((chunk) => !inBody.has(chunk.anchor) && test(chunk));
  const pitfalls = find((chunk) => PITFALLS_HEADING.test(chunk.headingPath.at(-1) ?? ''));
  const best = sections.findIndex((chunk) => chunk.anchor === body[0]?.chunk.anchor);
  const next =
    find((chunk) => VERIFY_HEADING.test(chunk.headingPath.at(-1) ?? '')) ??
    sections
      .slice(best + 1)
      .find((chunk) => !inBody.has(chunk.anchor) && !PITFALLS_HEADING.test(chunk.headingPath.at(-1) ?? ''));
  return { body, pitfalls: pitfalls && unscored(pitfalls), next: next && unscored(next) };
}

/** Keeps the first part of split sections, preferring the part retrieval actually hit. */
function mergeParts(sections: readonly Chunk[], hits: readonly ScoredChunk[]): Chunk[] {
  const hitIds = new Set(hits.map((hit) => hit.chunk.id));
  const byAnchor = new Map<string, Chunk>();
  for (const chunk of sections) {
    const existing = byAnchor.get(chunk.anchor);
    if (!existing || (!hitIds.has(existing.id) && hitIds.has(chunk.id))) byAnchor.set(chunk.anchor, chunk);
  }
  return [...byAnchor.values()];
}
