/**
 * @module retrieval/load-playbooks — reads `knowledge/*.md`. A malformed file is reported with
 * its name and line and skipped; the others still load.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
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

/** A playbook file as read from disk, before parsing. */
export interface PlaybookSource {
  /** File name, e.g. `memory-leaks.md`. */
  name: string;
  /** The file's bytes; decoded only when the file is parsed. */
  bytes: Buffer;
  /** sha256 of the bytes: an unchanged file need not be parsed or chunked again. */
  sha256: string;
}

/**
 * Reads every `*.md` file in `directory`, sorted by name so indexing is deterministic. Runs at
 * start-up and in the CLI, never while serving: synchronous reads are several times faster than
 * `fs/promises` for a few dozen small files, which keeps `index` after one edit cheap.
 */
export async function readPlaybookSources(directory: string): Promise<PlaybookSource[]> {
  let names: string[];
  try {
    names = readdirSync(directory)
      .filter((name) => name.endsWith('.md'))
      .sort();
  } catch (error) {
    throw new MentorError('knowledge_invalid', `knowledge: cannot read the playbook directory ${directory}`, {
      cause: error,
    });
  }
  return names.map((name) => {
    const bytes = readFileSync(path.join(directory, name));
    return { name, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
  });
}

/** Loads and parses every playbook in `directory`; malformed ones go to `problems`. */
export async function loadPlaybooks(directory: string): Promise<LoadedPlaybooks> {
  const playbooks: Playbook[] = [];
  const problems: KnowledgeProblem[] = [];
  for (const source of await readPlaybookSources(directory)) {
    const result = parsePlaybook(source.name, source.bytes.toString('utf8'));
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
