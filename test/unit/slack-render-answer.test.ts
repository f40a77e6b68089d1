import type { ActionsBlock, ContextBlock, KnownBlock, SectionBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/mentor/types.js';
import {
  FOLLOW_UP_ACTION_PATTERN,
  markdownToMrkdwn,
  packSections,
  markdownToParts,
  renderAnswer,
} from '../../src/slack/render/index.js';

function answerOf(markdown: string, overrides: Partial<Answer> = {}): Answer {
  return {
    question: 'How do I find a memory leak?',
    markdown,
    sources: [
      {
        title: 'Memory',
        path: 'memory.md',
        heading: 'Diagnose › Heap snapshots',
        ref: 'memory#heap',
        score: 0.9,
      },
    ],
    followUps: ['How do I read a heap snapshot?', 'What about leaks in streams?'],
    confidence: 'high',
    notices: [],
    provider: { answer: 'offline', embedder: 'local' },
    timings: { retrieveMs: 1, generateMs: 2, totalMs: 3 },
    ...overrides,
  };
}

/** ~30k characters: prose with formatting and escapes, lists, small code, and code longer than a section. */
function longAnswer(): { markdown: string; code: string[] } {
  const code: string[] = [];
  const blocks: string[] = ['# Finding the leak'];
  for (let index = 0; blocks.join('\n\n').length < 30_000; index += 1) {
    blocks.push(
      `Step ${index}: take a **heap snapshot**, then _compare_ it with the [docs](https://nodejs.org/api/v8.html?s=${index}&x=1). Watch a < b & c > d.`,
      `- check listeners on \`emitter${index}\`\n- check caches\n  - and the ~~old~~ maps`,
    );
    const lines = index % 5 === 4 ? 160 : 6;
    const snippet = Array.from(
      { length: lines },
      (_, line) =>
        `const item${line} = cache.get(key${index}) ?? new Map<string, Buffer>(); // **not** <bold> & _raw_`,
    ).join('\n');
    code.push(snippet);
    blocks.push(`\`\`\`js\n${snippet}\n\`\`\``);
  }
  return { markdown: blocks.join('\n\n'), code };
}

function sectionTexts(blocks: KnownBlock[]): string[] {
  return blocks
    .filter((block): block is SectionBlock => block.type === 'section')
    .map((block) => block.text?.text ?? '');
}

function shownText(block: KnownBlock): number {
  if (block.type === 'section') return block.text?.text.length ?? 0;
  if (block.type === 'context')
    return block.elements.reduce((sum, e) => sum + ('text' in e ? e.text.length : 0), 0);
  if (block.type === 'actions') {
    return block.elements.reduce((sum, e) => sum + (e.type === 'button' ? e.text.text.length : 0), 0);
  }
  return 0;
}

/** Code lines of every fenced block, in order, as Slack shows them (entities decoded). */
function codeLines(texts: string[]): string[] {
  const lines: string[] = [];
  for (const text of texts) {
    let inside = false;
    for (const line of text.split('\n')) {
      if (line === '```') inside = !inside;
      else if (inside) lines.push(line.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
    }
  }
  return lines;
}

describe('renderAnswer splitting', () => {
  const { markdown, code } = longAnswer();
  const rendered = renderAnswer(answerOf(markdown), { showFeedback: true, showFollowUps: true });
  const sections = rendered.messages.flatMap(sectionTexts);

  it('splits a 30k answer into several messages within Block Kit limits', () => {
    expect(markdown.length).toBeGreaterThanOrEqual(30_000);
    expect(rendered.messages.length).toBeGreaterThan(2);
    for (const blocks of rendered.messages) {
      expect(blocks.length).toBeLessThanOrEqual(50);
      expect(blocks.reduce((sum, block) => sum + shownText(block), 0)).toBeLessThanOrEqual(10_000);
    }
    for (const text of sections) expect(text.length).toBeLessThanOrEqual(3_000);
  });

  it('leaves no code fence open in any section', () => {
    for (const text of sections) {
      const fences = text.split('\n').filter((line) => line.startsWith('```'));
      expect(fences.length % 2, text.slice(0, 80)).toBe(0);
      expect(fences.every((line) => line === '```')).toBe(true);
    }
  });

  it('keeps every code line, in order and unchanged, including blocks longer than a section', () => {
    expect(code.some((snippet) => snippet.length > 3_000)).toBe(true);
    expect(codeLines(sections)).toEqual(code.flatMap((snippet) => snippet.split('\n')));
  });

  it('preserves the text: the sections hold the whole converted answer', () => {
    const words = (text: string) => text.replace(/```/g, ' ').split(/\s+/).filter(Boolean);
    expect(words(sections.join('\n'))).toEqual(words(markdownToMrkdwn(markdown)));
  });

  it('puts sources, follow-ups and feedback on the last message only', () => {
    const withActions = rendered.messages.map(
      (blocks) => blocks.filter((block) => block.type === 'actions' || block.type === 'context').length,
    );
    expect(withActions.slice(0, -1).every((count) => count === 0)).toBe(true);
    const last = rendered.messages.at(-1) ?? [];
    expect(last.map((block) => block.block_id).filter(Boolean)).toEqual([
      'sources',
      'follow_ups',
      'feedback',
    ]);
  });

  it('splits one paragraph longer than a section at sentences, each piece with balanced markers', () => {
    const paragraph = Array.from(
      { length: 120 },
      (_, index) => `Sentence ${index} has **bold** & _em_ text.`,
    ).join(' ');
    const texts = packSections(markdownToParts(paragraph));
    expect(texts.length).toBeGreaterThan(1);
    for (const text of texts) {
      expect(text.length).toBeLessThanOrEqual(3_000);
      expect(text.split('*').length % 2).toBe(1);
      expect(text.split('_').length % 2).toBe(1);
    }
    expect(texts.join(' ')).toBe(markdownToMrkdwn(paragraph));
  });

  it('splits a single code line longer than a section without losing a character', () => {
    const line = `const data = "${'x&<'.repeat(2_000)}";`;
    const texts = packSections(markdownToParts(`\`\`\`\n${line}\n\`\`\``));
    expect(texts.length).toBeGreaterThan(1);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(3_000);
    expect(codeLines(texts).join('')).toBe(line);
  });
});

describe('renderAnswer blocks', () => {
  it('shows notices in a context block at the top of the first message', () => {
    const { messages } = renderAnswer(answerOf('Short answer.', { notices: ['I trimmed your question.'] }), {
      showFeedback: false,
      showFollowUps: false,
    });
    const first = messages[0]?.[0] as ContextBlock;
    expect(first.type).toBe('context');
    expect(first.elements).toEqual([
      { type: 'mrkdwn', text: ':information_source: I trimmed your question.', verbatim: true },
    ]);
  });

  it('numbers sources as cited, title › heading with the path, escaped; omits the block without sources', () => {
    const sources = [
      { title: 'Streams & pipes', path: 'streams.md', heading: 'Backpressure', ref: 's#b', score: 1 },
      { title: 'Streams & pipes', path: 'streams.md', heading: 'Backpressure', ref: 's#b', score: 0.5 },
    ];
    const withSources = renderAnswer(answerOf('A.', { sources }), {
      showFeedback: false,
      showFollowUps: false,
    });
    const block = withSources.messages[0]?.find(
      (candidate) => candidate.block_id === 'sources',
    ) as ContextBlock;
    expect(block.elements.map((element) => ('text' in element ? element.text : ''))).toEqual([
      ':books: *Sources*',
      '[1] Streams &amp; pipes › Backpressure (`streams.md`)',
    ]);
    const without = renderAnswer(answerOf('A.', { sources: [] }), {
      showFeedback: false,
      showFollowUps: false,
    });
    expect(without.messages.flat().some((candidate) => candidate.block_id === 'sources')).toBe(false);
  });

  it('gives follow-up buttons unique action ids and the question as value', () => {
    const long = `Why ${'really '.repeat(400)}?`;
    const { messages } = renderAnswer(answerOf('A.', { followUps: ['First?', long] }), {
      showFeedback: false,
      showFollowUps: true,
    });
    const block = messages[0]?.find((candidate) => candidate.block_id === 'follow_ups') as ActionsBlock;
    const buttons = block.elements.filter((element) => element.type === 'button');
    expect(buttons.map((element) => element.action_id)).toEqual(['ask_follow_up_0', 'ask_follow_up_1']);
    expect(buttons.every((element) => FOLLOW_UP_ACTION_PATTERN.test(element.action_id ?? ''))).toBe(true);
    expect(buttons[0]?.value).toBe('First?');
    expect(buttons[1]?.value?.length).toBeLessThanOrEqual(2_000);
    expect(buttons[1]?.text.text.length).toBeLessThanOrEqual(75);
  });

  it('carries the question reference in both feedback buttons, or a stable hash without one', () => {
    const feedback = (questionRef?: string) => {
      const { messages } = renderAnswer(answerOf('A.'), {
        showFeedback: true,
        showFollowUps: false,
        questionRef,
      });
      const block = messages.at(-1)?.find((candidate) => candidate.block_id === 'feedback') as ActionsBlock;
      return block.elements.map((element) =>
        element.type === 'button' ? [element.action_id, element.value] : [],
      );
    };
    expect(feedback('C1:1700000000.000100')).toEqual([
      ['feedback_up', 'C1:1700000000.000100'],
      ['feedback_down', 'C1:1700000000.000100'],
    ]);
    const hashed = feedback();
    expect(hashed[0]?.[1]).toMatch(/^[\w-]{12}$/);
    expect(feedback()).toEqual(hashed);
  });

  it('shows no buttons when feedback and follow-ups are off', () => {
    const { messages } = renderAnswer(answerOf('A.'), { showFeedback: false, showFollowUps: false });
    expect(messages.flat().some((block) => block.type === 'actions')).toBe(false);
  });

  it('sends every text verbatim, so words like @channel or #general are never turned into pings or links', () => {
    const { messages } = renderAnswer(
      answerOf('Never write @channel here, see #general.', { notices: ['@here'] }),
      {
        showFeedback: false,
        showFollowUps: false,
      },
    );
    const texts = messages.flat().flatMap((block) => {
      if (block.type === 'section' && block.text) return [block.text];
      if (block.type === 'context') return block.elements.filter((element) => element.type === 'mrkdwn');
      return [];
    });
    expect(texts.length).toBeGreaterThan(2);
    expect(texts.every((text) => 'verbatim' in text && text.verbatim === true)).toBe(true);
    expect(sectionTexts(messages[0] ?? [])).toContain('Never write @channel here, see #general.');
  });

  it('gives a plain escaped fallback text', () => {
    const { text } = renderAnswer(answerOf('Use **`pipeline()`** when a < b.'), {
      showFeedback: false,
      showFollowUps: false,
    });
    expect(text).toBe('Use pipeline() when a &lt; b.');
  });

  it('opens the first message with the asker and the question when askedBy is given', () => {
    const { messages } = renderAnswer(answerOf('A.', { question: 'Why is <this> slow?' }), {
      askedBy: 'U123ABC',
    });
    expect((messages[0]?.[0] as SectionBlock).text?.text).toBe(
      '<@U123ABC> asked: “Why is &lt;this&gt; slow?”',
    );
  });

  it('renders only notices, sources and buttons with footerOnly, to close a streamed answer', () => {
    const answer = answerOf('A long streamed answer.', { notices: ['Answered without the LLM.'] });
    const { messages } = renderAnswer(answer, { footerOnly: true, questionRef: 'R1' });
    expect(messages).toHaveLength(1);
    expect(messages[0]?.map((block) => block.block_id)).toEqual([
      'notices',
      'sources',
      'follow_ups',
      'feedback',
    ]);
    const empty = renderAnswer(answerOf('A.', { sources: [], followUps: [] }), {
      footerOnly: true,
      showFeedback: false,
    });
    expect(empty.messages).toEqual([]);
  });
});
