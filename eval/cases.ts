/**
 * @module eval/cases — reads `eval/questions.jsonl`: one case per line, an on-topic question with
 * the concepts a good answer must mention, or an off-topic / injection prompt that must be declined.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EvalCase } from './score.js';

export const QUESTIONS_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'questions.jsonl');

export async function loadCases(file = QUESTIONS_FILE): Promise<EvalCase[]> {
  const text = await readFile(file, 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      try {
        return JSON.parse(line) as EvalCase;
      } catch (error) {
        throw new Error(`eval: ${file}:${index + 1} is not valid JSON`, { cause: error });
      }
    });
}
