/**
 * @module retrieval/load-playbooks — reads `knowledge/*.md`. A malformed file is reported with
 * its name and line and skipped; the others still load.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { MentorError } from '../errors.js';
import { parseFrontMatter } from './front-matter.js';
import type { Playbook, PlaybookMeta } from './types.js';

export const playbookMetaSchema: z.ZodType<PlaybookMeta> = z.strictObject({
  title: z.string().trim().min(3),
  summary: z.string().trim().min(10),
  tags: z
    .array(z.string().regex(/^[a-z0-9][a-z0-9.+#_-]*$/, 'tags are lowercase words'))
    .min(1)
    .max(12),
  level: z.enum(['beginner', 'intermediate', 'advanced']),
  node: z.string().trim().min(1),
});

export interface KnowledgeProblem {
  /** Path relative to the knowledge directory. */
  file: string;
  line: number;
  message: string;
}

export interface LoadedPlaybooks {
  playbooks: Playbook[];
  problems: KnowledgeProblem[];
}

const PLAYBOOK_ID = /^[a-z0-9][a-z0-9-]*$/;

/** Loads every playbook in `directory`, sorted by id so indexing is deterministic. */
export async function loadPlaybooks(directory: string): Promise<LoadedPlaybooks> {
  let names: string[];
  try {
    names = (await readdir(directory)).filter((name) => name.endsWith('.md')).sort();
  } catch (error) {
    throw new MentorError('knowledge_invalid', `knowledge: cannot read the playbook directory ${directory}`, {
      cause: error,
    });
  }
  const playbooks: Playbook[] = [];
  const problems: KnowledgeProblem[] = [];
  for (const name of names) {
    const result = parsePlaybook(name, await readFile(path.join(directory, name), 'utf8'));
    if ('problem' in result) problems.push(result.problem);
    else playbooks.push(result.playbook);
  }
  return { playbooks, problems };
}

/** Parses one playbook file's text; `name` is its file name (e.g. `memory-leaks.md`). */
export function parsePlaybook(
  name: string,
  source: string,
): { playbook: Playbook } | { problem: KnowledgeProblem } {
  const id = name.replace(/\.md$/, '');
  if (!PLAYBOOK_ID.test(id)) {
    return {
      problem: { file: name, line: 1, message: 'file name must be kebab-case, e.g. memory-leaks.md' },
    };
  }
  const parsed = parseFrontMatter(source, playbookMetaSchema);
  if (!parsed.ok) return { problem: { file: name, line: parsed.line, message: parsed.message } };
  if (!/\S/.test(parsed.body)) {
    return {
      problem: {
        file: name,
        line: parsed.bodyLine,
        message: 'the playbook has no content after its front matter',
      },
    };
  }
  return { playbook: { ...parsed.data, id, path: name, body: parsed.body, bodyLine: parsed.bodyLine } };
}

export function formatProblem(problem: KnowledgeProblem): string {
  return `${problem.file}:${problem.line}: ${problem.message}`;
}
