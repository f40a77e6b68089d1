import { describe, expect, it } from 'vitest';
import { followUpsFor, headingToQuestion } from '../../src/answer/follow-up-questions.js';
import type { Chunk, ScoredChunk } from '../../src/retrieval/index.js';
import { sectionChunk } from '../support/chunks.js';

describe('heading to question', () => {
  it.each([
    ['Take a heap snapshot', 'How do I take a heap snapshot?'],
    ['Step 2: Measure a baseline with autocannon', 'How do I measure a baseline with autocannon?'],
    ['Symptoms of a memory leak', 'What are the symptoms of a memory leak?'],
    ['When to use worker threads', 'When should I use worker threads?'],
    ['How backpressure works', 'Can you explain how backpressure works?'],
    ['Sessions or JWTs', 'How do I choose between sessions and JWTs?'],
    ['Always release pooled clients', 'How do I always release pooled clients?'],
    ['PgBouncer in front of Postgres', 'Can you tell me more about PgBouncer in front of Postgres?'],
  ])('%s → %s', (heading, question) => {
    expect(headingToQuestion(heading)).toBe(question);
  });

  it('makes no question of a pitfalls heading', () => {
    expect(headingToQuestion('Memory leak pitfalls')).toBeUndefined();
  });
});

function chunk(playbookId: string, heading: string): Chunk {
  return sectionChunk({ playbookId, headingPath: [heading], text: heading });
}
const scored = (value: Chunk): ScoredChunk => ({ chunk: value, score: 1, similarity: 1, coverage: 1 });

describe('follow-ups for an answer', () => {
  const memory = [
    'Symptoms of a memory leak',
    'Take a heap snapshot',
    'Fix memory leaks',
    'Memory leak pitfalls',
  ].map((heading) => chunk('memory', heading));
  const lookup = { sectionsOf: (id: string) => (id === 'memory' ? memory : []) };

  it('suggests the next unused sections of the playbook, then related playbooks, without repeats', () => {
    const related = chunk('containers', 'Memory limits and OOMKilled');
    const followUps = followUpsFor([scored(memory[1] as Chunk), scored(related)], lookup);
    expect(followUps).toEqual([
      'How do I fix memory leaks?',
      'Can you tell me more about memory limits and OOMKilled?',
      'What are the symptoms of a memory leak?',
    ]);
  });

  it('returns nothing for an answer without sections', () => {
    expect(followUpsFor([], lookup)).toEqual([]);
  });
});
