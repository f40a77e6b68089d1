import { describe, expect, it } from 'vitest';
import { splitForStreaming } from '../../src/slack/render/index.js';

function fenceCount(text: string): number {
  return text.split('\n').filter((line) => /^\s*```/.test(line)).length;
}

describe('splitForStreaming', () => {
  it('returns short Markdown as one piece', () => {
    expect(splitForStreaming('Hello **there**.')).toEqual(['Hello **there**.']);
  });

  it('cuts between paragraphs, each piece within the limit, and loses nothing', () => {
    const markdown = Array.from({ length: 60 }, (_, index) => `Paragraph ${index} about **streams**.`).join(
      '\n\n',
    );
    const pieces = splitForStreaming(markdown, 200);
    expect(pieces.length).toBeGreaterThan(5);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(200);
    expect(pieces.join('')).toBe(markdown);
    expect(pieces.slice(0, -1).every((piece) => piece.endsWith('\n\n'))).toBe(true);
  });

  it('never cuts inside a code block that fits', () => {
    const code =
      '```js\n' + Array.from({ length: 8 }, (_, index) => `console.log(${index});`).join('\n') + '\n```\n';
    const markdown = `${'Intro words. '.repeat(10)}\n\n${code}\n${'Outro words. '.repeat(10)}`;
    const pieces = splitForStreaming(markdown, 200);
    for (const piece of pieces) expect(fenceCount(piece) % 2).toBe(0);
    expect(pieces.join('')).toBe(markdown);
    expect(pieces).toContain(code + '\n');
  });

  it('splits a code block longer than the limit into several fenced blocks with its language', () => {
    const lines = Array.from({ length: 500 }, (_, index) => `const value${index} = compute(${index});`);
    const pieces = splitForStreaming(`Before.\n\n\`\`\`ts\n${lines.join('\n')}\n\`\`\`\n\nAfter.`, 12_000);
    expect(pieces.length).toBeGreaterThan(1);
    const code: string[] = [];
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(12_000);
      expect(fenceCount(piece) % 2).toBe(0);
      let inside = false;
      for (const line of piece.split('\n')) {
        if (line.startsWith('```')) {
          if (!inside) expect(line).toBe('```ts');
          inside = !inside;
        } else if (inside) code.push(line);
      }
    }
    expect(code).toEqual(lines);
  });

  it('cuts an overlong line at words', () => {
    const markdown = 'word '.repeat(100).trim();
    const pieces = splitForStreaming(markdown, 64);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(64);
    expect(pieces.join('')).toBe(markdown);
  });
});
