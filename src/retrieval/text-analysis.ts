/**
 * @module retrieval/text-analysis — the one tokenizer BM25 and the local embedder share:
 * lowercase terms, compound identifiers kept whole and split (`worker_threads` → also `worker`,
 * `threads`), stopwords dropped, a light English stemmer, and a domain synonym table that maps
 * the words people use in Slack ("OOMKilled", "laggy", "k8s") onto the playbooks' concepts.
 */
import { createHash } from 'node:crypto';
import { memoize } from '../util/bounded-memo.js';
import { SYNONYM_GROUPS } from './synonyms.js';

const STOPWORDS = new Set(
  (
    'a an and are as at be been being but by can could did do does doing done for from get gets got had has have ' +
    'having he her here hers him his how i if in into is it its just me might more most my no not of on or our ' +
    'ours out over should so some such than that the their them then there these they this those to too up us ' +
    'very was we were what when where which while who whom why will with would you your yours also any about ' +
    'again all am because before after both each few only own same other s t don now want need keep keeps ' +
    'way best really thing things something someone anyone please hi hey thanks lot make makes let lets ok okay ' +
    'node nodejs js javascript'
  ).split(' '),
);

/** Bump when the tokenizer or the stemmer changes what it returns; the word lists are hashed below. */
const ANALYSIS_VERSION = 1;

/**
 * Identifies this analysis. Vectors made with one analysis do not match queries analysed with
 * another, so the local embedder's id carries it and an edited synonym table rebuilds the index.
 */
export const ANALYSIS_FINGERPRINT = analysisFingerprint([...STOPWORDS], SYNONYM_GROUPS);

export function analysisFingerprint(
  stopwords: readonly string[],
  synonymGroups: typeof SYNONYM_GROUPS,
): string {
  return createHash('sha256')
    .update(JSON.stringify([ANALYSIS_VERSION, stopwords, synonymGroups]))
    .digest('hex')
    .slice(0, 8);
}

const SYNONYMS: ReadonlyMap<string, string> = new Map(
  SYNONYM_GROUPS.flatMap(([canonical, words]) => words.map((word) => [word, canonical] as const)),
);

/** Multi-word synonyms ("out of memory"), matched on the raw text. */
const PHRASES = [...SYNONYMS].filter(([phrase]) => phrase.includes(' '));

/** Splits text into raw lowercase words, keeping compounds like `max-old-space-size` and their parts. */
export function words(text: string): string[] {
  const result: string[] = [];
  for (const compound of wholeWords(text)) {
    const parts = compound.split(/[_.:/-]+/).filter(Boolean);
    if (parts.length > 1 && compound.length <= 40) result.push(compound);
    result.push(...parts);
  }
  return result;
}

/** Content terms with compounds kept whole and not split: in `dead-letter queue`, `letter` is not one. */
export function wholeTerms(text: string): string[] {
  return contentTerms(wholeWords(text));
}

function wholeWords(text: string): string[] {
  const result: string[] = [];
  for (const raw of text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}_.:+#/-]*/gu) ?? []) {
    const compound = raw.replace(/[.:/+#-]+$/, '');
    if (compound !== '') result.push(compound);
  }
  return result;
}

/** A deliberately light stemmer: plural, -ing, -ed, -ly, -ment, -ation endings. Memoised: vocabularies are small. */
export const stem = memoize(stemUncached, 50_000);

function stemUncached(word: string): string {
  if (word.length <= 3 || /\d/.test(word) || /[_.:/-]/.test(word)) return word;
  const rules: [RegExp, string][] = [
    [/ies$/, 'y'],
    [/(ss|us|is)$/, '$1'],
    [/sses$/, 'ss'],
    [/([^aeiou])es$/, '$1e'],
    [/s$/, ''],
  ];
  let result = word;
  for (const [pattern, replacement] of rules) {
    if (pattern.test(result)) {
      result = result.replace(pattern, replacement);
      break;
    }
  }
  result = result
    .replace(/(.{3,})ations?$/, '$1ate')
    .replace(/(.{3,})ments?$/, '$1')
    .replace(/(.{3,})ing$/, '$1')
    .replace(/(.{3,})edly$/, '$1')
    .replace(/(.{3,})ed$/, '$1')
    .replace(/(.{3,})ly$/, '$1');
  return result.replace(/([^aeiouls])\1$/, '$1').replace(/e$/, '');
}

/** Content terms of a text: stopwords removed, stemmed. */
export function terms(text: string): string[] {
  return contentTerms(words(text));
}

function contentTerms(rawWords: string[]): string[] {
  return rawWords.filter((word) => !STOPWORDS.has(word)).map(stem);
}

/**
 * Terms plus the canonical concept of each synonym (prefixed `~`), so "laggy" in a question and
 * "latency" in a playbook meet on `~slow`. Multi-word synonyms are matched on the raw text.
 */
export function analyze(text: string): string[] {
  const lower = text.toLowerCase();
  const rawWords = words(lower);
  const result = contentTerms(rawWords);
  const concepts = new Set<string>();
  for (const word of rawWords) {
    const concept = SYNONYMS.get(word);
    if (concept) concepts.add(concept);
  }
  for (const [phrase, concept] of PHRASES) {
    if (!concepts.has(concept) && lower.includes(phrase)) concepts.add(concept);
  }
  for (const concept of concepts) result.push(`~${concept}`);
  return result;
}
