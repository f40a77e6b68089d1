import { describe, expect, it } from 'vitest';
import { condenseFollowUp, isFollowUp } from '../../src/mentor/condense.js';
import type { HistoryTurn } from '../../src/mentor/types.js';

const memoryThread: HistoryTurn[] = [
  { role: 'user', text: 'our service memory keeps growing until it crashes with heap out of memory' },
  {
    role: 'assistant',
    text: 'That is a memory leak. Confirm it with process.memoryUsage(), then compare heap snapshots.',
  },
];

describe('follow-up condensation (offline heuristic)', () => {
  it.each([
    'and how do I fix it?',
    'why?',
    'what about in production?',
    'ok, and then?',
    'does that work in a container?',
  ])('treats %j as a follow-up', (question) => expect(isFollowUp(question)).toBe(true));

  it.each([
    'how do I rate limit the login endpoint across pods?',
    'should we use fastify or express for a new service?',
  ])('treats %j as standalone', (question) => expect(isFollowUp(question)).toBe(false));

  it('carries the subject of the earlier turns into a follow-up', () => {
    const query = condenseFollowUp('and how do I fix it?', memoryThread);
    expect(query.startsWith('and how do I fix it?')).toBe(true);
    expect(query).toContain('memory keeps growing');
    expect(query).toContain('That is a memory leak.');
  });

  it('leaves a standalone question alone, even in a thread', () => {
    const question = 'how do I rate limit the login endpoint across pods?';
    expect(condenseFollowUp(question, memoryThread)).toBe(question);
  });

  it('looks further back when the latest user turn is itself a follow-up', () => {
    const thread: HistoryTurn[] = [
      ...memoryThread,
      { role: 'user', text: 'and how do I fix it?' },
      { role: 'assistant', text: 'Bound the cache.' },
    ];
    expect(condenseFollowUp('what about in staging?', thread)).toContain('memory keeps growing');
  });

  it('returns the question unchanged without history', () => {
    expect(condenseFollowUp('and how do I fix it?', [])).toBe('and how do I fix it?');
  });
});
