/**
 * Guards the shipped knowledge base: every playbook and tip parses, links resolve, titles are
 * unique, and every js/ts code block parses. Failures name the file and line.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { headingAnchor } from '../../src/retrieval/anchors.js';
import { chunkPlaybook } from '../../src/retrieval/chunk-playbook.js';
import { formatProblem, loadPlaybooks } from '../../src/retrieval/load-playbooks.js';
import { loadTips } from '../../src/mentor/tips.js';
import { findCodeBlocks, parseCodeBlock } from '../support/code-blocks.js';

const knowledgeDir = fileURLToPath(new URL('../../knowledge/', import.meta.url));

describe('the knowledge base', async () => {
  const { playbooks, problems } = await loadPlaybooks(knowledgeDir);
  const tips = await loadTips(`${knowledgeDir}tips`);

  it('has at least 24 playbooks, all with valid front matter', () => {
    expect(problems.map(formatProblem)).toEqual([]);
    expect(playbooks.length).toBeGreaterThanOrEqual(24);
  });

  it('keeps each playbook between 700 and 2,000 words with one title heading', () => {
    const offenders = playbooks.flatMap((playbook) => {
      const words = playbook.body.split(/\s+/).filter(Boolean).length;
      const prose = playbook.body.replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1\s*$/gm, '');
      const titles = prose.split('\n').filter((line) => /^# /.test(line)).length;
      return words < 700 || words > 2_000 || titles !== 1
        ? [`${playbook.path}: ${words} words, ${titles} # headings`]
        : [];
    });
    expect(offenders).toEqual([]);
  });

  it('has unique titles and unique section anchors within each playbook', () => {
    const titles = playbooks.map((playbook) => playbook.title);
    expect(titles.filter((title, index) => titles.indexOf(title) !== index)).toEqual([]);
    const duplicated = playbooks.flatMap((playbook) =>
      chunkPlaybook(playbook, { maxChars: Number.MAX_SAFE_INTEGER })
        .filter(
          (chunk) =>
            chunk.headingPath.length > 0 && chunk.anchor !== headingAnchor(chunk.headingPath.at(-1) ?? ''),
        )
        .map((chunk) => `${playbook.path}: heading "${chunk.headingPath.at(-1)}" repeats`),
    );
    expect(duplicated).toEqual([]);
  });

  it('has at least 90 valid tips with unique titles, each at most 400 characters', () => {
    expect(tips.problems.map(formatProblem)).toEqual([]);
    expect(tips.tips.length).toBeGreaterThanOrEqual(90);
    const titles = tips.tips.map((tip) => tip.title);
    expect(titles.filter((title, index) => titles.indexOf(title) !== index)).toEqual([]);
  });

  it('resolves every tip `see:` link to an existing playbook section', () => {
    const anchors = new Set(
      playbooks.flatMap((playbook) =>
        chunkPlaybook(playbook).map((chunk) => `${playbook.id}#${chunk.anchor}`),
      ),
    );
    const broken = tips.tips
      .filter((tip) => !anchors.has(tip.see))
      .map((tip) => `tip "${tip.title}": see ${tip.see}`);
    expect(broken).toEqual([]);
  });

  it('parses every js and ts code block in playbooks and tip snippets', async () => {
    const failures: string[] = [];
    for (const playbook of playbooks) {
      const source = await readFile(`${knowledgeDir}${playbook.path}`, 'utf8');
      for (const block of findCodeBlocks(source)) {
        const error = parseCodeBlock(block.lang, block.code);
        if (error)
          failures.push(
            `${playbook.path}:${block.line + error.line - 1}: ${block.lang} block does not parse: ${error.message}`,
          );
      }
    }
    for (const tip of tips.tips) {
      const error = tip.snippet && tip.lang ? parseCodeBlock(tip.lang, tip.snippet) : undefined;
      if (error) failures.push(`tip "${tip.title}": ${tip.lang} snippet does not parse: ${error.message}`);
    }
    expect(failures).toEqual([]);
  });
});
