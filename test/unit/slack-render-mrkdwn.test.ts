import { describe, expect, it } from 'vitest';
import {
  convertInline,
  escapeMrkdwn,
  fallbackText,
  markdownToMrkdwn,
  markdownToParts,
  packSections,
} from '../../src/slack/render/index.js';

/** What Slack shows for an escaped string: its three entities decoded. */
function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

describe('markdownToMrkdwn', () => {
  it.each([
    ['bold with stars', '**bold** text', '*bold* text'],
    ['bold with underscores', '__bold__ text', '*bold* text'],
    ['italic with a star', 'an *italic* word', 'an _italic_ word'],
    ['italic with underscores', 'an _italic_ word', 'an _italic_ word'],
    ['bold and italic together', '***both***', '_*both*_'],
    ['italic inside bold', '**bold _and italic_ too**', '*bold _and italic_ too*'],
    ['strikethrough', '~~gone~~ now', '~gone~ now'],
    ['link', 'see [the docs](https://nodejs.org/api/)', 'see <https://nodejs.org/api/|the docs>'],
    ['link label loses its markers', '[**bold** label](https://a.dev)', '<https://a.dev|bold label>'],
    ['link with & in the url', '[q](https://a.dev/?x=1&y=2)', '<https://a.dev/?x=1&amp;y=2|q>'],
    ['autolink', '<https://a.dev/x>', '<https://a.dev/x>'],
    [
      'bare url, trailing punctuation outside',
      'See https://nodejs.org/api/fs.html.',
      'See <https://nodejs.org/api/fs.html>.',
    ],
    [
      'bare url in parentheses',
      '(https://en.wikipedia.org/wiki/Node_(software))',
      '(<https://en.wikipedia.org/wiki/Node_(software)>)',
    ],
    [
      'bare url with underscores and &',
      'go https://a.dev/_x_?a=1&b=2 now',
      'go <https://a.dev/_x_?a=1&amp;b=2> now',
    ],
    ['no url inside a word', 'xhttps://a.dev', 'xhttps://a.dev'],
    ['relative link keeps only its label', '[the playbook](./memory.md#heap)', 'the playbook'],
    ['image', '![diagram](https://a.dev/d.png)', '<https://a.dev/d.png|diagram>'],
    ['heading', '## Find the *leak*', '*Find the _leak_*'],
    ['bold inside a heading is not nested', '# **Streams** 101', '*Streams 101*'],
    ['setext heading', 'Title\n=====', '*Title*'],
    ['inline code', 'call `fs.readFile()` once', 'call `fs.readFile()` once'],
    ['soft line breaks join', 'one\ntwo', 'one two'],
    ['hard line break stays', 'one  \ntwo', 'one\ntwo'],
    ['blockquote', '> quoted **text**\n> more', '> quoted *text* more'],
    ['rule', 'a\n\n---\n\nb', 'a\n\n───\n\nb'],
    ['task list', '- [ ] todo\n- [x] done', '• ☐ todo\n• ☑ done'],
    ['escaped marker stays literal', 'not \\*italic\\*', 'not *italic*'],
    ['entity is not escaped twice', 'a &amp; b', 'a &amp; b'],
  ])('converts %s', (_name, markdown, expected) => {
    expect(markdownToMrkdwn(markdown)).toBe(expected);
  });

  it('converts nested bullet and numbered lists, numbering from the first item', () => {
    const markdown = [
      '- one',
      '- two',
      '  - nested',
      '    - deeper',
      '- three',
      '',
      '3. c',
      '4. d',
      '   1. sub',
    ].join('\n');
    expect(markdownToMrkdwn(markdown)).toBe(
      [
        '• one',
        '• two',
        '    ◦ nested',
        '        ▪ deeper',
        '• three',
        '',
        '3. c',
        '4. d',
        '    1. sub',
      ].join('\n'),
    );
  });

  it('renumbers a list written with repeated numbers', () => {
    expect(markdownToMrkdwn('1. a\n1. b\n1. c')).toBe('1. a\n2. b\n3. c');
  });

  it('escapes &, < and > in text, so nothing becomes a Slack mention or link', () => {
    expect(markdownToMrkdwn('if a < b && c > d, ping <!channel> or <@U123>')).toBe(
      'if a &lt; b &amp;&amp; c &gt; d, ping &lt;!channel&gt; or &lt;@U123&gt;',
    );
  });

  it('keeps fenced code verbatim: no conversion, language tag dropped, entities Slack decodes back', () => {
    const code =
      'const map: Map<string, number> = new Map(); // **not bold** _not italic_ ~~no~~ [x](y)\nif (a && b) {}';
    const mrkdwn = markdownToMrkdwn(`Before\n\n\`\`\`ts\n${code}\n\`\`\`\n\nAfter **bold**`);
    expect(mrkdwn).toBe(`Before\n\n\`\`\`\n${escapeMrkdwn(code)}\n\`\`\`\n\nAfter *bold*`);
    const fenced = /```\n([\s\S]*?)\n```/.exec(mrkdwn)?.[1] ?? '';
    expect(unescapeSlack(fenced)).toBe(code);
  });

  it('keeps code indentation and tabs', () => {
    const code = 'function f() {\n\treturn 1;\n    // four spaces\n}';
    expect(unescapeSlack(markdownToMrkdwn(`\`\`\`\n${code}\n\`\`\``))).toBe(`\`\`\`\n${code}\n\`\`\``);
  });

  it('keeps markers inside inline code', () => {
    expect(convertInline('use `a**b**c` and `x_y_z` or `<T>`')).toBe(
      'use `a**b**c` and `x_y_z` or `&lt;T&gt;`',
    );
  });

  it('runs an unclosed fence to the end, still fenced', () => {
    expect(markdownToMrkdwn('text\n\n```js\nconst a = 1;')).toBe('text\n\n```\nconst a = 1;\n```');
  });

  it('keeps a code block inside a list item fenced and unindented', () => {
    expect(markdownToMrkdwn('- run it:\n\n  ```sh\n  node --inspect app.js\n  ```\n- done')).toBe(
      '• run it:\n\n```\nnode --inspect app.js\n```\n\n• done',
    );
  });

  it('turns a table into an aligned code block of plain cells', () => {
    const markdown = '| name | note |\n| --- | :-: |\n| `heap` | **big** |\n| cpu & io | x |';
    expect(markdownToMrkdwn(markdown)).toBe(
      '```\nname     | note\n---------|-----\nheap     | big\ncpu &amp; io | x\n```',
    );
  });

  it('drops emphasis Slack cannot show inside a word instead of printing stray markers', () => {
    expect(markdownToMrkdwn('intra**word**bold and snake_case_name')).toBe(
      'intrawordbold and snake_case_name',
    );
  });

  it('leaves unpaired markers as they were written', () => {
    expect(markdownToMrkdwn('2 * 3 * 4 and **not closed')).toBe('2 * 3 * 4 and **not closed');
  });

  it('never writes an unbalanced marker of its own', () => {
    const inputs = [
      '**a** *b* __c__ _d_ ~~e~~',
      '***x*** and **bold *nested* bold**',
      '*italic **bold** italic*',
      '**bold [link](https://a.dev) bold** end',
      '# Heading with *em* and `code`',
      '> **quoted** _text_\n> - **item**',
    ];
    for (const input of inputs) {
      for (const line of markdownToMrkdwn(input).split('\n')) {
        const outside = line.replace(/`[^`]*`/g, '').replace(/<[^>]*>/g, '');
        for (const marker of ['*', '_', '~']) {
          expect(outside.split(marker).length % 2, `${marker} in ${JSON.stringify(line)}`).toBe(1);
        }
      }
    }
  });
});

describe('markdownToMrkdwn on arbitrary input', () => {
  it('turns a stray backtick or ``` in prose into a lookalike, so it cannot open code in Slack', () => {
    expect(markdownToMrkdwn('a lone ` tick')).toBe('a lone ˋ tick');
    expect(markdownToMrkdwn('```inline``` and \\` escaped')).toBe('`inline` and ˋ escaped');
    expect(markdownToMrkdwn('an unclosed ``` run')).toBe('an unclosed ˋˋˋ run');
  });

  it('never leaves a raw <, > or ``` outside links, quotes and code, nor an open fence in a section', () => {
    const pieces = [
      '*',
      '**',
      '_',
      '~~',
      '`',
      '```',
      '```js\n',
      '\n',
      '\n\n',
      ' ',
      'word',
      '[',
      '](',
      ')',
      'https://a.dev/?q=1&r=2',
      '<',
      '>',
      '&',
      '## ',
      '- ',
      '1. ',
      '  - ',
      '> ',
      '| a |',
      '|---|',
      '\\',
      '!',
      '😀',
    ];
    let seed = 7;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    for (let round = 0; round < 1_000; round += 1) {
      const markdown = Array.from(
        { length: Math.floor(next() * 60) },
        () => pieces[Math.floor(next() * pieces.length)],
      ).join('');
      const mrkdwn = markdownToMrkdwn(markdown);
      const prose = mrkdwn
        .replace(/```\n[\s\S]*?\n```/g, '')
        .replace(/<(?:https?:|mailto:)[^<>]*>/g, '')
        .replace(/^(?:> )+/gm, '');
      expect(prose, JSON.stringify(markdown)).not.toMatch(/[<>]|```/);
      for (const section of packSections(markdownToParts(markdown), 120)) {
        expect(section.length).toBeLessThanOrEqual(120);
        expect(section.split('\n').filter((line) => line.startsWith('```')).length % 2).toBe(0);
      }
    }
  });
});

describe('fallbackText', () => {
  it('gives plain escaped words and is cut to the requested length', () => {
    expect(fallbackText('## Title\n\nUse **pipeline** & [docs](https://a.dev).')).toBe(
      'Title\nUse pipeline &amp; docs.',
    );
    expect(fallbackText('word '.repeat(100), 20)).toHaveLength(20);
  });
});
