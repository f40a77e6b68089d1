/**
 * @module eval/cases — reads `eval/questions.jsonl`: one case per line, an on-topic question with
 * the concepts a good answer must mention, or an off-topic / injection prompt that must be declined.
 * Each line is validated, so a typo fails with its line number instead of scoring silently wrong.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { EvalCase } from './score.js';

export const QUESTIONS_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'questions.jsonl');

const text = z.string().trim().min(1);
const history = z.array(z.strictObject({ role: z.enum(['user', 'assistant']), text })).optional();
const caseSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    id: text,
    kind: z.literal('answer'),
    playbook: text,
    question: text,
    concepts: z.array(text).min(1),
    history,
  }),
  z.strictObject({ id: text, kind: z.literal('decline'), question: text, why: text, history }),
]);

export async function loadCases(file = QUESTIONS_FILE): Promise<EvalCase[]> {
  const lines = (await readFile(file, 'utf8')).split('\n');
  const cases: EvalCase[] = [];
  const ids = new Set<string>();
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const where = `eval: ${file}:${index + 1}`;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      throw new Error(`${where} is not valid JSON`, { cause: error });
    }
    const parsed = caseSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${where}: ${issue?.path.join('.') || 'case'}: ${issue?.message}`);
    }
    if (ids.has(parsed.data.id)) throw new Error(`${where}: duplicate id "${parsed.data.id}"`);
    ids.add(parsed.data.id);
    cases.push(parsed.data);
  }
  return cases;
}
