/**
 * @module cli/commands/ask-command — `node-mentor ask "question" [--json]` and `ask --batch FILE|-`.
 * The JSON shapes are a contract: the eval and later tooling parse them.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { toMentorError } from '../../errors.js';
import type { Answer, MentorService } from '../../mentor/types.js';
import type { CommandContext } from '../context.js';

export interface AskJson {
  question: string;
  answer: string;
  sources: { title: string; path: string; heading: string; score: number }[];
  provider: { answer: string; embedder: string };
  timings_ms: { retrieve: number; generate: number; total: number };
}

export function toAskJson(answer: Answer): AskJson {
  return {
    question: answer.question,
    answer: answer.markdown,
    sources: answer.sources.map(({ title, path, heading, score }) => ({ title, path, heading, score })),
    provider: answer.provider,
    timings_ms: {
      retrieve: round(answer.timings.retrieveMs),
      generate: round(answer.timings.generateMs),
      total: round(answer.timings.totalMs),
    },
  };
}

export async function runAskCommand(
  context: CommandContext,
  mentor: MentorService,
  options: { question: string; json: boolean },
): Promise<number> {
  const answer = await mentor.ask({ question: options.question });
  const { stdout } = context.io;
  if (options.json) {
    stdout.write(`${JSON.stringify(toAskJson(answer))}\n`);
    return 0;
  }
  stdout.write(`${answer.markdown.trim()}\n`);
  if (answer.sources.length > 0) {
    stdout.write('\nSources:\n');
    for (const source of answer.sources)
      stdout.write(`  - ${source.title} › ${source.heading} (${source.path})\n`);
  }
  return 0;
}

/** Answers JSON lines `{"id","question"}`; a bad line yields an error line for its id and the batch goes on. */
export async function runAskBatch(
  context: CommandContext,
  mentor: MentorService,
  source: string,
): Promise<number> {
  const input = source === '-' ? context.io.stdin : createReadStream(source, 'utf8');
  const lines = createInterface({ input, crlfDelay: Infinity });
  let failures = 0;
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    const result = await answerLine(mentor, line, lineNumber);
    if ('error' in result) failures += 1;
    context.io.stdout.write(`${JSON.stringify(result)}\n`);
  }
  return failures === 0 ? 0 : 1;
}

type BatchLine = ({ id: unknown } & AskJson) | { id: unknown; error: { code: string; message: string } };

async function answerLine(mentor: MentorService, line: string, lineNumber: number): Promise<BatchLine> {
  let request: unknown;
  try {
    request = JSON.parse(line);
  } catch {
    return { id: null, error: { code: 'bad_request', message: `line ${lineNumber}: not valid JSON` } };
  }
  const { id = null, question } = (typeof request === 'object' && request !== null ? request : {}) as Record<
    string,
    unknown
  >;
  if (typeof question !== 'string') {
    return {
      id,
      error: { code: 'bad_request', message: `line ${lineNumber}: expected {"id", "question": string}` },
    };
  }
  try {
    return { id, ...toAskJson(await mentor.ask({ question })) };
  } catch (error) {
    const mentorError = toMentorError(error);
    return { id, error: { code: mentorError.code, message: mentorError.message } };
  }
}

function round(milliseconds: number): number {
  return Math.round(milliseconds * 100) / 100;
}
