/**
 * @module mentor/persona — loads `personas/<id>.md`: YAML front matter (identity, scope, the
 * decline and unsure lines) validated with zod, and a Markdown body that is the LLM's system
 * prompt. A bad file fails with its path and line.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { AnswerPersona } from '../answer/types.js';
import { MentorError } from '../errors.js';
import { parseFrontMatter } from '../retrieval/front-matter.js';
import type { PersonaInfo } from './types.js';

const line = z.string().trim().min(1);

export const personaSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'expected a kebab-case id, e.g. senior-node'),
  name: line,
  display_name: line.max(80, 'Slack display names are at most 80 characters'),
  icon_emoji: z.string().regex(/^:[a-z0-9_+-]+:$/, 'expected an emoji code such as ":evergreen_tree:"'),
  summary: line,
  covers: z.array(line).min(1, 'list at least one topic the persona covers'),
  declines: z.array(line).default([]),
  decline: line,
  unsure: line,
});

export type PersonaFrontMatter = z.infer<typeof personaSchema>;

export interface Persona extends AnswerPersona {
  id: string;
  displayName: string;
  iconEmoji: string;
  summary: string;
  covers: string[];
  declines: string[];
  /** The decline line with `{covers}` already filled in. */
  decline: string;
  /** File the persona was loaded from, for messages. */
  file: string;
  info: PersonaInfo;
}

/**
 * Reads and validates `<directory>/<id>.md`.
 *
 * @example const persona = await loadPersona('personas', 'senior-node');
 */
export async function loadPersona(directory: string, id: string): Promise<Persona> {
  const file = path.join(directory, `${id}.md`);
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (error) {
    throw new MentorError(
      'persona_invalid',
      `persona: cannot read ${file} (set MENTOR_PERSONA to a file in ${directory})`,
      {
        cause: error,
      },
    );
  }
  return parsePersona(file, source, id);
}

/** Parses persona file text; `file` names it in errors, `expectedId` must match the front matter id. */
export function parsePersona(file: string, source: string, expectedId?: string): Persona {
  const parsed = parseFrontMatter(source, personaSchema);
  if (!parsed.ok)
    throw new MentorError('persona_invalid', `persona: ${file}:${parsed.line}: ${parsed.message}`);
  const data = parsed.data;
  if (expectedId !== undefined && data.id !== expectedId) {
    const idLine = source.split(/\r?\n/).findIndex((text) => /^id\s*:/.test(text)) + 1;
    throw new MentorError(
      'persona_invalid',
      `persona: ${file}:${idLine}: front matter "id" is "${data.id}", but the file name says "${expectedId}"`,
    );
  }
  const systemPrompt = parsed.body.trim();
  if (systemPrompt === '') {
    throw new MentorError(
      'persona_invalid',
      `persona: ${file}:${parsed.bodyLine}: the body (the system prompt) is empty`,
    );
  }
  const info: PersonaInfo = {
    id: data.id,
    name: data.name,
    displayName: data.display_name,
    iconEmoji: data.icon_emoji,
  };
  return {
    id: data.id,
    name: data.name,
    displayName: data.display_name,
    iconEmoji: data.icon_emoji,
    summary: data.summary,
    covers: data.covers,
    declines: data.declines,
    decline: data.decline.replaceAll('{covers}', joinList(data.covers)),
    unsure: data.unsure,
    systemPrompt,
    file,
    info,
  };
}

/** "a, b and c" */
function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
