/**
 * @module retrieval/front-matter — splits a markdown file into YAML front matter and body, and
 * validates the front matter with a zod schema, reporting problems by line.
 */
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';

export interface FrontMatterSuccess<T> {
  ok: true;
  data: T;
  body: string;
  /** 1-based line where the body starts. */
  bodyLine: number;
}

export interface FrontMatterFailure {
  ok: false;
  /** 1-based line of the problem in the file. */
  line: number;
  message: string;
}

const FENCE = /^---\s*$/;

/** Parses `---\n<yaml>\n---\n<body>`; a missing block, bad YAML or a schema miss fails with a line. */
export function parseFrontMatter<T>(
  source: string,
  schema: z.ZodType<T>,
): FrontMatterSuccess<T> | FrontMatterFailure {
  const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (!FENCE.test(lines[0] ?? '')) {
    return { ok: false, line: 1, message: 'expected front matter starting with "---" on the first line' };
  }
  const closing = lines.findIndex((line, index) => index > 0 && FENCE.test(line));
  if (closing < 0) return { ok: false, line: 1, message: 'front matter is never closed with "---"' };

  const yamlText = lines.slice(1, closing).join('\n');
  const lineCounter = new LineCounter();
  const document = parseDocument(yamlText, { lineCounter, prettyErrors: false });
  const yamlError = document.errors[0];
  if (yamlError) {
    const line = lineCounter.linePos(yamlError.pos[0]).line + 1;
    return { ok: false, line, message: `invalid YAML: ${yamlError.message.split('\n')[0]}` };
  }
  const parsed = schema.safeParse(document.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue?.path[0];
    const keyLine =
      typeof key === 'string' ? lines.slice(1, closing).findIndex((line) => line.startsWith(`${key}:`)) : -1;
    const where = issue?.path.length ? `"${issue.path.join('.')}": ` : '';
    return {
      ok: false,
      line: keyLine >= 0 ? keyLine + 2 : 1,
      message: `front matter ${where}${issue?.message ?? 'invalid'}`,
    };
  }
  return { ok: true, data: parsed.data, body: lines.slice(closing + 1).join('\n'), bodyLine: closing + 2 };
}
