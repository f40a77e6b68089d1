/**
 * @module mentor/tips — tips of the day: loading `knowledge/tips/*.yml` (a bad file or entry is
 * reported by file and line, the rest still load) and a rotation that never repeats a tip until
 * every tip was given, persisted through the state port so it survives restarts.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { isSeq, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { headingAnchor, type KnowledgeProblem } from '../retrieval/index.js';
import type { KeyValueState, Tip } from './types.js';

const tipSchema = z
  .strictObject({
    title: z.string().trim().min(3).max(120),
    text: z.string().trim().min(20).max(400, 'a tip is at most 400 characters'),
    snippet: z.string().max(600).optional(),
    lang: z
      .string()
      .regex(/^[a-z]+$/)
      .optional(),
    see: z.string().regex(/^[a-z0-9-]+#[\p{L}\p{N}_-]+$/u, 'expected <playbook-id>#<anchor>'),
  })
  .refine((tip) => tip.snippet === undefined || tip.lang !== undefined, {
    message: 'a tip with a snippet needs its lang',
    path: ['lang'],
  });

export interface LoadedTips {
  tips: Tip[];
  problems: KnowledgeProblem[];
}

/** Loads every `*.yml` file in `directory`; `problems` name file and line. */
export async function loadTips(directory: string): Promise<LoadedTips> {
  const names = (await readdir(directory).catch(() => [] as string[]))
    .filter((name) => name.endsWith('.yml'))
    .sort();
  const tips: Tip[] = [];
  const problems: KnowledgeProblem[] = [];
  for (const name of names) {
    const parsed = parseTipsFile(path.join('tips', name), await readFile(path.join(directory, name), 'utf8'));
    tips.push(...parsed.tips);
    problems.push(...parsed.problems);
  }
  return { tips, problems };
}

/** Parses one tips file; `file` is the name used in problems. */
export function parseTipsFile(file: string, source: string): LoadedTips {
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter, prettyErrors: false });
  const lineAt = (offset: number | undefined) =>
    offset === undefined ? 1 : lineCounter.linePos(offset).line;
  const yamlError = document.errors[0];
  if (yamlError) {
    return {
      tips: [],
      problems: [
        {
          file,
          line: lineAt(yamlError.pos[0]),
          message: `invalid YAML: ${yamlError.message.split('\n')[0]}`,
        },
      ],
    };
  }
  if (!isSeq(document.contents))
    return { tips: [], problems: [{ file, line: 1, message: 'expected a list of tips' }] };
  const tips: Tip[] = [];
  const problems: KnowledgeProblem[] = [];
  const entries = document.toJS() as unknown[];
  document.contents.items.forEach((item, index) => {
    const parsed = tipSchema.safeParse(entries[index]);
    const line = lineAt(item.range?.[0]);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      problems.push({
        file,
        line,
        message: `tip ${index + 1}: ${issue?.path.join('.') || 'entry'}: ${issue?.message}`,
      });
      return;
    }
    tips.push({ id: headingAnchor(parsed.data.title), ...parsed.data });
  });
  return { tips, problems };
}

export interface TipRotation {
  /** The next tip for `scope` (e.g. a channel id): no repeats until all tips were given. */
  next(scope: string): Promise<Tip>;
}

interface RotationState {
  given: string[];
}

/**
 * @example
 * const rotation = createTipRotation({ tips, state });
 * const tip = await rotation.next('C0123');
 */
export function createTipRotation(options: { tips: Tip[]; state: KeyValueState }): TipRotation {
  const { tips, state } = options;
  if (tips.length === 0) throw new Error('tips: the rotation needs at least one tip');
  return {
    async next(scope) {
      const key = `tips:given:${scope}`;
      const known = new Set(tips.map((tip) => tip.id));
      const given = ((await state.get<RotationState>(key))?.given ?? []).filter((id) => known.has(id));
      const givenSet = new Set(given);
      const remaining = tips.filter((tip) => !givenSet.has(tip.id));
      const pool = remaining.length > 0 ? remaining : tips;
      const tip = pool[spread(given.length, scope) % pool.length] as Tip;
      await state.set<RotationState>(key, { given: remaining.length > 0 ? [...given, tip.id] : [tip.id] });
      return tip;
    },
  };
}

/** Spreads picks over the pool deterministically per scope, so channels don't all get the same tip. */
function spread(count: number, scope: string): number {
  let hash = count * 2_654_435_761;
  for (const character of scope) hash = (hash * 31 + character.charCodeAt(0)) >>> 0;
  return hash >>> 0;
}
