import { describe, expect, it } from 'vitest';
import { chooseSections } from '../../src/answer/offline-select.js';
import { createRelevanceScorer } from '../../src/answer/relevance.js';
import { createSectionLookup } from '../../src/mentor/create-mentor.js';
import type { Chunk } from '../../src/retrieval/index.js';
import { sectionChunk } from '../support/chunks.js';

function section(headingPath: string[], text: string): Chunk {
  return sectionChunk({ playbookId: 'microservices', playbookTitle: 'Microservices', headingPath, text });
}

const sections = [
  section([], 'How services talk to each other and fail.'),
  section(['Timeouts on every outbound call'], 'Every call to another service needs a deadline.'),
  section(
    ['Sagas for distributed transactions'],
    'A saga replaces a distributed transaction with local transactions, each with a compensating action.',
  ),
  section(
    ['Sagas for distributed transactions', 'Orchestration versus choreography'],
    'Orchestration uses one coordinator, such as the order service, that tells each participant what to do.',
  ),
  section(['Microservices pitfalls'], '- A shared database between services.'),
];
const lookup = createSectionLookup(sections);

describe('chooseSections', () => {
  it('quotes the section that introduces a retrieved subsection before it (regression: sagas without "compensating")', () => {
    const question = 'we need a transaction across the order service and the payment service, how?';
    const child = sections[3] as Chunk;
    const choice = chooseSections(
      'microservices',
      [{ chunk: child, score: 0.36, similarity: 0.24, coverage: 0.42 }],
      lookup,
      createRelevanceScorer(question),
      2,
    );
    expect(choice.body.map((chosen) => chosen.chunk.anchor)).toEqual([
      'sagas-for-distributed-transactions',
      'orchestration-versus-choreography',
    ]);
    expect(choice.pitfalls?.chunk.anchor).toBe('microservices-pitfalls');
  });

  it('keeps a retrieved section first when its parent is not in the body', () => {
    const question = 'what does an orchestration coordinator do?';
    const child = sections[3] as Chunk;
    const choice = chooseSections(
      'microservices',
      [{ chunk: child, score: 0.4, similarity: 0.3, coverage: 0.5 }],
      lookup,
      createRelevanceScorer(question),
      1,
    );
    expect(choice.body.map((chosen) => chosen.chunk.anchor)).toEqual(['orchestration-versus-choreography']);
  });
});
