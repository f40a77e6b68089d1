import type { ActionsBlock, ContextBlock, SectionBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { TopicSummary } from '../../src/mentor/types.js';
import {
  renderError,
  renderFeedbackThanks,
  renderHelp,
  renderThinking,
  renderRateLimited,
  renderTip,
  renderTopics,
} from '../../src/slack/render/index.js';

const texts = (blocks: { type: string }[]) =>
  blocks.flatMap((block) => {
    if (block.type === 'section') return [(block as SectionBlock).text?.text ?? ''];
    if (block.type === 'context') {
      return (block as ContextBlock).elements.map((element) => ('text' in element ? element.text : ''));
    }
    return [];
  });

describe('renderTip', () => {
  const tip = {
    id: 'timeouts',
    title: 'Time out every fetch',
    text: 'Use **`AbortSignal.timeout()`** so a slow server cannot hang you.',
    snippet: 'await fetch(url, { signal: AbortSignal.timeout(5_000) }); // a < b',
    lang: 'js',
    see: 'http-clients#timeouts',
  };

  it('shows the title, the text, the snippet as code and a Tell me more button with the section ref', () => {
    const { text, blocks } = renderTip(tip);
    expect(text).toBe('Tip of the day: Time out every fetch');
    const shown = texts(blocks).join('\n');
    expect(shown).toContain('*Time out every fetch*');
    expect(shown).toContain('Use *`AbortSignal.timeout()`* so a slow server cannot hang you.');
    expect(shown).toContain(
      '```\nawait fetch(url, { signal: AbortSignal.timeout(5_000) }); // a &lt; b\n```',
    );
    const actions = blocks.at(-1) as ActionsBlock;
    expect(actions.elements).toMatchObject([
      { type: 'button', action_id: 'tip_more', value: 'http-clients#timeouts' },
    ]);
  });

  it('has no code block without a snippet', () => {
    const { blocks } = renderTip({ ...tip, snippet: undefined });
    expect(texts(blocks).join('\n')).not.toContain('```');
  });
});

describe('renderTopics', () => {
  it('lists each playbook with its summary and tags, escaped', () => {
    const topics: TopicSummary[] = [
      {
        id: 'memory',
        title: 'Memory & leaks',
        summary: 'Find leaks with **heap snapshots**.',
        tags: ['memory'],
      },
      { id: 'streams', title: 'Streams', summary: '', tags: [] },
    ];
    const shown = texts(renderTopics(topics).blocks).join('\n');
    expect(shown).toContain('• *Memory &amp; leaks* — Find leaks with *heap snapshots*. _(memory)_');
    expect(shown).toContain('• *Streams*');
    expect(shown).toContain('`/ask-node &lt;question&gt;`');
  });

  it('stays within one message for hundreds of playbooks and says how many were left out', () => {
    const topics = Array.from({ length: 400 }, (_, index) => ({
      id: `p${index}`,
      title: `Playbook ${index}`,
      summary: 'A summary that is long enough to take some room in the list. '.repeat(3),
      tags: ['a', 'b'],
    }));
    const { blocks } = renderTopics(topics);
    expect(blocks.length).toBeLessThanOrEqual(50);
    const shown = texts(blocks);
    expect(shown.join('').length).toBeLessThanOrEqual(10_000);
    for (const text of shown) expect(text.length).toBeLessThanOrEqual(3_000);
    expect(shown.at(-1)).toMatch(/^…and \d+ more\./);
  });

  it('says so when no playbooks are loaded', () => {
    expect(renderTopics([]).text).toMatch(/No playbooks/);
  });
});

describe('renderHelp', () => {
  it('explains the command, mentions and DMs in the persona name', () => {
    const { blocks } = renderHelp({
      id: 'senior-node',
      name: 'senior-node',
      displayName: 'Nora',
      iconEmoji: ':owl:',
    });
    const shown = texts(blocks).join('\n');
    expect(shown).toContain(':owl: *Nora*');
    expect(shown).toContain('`/ask-node &lt;question&gt;`');
    expect(shown).toContain('`/ask-node topics`');
    expect(shown).toContain('Mention *@Nora*');
    expect(shown).toMatch(/direct message/);
    expect(shown).not.toMatch(/<[^@#!h]/);
  });
});

describe('renderError and renderRateLimited', () => {
  it('shows a friendly line and the reference id', () => {
    const { text, blocks } = renderError('7KQ2M9');
    expect(texts(blocks)).toEqual([expect.stringMatching(/^:warning: Sorry/), 'ref `7KQ2M9`']);
    expect(text).toMatch(/\(ref 7KQ2M9\)$/);
  });

  it('shows a given message, escaped', () => {
    expect(texts(renderError('AAAAAA', 'The index is <missing> & rebuilding.').blocks)[0]).toBe(
      ':warning: The index is &lt;missing&gt; &amp; rebuilding.',
    );
  });

  it.each([
    [400, '1 second'],
    [12_300, '13 seconds'],
    [120_000, 'about 2 minutes'],
    [Number.NaN, '60 seconds'],
  ])('asks to wait %d ms as "%s"', (retryAfterMs, wait) => {
    expect(renderRateLimited(retryAfterMs).text).toContain(`try again in ${wait}.`);
  });
});

describe('renderThinking and renderFeedbackThanks', () => {
  it('echoes the question, escaped and shortened', () => {
    const { text } = renderThinking(`why does <Map>\n leak ${'x'.repeat(500)}`);
    expect(text).toMatch(/^Thinking about “why does &lt;Map&gt; leak x+…”/);
    expect(text.length).toBeLessThan(300);
  });

  it('thanks each vote differently', () => {
    expect(renderFeedbackThanks('up').text).toContain('👍');
    expect(renderFeedbackThanks('down').text).toContain('👎');
  });
});
