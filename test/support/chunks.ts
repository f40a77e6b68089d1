/**
 * @module test/support/chunks — a playbook section (`Chunk`) built by hand, for tests of the parts
 * that read retrieved sections without going through the markdown loader.
 */
import type { Chunk } from '../../src/retrieval/index.js';

export interface SectionInput {
  playbookId: string;
  /** Headings from the `##` level down; `[]` is the playbook's overview. */
  headingPath?: string[];
  text: string;
  playbookTitle?: string;
}

/** @example sectionChunk({ playbookId: 'memory', headingPath: ['Take a heap snapshot'], text: '…' }) */
export function sectionChunk(input: SectionInput): Chunk {
  const headingPath = input.headingPath ?? [];
  const anchor = (headingPath.at(-1) ?? 'overview').toLowerCase().replace(/\W+/g, '-');
  return {
    id: `${input.playbookId}#${anchor}`,
    playbookId: input.playbookId,
    playbookTitle: input.playbookTitle ?? input.playbookId,
    path: `${input.playbookId}.md`,
    headingPath,
    anchor,
    text: input.text,
    tags: [],
    hash: anchor,
  };
}
