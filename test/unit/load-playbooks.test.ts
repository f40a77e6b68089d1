import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPlaybooks, parsePlaybook } from '../../src/retrieval/load-playbooks.js';

const fixtures = fileURLToPath(new URL('../fixtures/playbooks/', import.meta.url));

describe('loadPlaybooks', () => {
  it('loads the good files and reports a malformed one with its file and line', async () => {
    const { playbooks, problems } = await loadPlaybooks(fixtures);
    expect(playbooks.map((playbook) => playbook.id)).toEqual(['heap-growth', 'request-limits']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'broken-front-matter.md', line: 4 });
    expect(problems[0]?.message).toMatch(/invalid YAML/);
  });

  it('names a missing or unknown front matter key and its line', () => {
    const missing = parsePlaybook('x.md', '---\ntitle: Only a title\n---\n# Only a title\n');
    expect(missing).toMatchObject({ problem: { file: 'x.md', line: 1 } });
    const unknown = parsePlaybook(
      'y.md',
      "---\ntitle: A title\nsummary: A summary long enough.\ntags: [a]\nlevel: beginner\nnode: '>=20'\nauthor: me\n---\nBody\n",
    );
    expect('problem' in unknown && unknown.problem.message).toMatch(/author|unrecognized/i);
    const badLevel = parsePlaybook(
      'z.md',
      "---\ntitle: A title\nsummary: A summary long enough.\ntags: [a]\nlevel: expert\nnode: '>=20'\n---\nBody\n",
    );
    expect(badLevel).toMatchObject({ problem: { line: 5 } });
  });

  it('rejects a file without front matter and a non-kebab-case name', () => {
    expect(parsePlaybook('notes.md', '# Notes\n')).toMatchObject({ problem: { line: 1 } });
    expect(parsePlaybook('My Notes.md', '---\n---\n')).toMatchObject({
      problem: { message: expect.stringMatching(/kebab-case/) },
    });
  });
});
