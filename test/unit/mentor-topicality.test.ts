import { describe, expect, it } from 'vitest';
import { createTopicality } from '../../src/mentor/topicality.js';
import type { Chunk, ScoredChunk } from '../../src/retrieval/index.js';
import { sectionChunk } from '../support/chunks.js';

function chunk(playbookId: string, heading: string, text: string): Chunk {
  return sectionChunk({ playbookId, headingPath: [heading], text });
}

const deadLetters = chunk(
  'messaging',
  'Dead-letter queues',
  'Write the job to a dead-letter queue after the last retry, so a poison message stops blocking the consumer. Third-party webhooks go there too.',
);
// Ten more playbooks that share everyday words ("write", "job", "help"), so those are not specific.
const others = Array.from({ length: 10 }, (_, index) =>
  chunk(
    `topic-${index}`,
    `Section ${index}`,
    `Write tests for every job you help ship, and measure latency number ${index} before tuning it.`,
  ),
);
const topicality = createTopicality([deadLetters, ...others]);
const weakHit = (target: Chunk, similarity = 0.1, coverage = 0.2): ScoredChunk => ({
  chunk: target,
  score: (similarity + coverage) / 2,
  similarity,
  coverage,
});

describe('topicality', () => {
  it('does not count everyday words, or the parts of a compound, as evidence (regression: "cover letter" answered from dead-letter queues)', () => {
    expect(
      topicality.supports('can you help me write a cover letter for a marketing job?', [
        weakHit(deadLetters),
      ]),
    ).toBe(false);
    expect(topicality.supports('plan a party for a third birthday', [weakHit(deadLetters)])).toBe(false);
  });

  it('accepts a weak match on a word few playbooks use', () => {
    expect(topicality.supports('what is a dead-letter queue for?', [weakHit(deadLetters)])).toBe(true);
    expect(topicality.supports('is poison a problem', [weakHit(deadLetters)])).toBe(true);
  });

  it('accepts a weak match on a domain concept the sections share with the question', () => {
    // "kafka" appears in no section, but it is a ~messaging word, and so are "queue" and "consumer".
    expect(topicality.supports('kafka is stuck', [weakHit(deadLetters, 0.05, 0.1)])).toBe(true);
    expect(topicality.supports('kafka is stuck', [weakHit(others[0] as Chunk, 0.05, 0.1)])).toBe(false);
  });

  it('accepts a strong match even on everyday words, and nothing without hits', () => {
    expect(topicality.supports('help me write a job', [weakHit(others[0] as Chunk, 0.25, 0.3)])).toBe(true);
    expect(topicality.supports('help me write a job', [weakHit(others[0] as Chunk, 0.1, 0.2)])).toBe(false);
    expect(topicality.supports('what is a dead-letter queue for?', [])).toBe(false);
  });

  it('does not take a strong score made only of compound parts as evidence (regression: "write me a cover letter")', () => {
    // "poll" and "interval" are everyday words here (two playbooks use each): only a strong score admits them.
    const compoundOnly = chunk(
      'queues',
      'Dead-letter queue handling',
      'Poll the dead-letter queue at a set interval.',
    );
    const polling = chunk('polling', 'Polling', 'Poll each consumer at a longer interval.');
    const withQueues = createTopicality([compoundOnly, polling, ...others]);
    const strong = weakHit(compoundOnly, 0.2, 0.4);
    expect(withQueues.supports('write me a cover letter', [strong])).toBe(false);
    expect(withQueues.supports('poll interval', [strong])).toBe(true);
    expect(withQueues.supports('poll interval', [weakHit(compoundOnly, 0.1, 0.2)])).toBe(false);
  });
});
