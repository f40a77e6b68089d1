import { describe, expect, it } from 'vitest';
import { parseBlocks, splitSentences } from '../../src/answer/markdown-blocks.js';

describe('markdown blocks', () => {
  it('splits paragraphs, lists, tables and fenced code, keeping code byte for byte', () => {
    const code = '```js\nconst a = 1;\n\nconst b = `${a}. Next`;\n```';
    const markdown = [
      'A heap snapshot records every object. Take one on a drained instance:',
      code,
      '- first item\n  continues here\n- second item',
      '1. one\n2. two',
      '| code | meaning |\n| --- | --- |\n| 137 | SIGKILL |',
    ].join('\n\n');
    const blocks = parseBlocks(markdown);
    expect(blocks.map((block) => block.kind)).toEqual(['paragraph', 'code', 'list', 'list', 'table']);
    expect(blocks[1]).toEqual({ kind: 'code', lang: 'js', text: code });
    expect(blocks[2]).toEqual({
      kind: 'list',
      ordered: false,
      items: ['first item continues here', 'second item'],
    });
    expect(blocks[3]).toEqual({ kind: 'list', ordered: true, items: ['one', 'two'] });
  });

  it('separates a lead-in paragraph from a list that follows without a blank line', () => {
    const blocks = parseBlocks('The flag has modes:\n- `throw`: crash\n- `warn`: log');
    expect(blocks.map((block) => block.kind)).toEqual(['paragraph', 'list']);
  });

  it('does not end a fence on a longer or indented marker inside it', () => {
    const code = '````md\n```js\nx\n```\n````';
    expect(parseBlocks(code)).toEqual([{ kind: 'code', lang: 'md', text: code }]);
  });

  it('splits sentences but not at e.g., versions or inside inline code', () => {
    expect(splitSentences('Use a pool, e.g. pg.Pool. Node 20.11 added it. Call `a. B` twice! Done')).toEqual([
      'Use a pool, e.g. pg.Pool.',
      'Node 20.11 added it.',
      'Call `a. B` twice!',
      'Done',
    ]);
  });
});
