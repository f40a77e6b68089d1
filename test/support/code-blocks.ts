/**
 * Finds fenced code blocks in markdown and parses js/ts ones: acorn for JavaScript (as an ES
 * module), TypeScript 5's parser for TypeScript.
 */
import { parse as parseJavaScript } from 'acorn';
import ts from 'typescript';

export interface CodeBlock {
  lang: string;
  code: string;
  /** 1-based line of the first code line in the file. */
  line: number;
}

export function findCodeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = markdown.split('\n');
  let open: { lang: string; fence: string; start: number } | undefined;
  lines.forEach((line, index) => {
    const fence = /^\s*(`{3,}|~{3,})\s*([\w+-]*)/.exec(line);
    if (!fence?.[1]) return;
    if (!open) {
      open = { lang: (fence[2] ?? '').toLowerCase(), fence: fence[1], start: index + 1 };
    } else if (fence[1].startsWith(open.fence) && (fence[2] ?? '') === '') {
      blocks.push({ lang: open.lang, code: lines.slice(open.start, index).join('\n'), line: open.start + 1 });
      open = undefined;
    }
  });
  return blocks;
}

const JAVASCRIPT = new Set(['js', 'javascript', 'mjs', 'cjs']);
const TYPESCRIPT = new Set(['ts', 'typescript', 'mts']);

/** Undefined when the block parses (or is not js/ts); else the first error with its 1-based line. */
export function parseCodeBlock(lang: string, code: string): { line: number; message: string } | undefined {
  if (JAVASCRIPT.has(lang)) {
    try {
      parseJavaScript(code, { ecmaVersion: 'latest', sourceType: 'module', allowHashBang: true });
      return undefined;
    } catch (error) {
      const { loc, message } = error as { loc?: { line: number }; message: string };
      return { line: loc?.line ?? 1, message };
    }
  }
  if (TYPESCRIPT.has(lang)) {
    const file = ts.createSourceFile('block.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const diagnostic = (file as unknown as { parseDiagnostics: ts.DiagnosticWithLocation[] })
      .parseDiagnostics[0];
    if (!diagnostic) return undefined;
    const { line } = file.getLineAndCharacterOfPosition(diagnostic.start);
    return { line: line + 1, message: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n') };
  }
  return undefined;
}
