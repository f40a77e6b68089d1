import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPersona, parsePersona } from '../../src/mentor/persona.js';
import { FIXTURE_PERSONAS_DIR } from '../support/fixture-mentor.js';

const valid = `---
id: tester
name: Tester
display_name: Test Bot
icon_emoji: ':robot_face:'
summary: Tests things.
covers:
  - streams
  - memory leaks
decline: Not my area. I cover {covers}.
unsure: Not sure.
---

You are Tester.
`;

describe('persona loader', () => {
  it('loads the front matter, fills {covers} into the decline and keeps the body as the system prompt', async () => {
    const persona = await loadPersona(FIXTURE_PERSONAS_DIR, 'test-mentor');
    expect(persona.info).toEqual({
      id: 'test-mentor',
      name: 'Test Mentor',
      displayName: 'Test Mentor',
      iconEmoji: ':test_tube:',
    });
    expect(persona.decline).toBe(
      'I only help with Node.js here, namely memory leaks, streams and the event loop.',
    );
    expect(persona.systemPrompt).toMatch(/^You are Test Mentor, SYSTEM-PROMPT-MARKER\./);
    expect(persona.systemPrompt).not.toContain('---');
    expect(persona.covers).toEqual(['memory leaks', 'streams', 'the event loop']);
  });

  it('loads the shipped default persona', async () => {
    const directory = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'personas');
    const persona = await loadPersona(directory, 'senior-node');
    expect(persona.decline).not.toContain('{covers}');
    expect(persona.systemPrompt.length).toBeGreaterThan(200);
  });

  it('defaults declines to an empty list', () => {
    expect(parsePersona('tester.md', valid).declines).toEqual([]);
  });

  it.each([
    [
      'a missing required key',
      valid.replace('unsure: Not sure.\n', ''),
      /tester\.md:1: front matter "unsure"/,
    ],
    [
      'a bad emoji code',
      valid.replace("':robot_face:'", 'robot'),
      /tester\.md:5: front matter "icon_emoji": expected an emoji code/,
    ],
    ['an unknown key (a typo)', valid.replace('summary:', 'sumary: x\nsummary:'), /tester\.md:1: .*sumary/],
    [
      'an empty covers list',
      valid.replace('  - streams\n  - memory leaks\n', '').replace('covers:', 'covers: []'),
      /tester\.md:7: front matter "covers"/,
    ],
    ['invalid YAML', valid.replace('name: Tester', 'name: [Tester'), /tester\.md:\d+: invalid YAML/],
    ['no front matter', 'You are Tester.', /tester\.md:1: expected front matter/],
    [
      'an empty body',
      valid.replace('You are Tester.\n', ''),
      /tester\.md:13: the body \(the system prompt\) is empty/,
    ],
  ])('fails with file and line on %s', (_, source, message) => {
    expect(() => parsePersona('tester.md', source)).toThrow(message);
    try {
      parsePersona('tester.md', source);
    } catch (error) {
      expect(error).toMatchObject({ code: 'persona_invalid' });
    }
  });

  it('rejects a file whose id does not match its name, pointing at the id line', () => {
    expect(() => parsePersona('other.md', valid, 'other')).toThrow(
      /other\.md:2: front matter "id" is "tester"/,
    );
  });

  describe('from disk', () => {
    let directory: string;
    beforeAll(async () => {
      directory = await mkdtemp(path.join(tmpdir(), 'persona-'));
      await writeFile(path.join(directory, 'tester.md'), valid);
    });
    afterAll(() => rm(directory, { recursive: true, force: true }));

    it('reads <dir>/<id>.md', async () => {
      expect((await loadPersona(directory, 'tester')).displayName).toBe('Test Bot');
    });

    it('names the missing file and the setting to change', async () => {
      await expect(loadPersona(directory, 'missing')).rejects.toThrow(
        /persona: cannot read .*missing\.md \(set MENTOR_PERSONA/,
      );
    });
  });
});
