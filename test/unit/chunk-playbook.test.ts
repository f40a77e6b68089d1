import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { chunkPlaybook, headingLabel } from '../../src/retrieval/chunk-playbook.js';
import { parsePlaybook } from '../../src/retrieval/load-playbooks.js';
import type { Playbook } from '../../src/retrieval/types.js';

function playbook(body: string): Playbook {
  const source = `---\ntitle: Test playbook\nsummary: A playbook for tests.\ntags: [test]\nlevel: beginner\nnode: '>=20'\n---\n${body}`;
  const result = parsePlaybook('test-playbook.md', source);
  if ('problem' in result) throw new Error(result.problem.message);
  return result.playbook;
}

describe('chunkPlaybook', () => {
  it('makes one chunk per section with its heading path and GitHub-style anchor', async () => {
    const source = await readFile(new URL('../fixtures/playbooks/heap-growth.md', import.meta.url), 'utf8');
    const parsed = parsePlaybook('heap-growth.md', source);
    if ('problem' in parsed) throw new Error(parsed.problem.message);
    const chunks = chunkPlaybook(parsed.playbook);
    expect(chunks.map((chunk) => [chunk.id, headingLabel(chunk.headingPath)])).toEqual([
      ['heap-growth#heap-growth-and-memory-leaks', 'Overview'],
      ['heap-growth#symptoms', 'Symptoms'],
      ['heap-growth#take-a-heap-snapshot', 'Diagnose › Take a heap snapshot'],
      ['heap-growth#watch-garbage-collection', 'Diagnose › Watch garbage collection'],
      ['heap-growth#fix', 'Fix'],
    ]);
    expect(
      chunks.every(
        (chunk) => chunk.path === 'heap-growth.md' && chunk.playbookTitle === 'Heap growth and memory leaks',
      ),
    ).toBe(true);
  });

  it('ignores headings inside fenced code blocks', () => {
    const chunks = chunkPlaybook(playbook('## Shell\n\n```bash\n# not a heading\necho hi\n```\n'));
    expect(chunks).toHaveLength(1);
    expect(chunks[0]?.text).toContain('# not a heading');
  });

  it('never splits a code block and overlaps the parts of a long section', () => {
    const paragraph = (n: number) => `Paragraph ${n} explains one more detail of the heap.`;
    const code = ['```js', ...Array.from({ length: 40 }, (_, i) => `const value${i} = ${i};`), '```'].join(
      '\n',
    );
    const body = ['## Long', paragraph(1), paragraph(2), code, paragraph(3), paragraph(4)].join('\n\n');
    const chunks = chunkPlaybook(playbook(body), { maxChars: 300, overlapChars: 200 });
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.map((chunk) => chunk.id)).toEqual(
      chunks.map((_, index) => `test-playbook#long${index === 0 ? '' : `~${index + 1}`}`),
    );
    const withCode = chunks.filter((chunk) => chunk.text.includes('```js'));
    expect(withCode).toHaveLength(1);
    expect(withCode[0]?.text).toContain(code);
    expect(chunks[1]?.text.startsWith(paragraph(2))).toBe(true);
  });

  it('gives repeated headings distinct anchors and changes the hash only when content changes', () => {
    const first = chunkPlaybook(playbook('## Fix\n\nOne.\n\n## Fix\n\nTwo.\n'));
    expect(first.map((chunk) => chunk.anchor)).toEqual(['fix', 'fix-1']);
    const edited = chunkPlaybook(playbook('## Fix\n\nOne.\n\n## Fix\n\nTwo, edited.\n'));
    expect(edited[0]?.hash).toBe(first[0]?.hash);
    expect(edited[1]?.hash).not.toBe(first[1]?.hash);
  });
});
