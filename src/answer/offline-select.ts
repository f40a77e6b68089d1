/**
 * @module answer/offline-select — which sections an offline answer quotes. The playbook is the top
 * hit's (retrieval already weighs topic support); within it, sections are ranked by retrieval score,
 * by the question's distinctive words in their heading (words every heading shares, like the
 * playbook's subject, count little), by their text, and by the question's intent, so "how do I fix
 * it" leads with the Fix section even when search ranked Symptoms first.
 */
import type { Chunk, ScoredChunk } from '../retrieval/index.js';
import { unscored } from './citations.js';
import { headingServes, intentBonus, wantsReserved, type QuestionIntent } from './question-intent.js';
import { termWeight, type RelevanceScorer } from './relevance.js';
import type { SectionLookup } from './types.js';

export interface SectionChoice {
  /** Sections to quote, best first: never the overview (unless nothing else matches), pitfalls or verify unless asked for. */
  body: ScoredChunk[];
  /** The playbook's pitfalls section, when it is not in the body. */
  pitfalls: ScoredChunk | undefined;
  /** A verify section, else the next section after the best one: the answer's next step. */
  next: ScoredChunk | undefined;
}

interface Ranked {
  section: ScoredChunk;
  rank: number;
  order: number;
  reserved: boolean;
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
  const sections = mergeParts(lookup.sectionsOf(playbookId));
  const headingOf = (chunk: Chunk) => chunk.headingPath.at(-1) ?? '';
  // The playbook's closing pitfalls list and its verify section are companions, not answers; a
  // topical section that happens to say "pitfalls" ("Trust proxy pitfalls") is an answer.
  const pitfallsSection = sections.findLast((chunk) => headingServes('pitfalls', headingOf(chunk)));
  const verifySection = sections.find((chunk) => headingServes('verify', headingOf(chunk)));
  const headingWeight = distinctiveness(sections.map(headingOf), scorer);
  const topScore = Math.max(...hits.map((hit) => hit.score), Number.EPSILON);
  // Retrieval scores by section (any part of it), best part wins.
  const retrieved = new Map<string, ScoredChunk>();
  for (const hit of hits) {
    const known = retrieved.get(hit.chunk.anchor);
    if (hit.chunk.playbookId === playbookId && (!known || hit.score > known.score))
      retrieved.set(hit.chunk.anchor, hit);
  }
  // A section whose subsection was retrieved introduces it ("Sagas for distributed transactions"
  // defines what "Saga orchestration versus choreography" compares): it inherits half the score.
  const inherited = new Map<string, number>();
  for (const hit of retrieved.values()) {
    const parent = sections.find((chunk) => isParentOf(chunk, hit.chunk));
    if (parent) inherited.set(parent.anchor, Math.max(inherited.get(parent.anchor) ?? 0, hit.score / 2));
  }
  const ranked: Ranked[] = sections
    .map((chunk, order) => {
      const hit = retrieved.get(chunk.anchor);
      const retrievalScore = Math.max(hit?.score ?? 0, inherited.get(chunk.anchor) ?? 0);
      const heading = headingOf(chunk);
      const headingScore = scorer.matches(heading).reduce((total, term) => total + headingWeight(term), 0);
      const relevance =
        2 * (retrievalScore / topScore) + headingScore + 0.5 * scorer.score(chunk.text) ** 0.5;
      const companion = chunk === pitfallsSection || chunk === verifySection;
      const reserved = chunk.headingPath.length === 0 || (companion && !wantsReserved(heading, intents));
      return {
        section: hit ? { ...hit, chunk } : unscored(chunk),
        rank: relevance > 0 ? relevance + intentBonus(heading, intents) : 0,
        order,
        reserved,
      };
    })
    .filter((entry) => entry.rank > 0)
    .sort((left, right) => right.rank - left.rank || left.order - right.order);
  const eligible = ranked.filter((entry) => !entry.reserved);
  const body = parentsFirst(
    (eligible.length > 0 ? eligible : ranked).slice(0, maxBody).map((entry) => entry.section),
  );
  if (body.length === 0 && hits[0]) body.push(hits[0]);

  const inBody = new Set(body.map((section) => section.chunk.anchor));
  const unused = (chunk: Chunk | undefined) => (chunk && !inBody.has(chunk.anchor) ? chunk : undefined);
  const pitfalls = unused(pitfallsSection);
  const best = sections.findIndex((chunk) => chunk.anchor === body[0]?.chunk.anchor);
  const next =
    unused(verifySection) ??
    sections
      .slice(best + 1)
      .find((chunk) => unused(chunk) && chunk.headingPath.length > 0 && chunk !== pitfallsSection);
  return { body, pitfalls: pitfalls && unscored(pitfalls), next: next && unscored(next) };
}

/**
 * A section that introduces another one in the body ("Sagas for distributed transactions" before
 * "Saga orchestration versus choreography") is quoted before it, so the answer defines before it compares.
 */
function parentsFirst(body: ScoredChunk[]): ScoredChunk[] {
  const result = [...body];
  for (const child of body) {
    const parentIndex = result.findIndex((section) => isParentOf(section.chunk, child.chunk));
    const childIndex = result.indexOf(child);
    if (parentIndex > childIndex) result.splice(childIndex, 0, ...result.splice(parentIndex, 1));
  }
  return result;
}

function isParentOf(parent: Chunk, child: Chunk): boolean {
  const path = parent.headingPath;
  return (
    parent.playbookId === child.playbookId &&
    path.length > 0 &&
    path.length < child.headingPath.length &&
    path.every((heading, index) => child.headingPath[index] === heading)
  );
}

/**
 * Weight of a question term in a heading: full for a word few headings of the playbook share,
 * a fifth for one most headings share (the playbook's subject, e.g. "event loop").
 */
function distinctiveness(headings: readonly string[], scorer: RelevanceScorer): (term: string) => number {
  const counts = new Map<string, number>();
  for (const heading of headings)
    for (const term of scorer.matches(heading)) counts.set(term, (counts.get(term) ?? 0) + 1);
  return (term) => {
    const share = (counts.get(term) ?? 0) / Math.max(1, headings.length);
    return termWeight(term) * (share > 0.34 ? 0.2 : 1);
  };
}

/**
 * One chunk per section: long sections are split into parts at indexing time; they are joined
 * back (dropping the paragraph each part repeats from the previous one) so a section's code block
 * is never lost because search hit another part of it.
 */
function mergeParts(sections: readonly Chunk[]): Chunk[] {
  const byAnchor = new Map<string, Chunk>();
  for (const chunk of sections) {
    const existing = byAnchor.get(chunk.anchor);
    if (!existing) {
      byAnchor.set(chunk.anchor, chunk);
      continue;
    }
    const previousLast = existing.text.split('\n\n').at(-1);
    const blocks = chunk.text.split('\n\n');
    const text = blocks[0] === previousLast ? blocks.slice(1).join('\n\n') : chunk.text;
    byAnchor.set(chunk.anchor, { ...existing, text: `${existing.text}\n\n${text}` });
  }
  return [...byAnchor.values()];
}
