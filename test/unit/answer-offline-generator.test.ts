import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfflineGenerator } from '../../src/answer/offline-generator.js';
import { collectGeneration, type GenerationRequest } from '../../src/answer/types.js';
import type { ScoredChunk } from '../../src/retrieval/index.js';
import { codeBlocksOf, openFixtureKnowledge, type FixtureMentorParts } from '../support/fixture-mentor.js';

let parts: FixtureMentorParts;
beforeAll(async () => {
  parts = await openFixtureKnowledge();
});
afterAll(() => parts.cleanup());

async function requestFor(
  question: string,
  overrides: Partial<GenerationRequest> = {},
): Promise<GenerationRequest> {
  const sections = await parts.knowledge.search.search(question, { limit: 4 });
  return {
    question,
    query: question,
    history: [],
    sections,
    mode: 'answer',
    confidence: 'high',
    persona: parts.persona,
    lookup: parts.lookup,
    ...overrides,
  };
}

const generator = createOfflineGenerator();

describe('offline generator', () => {
  it('leads with a short prose answer and copies every code block verbatim from a cited source', async () => {
    const result = await collectGeneration(
      generator.generate(await requestFor('how do I take a heap snapshot of a running process?')),
    );
    const [lead] = result.markdown.split('\n\n');
    expect(lead).toMatch(/^[A-Z`]/);
    expect(lead).not.toMatch(/^(```|\*\*|- |\d+\.)/);
    expect(lead?.length).toBeLessThan(700);
    const blocks = codeBlocksOf(result.markdown);
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) {
      expect(result.sources.some((source) => source.chunk.text.includes(block))).toBe(true);
    }
    expect(result.markdown).toContain('--heapsnapshot-signal=SIGUSR2');
  });

  it('numbers citations in order of first use and cites every source it lists', async () => {
    const result = await collectGeneration(
      generator.generate(await requestFor('how do I fix a memory leak in a cache?')),
    );
    const cited = [...result.markdown.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1]));
    const firstUses = cited.filter((number, index) => cited.indexOf(number) === index);
    expect(firstUses).toEqual(result.sources.map((_, index) => index + 1));
  });

  it('adds the playbook’s pitfalls and its verify section as the next step', async () => {
    const result = await collectGeneration(
      generator.generate(await requestFor('how do I fix a memory leak in a cache?')),
    );
    expect(result.markdown).toMatch(/\*\*Pitfalls\*\* \[\d\]\n- /);
    expect(result.markdown).toContain('**Next step:** Verify the fix with a soak test');
    const headings = result.sources.map((source) => source.chunk.headingPath.at(-1));
    expect(headings).toEqual(expect.arrayContaining(['Memory leak pitfalls', 'Verify the memory leak fix']));
  });

  it('quotes a numbered procedure as ordered steps', async () => {
    const result = await collectGeneration(
      generator.generate(await requestFor('how do I fix blocking code on the event loop?')),
    );
    expect(result.markdown).toContain('**Steps**\n1. Find the synchronous call with `node --trace-sync-io`.');
    expect(result.markdown).toContain('3. Move CPU-heavy work such as image resizing to a worker thread.');
  });

  it('never stitches another playbook into the body: it is at most a "see also"', async () => {
    const request = await requestFor('how do I fix a memory leak in a cache?');
    const streams = parts.lookup
      .sectionsOf('streams-backpressure')
      .find((chunk) => chunk.anchor === 'how-backpressure-works');
    if (!streams) throw new Error('fixture section missing');
    const intruder: ScoredChunk = {
      chunk: streams,
      score: request.sections[0]?.score ?? 1,
      similarity: 0.5,
      coverage: 0.5,
    };
    const result = await collectGeneration(
      generator.generate({ ...request, sections: [...request.sections, intruder] }),
    );
    expect(result.markdown).not.toContain('highWaterMark');
    expect(result.markdown).not.toContain('slow consumer');
    expect(result.markdown).toMatch(/_See also:_ Streams and backpressure › How backpressure works \[\d\]/);
  });

  it('is deterministic', async () => {
    const request = await requestFor('why is the event loop blocked and how do I measure it?');
    const first = await collectGeneration(generator.generate(request));
    const second = await collectGeneration(generator.generate(request));
    expect(second).toEqual(first);
  });

  it('says it is unsure, in the persona’s words, when retrieval confidence is low', async () => {
    const result = await collectGeneration(
      generator.generate(await requestFor('heap snapshot', { confidence: 'low' })),
    );
    expect(result.markdown.startsWith(`_${parts.persona.unsure}_`)).toBe(true);
  });

  it('streams deltas whose concatenation is the final markdown', async () => {
    const deltas: string[] = [];
    let markdown = '';
    for await (const event of generator.generate(await requestFor('how do I use pipeline for streams?'))) {
      if (event.type === 'delta') deltas.push(event.text);
      else markdown = event.result.markdown;
    }
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe(markdown);
  });

  it('offers follow-up questions from the playbook sections it did not use', async () => {
    const result = await collectGeneration(
      generator.generate(await requestFor('how do I take a heap snapshot of a running process?')),
    );
    expect(result.followUps.length).toBeGreaterThanOrEqual(1);
    expect(result.followUps.length).toBeLessThanOrEqual(3);
    for (const question of result.followUps) expect(question).toMatch(/^[A-Z].*\?$/);
    expect(result.followUps.join(' ')).not.toMatch(/take a heap snapshot/i);
    expect(result.followUps).toContain('How do I verify the memory leak fix?');
  });

  it('explains one section whole in explain mode, code included', async () => {
    const section = parts.lookup
      .sectionsOf('memory-leaks')
      .find((chunk) => chunk.anchor === 'take-a-heap-snapshot');
    if (!section) throw new Error('fixture section missing');
    const request = await requestFor('Tell me more about taking a heap snapshot', {
      mode: 'explain',
      sections: [{ chunk: section, score: 1, similarity: 1, coverage: 1 }],
    });
    const result = await collectGeneration(generator.generate(request));
    expect(result.markdown).toMatch(
      /^\*\*Take a heap snapshot\*\* — from _Memory leaks and heap snapshots_ \[1\]/,
    );
    expect(result.markdown).toContain(codeBlocksOf(section.text)[0]);
    expect(result.markdown).toContain('compare them to see which constructor keeps growing');
    expect(result.sources[0]?.chunk.id).toBe(section.id);
  });

  it('rejects a request without sections (the mentor declines before generating)', async () => {
    const request = await requestFor('anything', { sections: [] });
    await expect(collectGeneration(generator.generate(request))).rejects.toMatchObject({ code: 'internal' });
  });
});
