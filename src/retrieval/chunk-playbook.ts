/**
 * @module retrieval/chunk-playbook — heading-aware chunking: one chunk per section, carrying its
 * heading path and anchor for citations. Fenced code blocks are never split; sections longer
 * than `maxChars` are split between blocks, repeating the last short paragraph as overlap.
 */
import { createHash } from 'node:crypto';
import { headingAnchor } from './anchors.js';
import type { Chunk, Playbook } from './types.js';

export interface ChunkOptions {
  /** Soft size limit of a chunk's text in characters (a single code block may exceed it). */
  maxChars?: number;
  /** Longest paragraph repeated at the start of the next part of a split section. */
  overlapChars?: number;
}

interface Section {
  headingPath: string[];
  anchor: string;
  lines: string[];
}

const HEADING = /^(#{1,6})\s+(.+?)\s*#*\s*$/;
const FENCE = /^\s*(`{3,}|~{3,})/;

/** Splits a playbook into citable chunks. */
export function chunkPlaybook(playbook: Playbook, options: ChunkOptions = {}): Chunk[] {
  const maxChars = options.maxChars ?? 1_600;
  const overlapChars = options.overlapChars ?? 320;
  const chunks: Chunk[] = [];
  for (const section of splitSections(playbook)) {
    const parts = packBlocks(splitBlocks(section.lines), maxChars, overlapChars);
    parts.forEach((text, index) => {
      const headingPath = section.headingPath;
      const chunk: Omit<Chunk, 'hash'> = {
        id: `${playbook.id}#${section.anchor}${index === 0 ? '' : `~${index + 1}`}`,
        playbookId: playbook.id,
        playbookTitle: playbook.title,
        path: playbook.path,
        headingPath,
        anchor: section.anchor,
        text,
        tags: playbook.tags,
      };
      chunks.push({ ...chunk, hash: sha256(embeddingText(chunk)) });
    });
  }
  return chunks;
}

/** The text an embedder and BM25 see for a chunk: where it sits, then what it says. */
export function embeddingText(chunk: Pick<Chunk, 'playbookTitle' | 'headingPath' | 'tags' | 'text'>): string {
  return [chunk.playbookTitle, chunk.headingPath.join(' › '), chunk.tags.join(' '), chunk.text].join('\n');
}

/** "Diagnose › Take a heap snapshot", or "Overview" for a playbook's introduction. */
export function headingLabel(headingPath: readonly string[]): string {
  return headingPath.length === 0 ? 'Overview' : headingPath.join(' › ');
}

function splitSections(playbook: Playbook): Section[] {
  const sections: Section[] = [];
  const seenAnchors = new Map<string, number>();
  const uniqueAnchor = (heading: string) => {
    const base = headingAnchor(heading);
    const count = seenAnchors.get(base) ?? 0;
    seenAnchors.set(base, count + 1);
    return count === 0 ? base : `${base}-${count}`;
  };
  const stack: { level: number; heading: string }[] = [];
  let introHeading = playbook.title;
  let current: Section = { headingPath: [], anchor: '', lines: [] };
  const close = (section: Section) => {
    sections.push(section.anchor === '' ? { ...section, anchor: uniqueAnchor(introHeading) } : section);
  };
  let fence: string | undefined;
  for (const line of playbook.body.split(/\r?\n/)) {
    const fenceMatch = FENCE.exec(line);
    if (fenceMatch?.[1]) {
      const marker = fenceMatch[1];
      if (fence === undefined) fence = marker;
      else if (marker.startsWith(fence)) fence = undefined;
    }
    const heading = fence === undefined && !fenceMatch ? HEADING.exec(line) : null;
    if (!heading?.[1] || !heading[2]) {
      current.lines.push(line);
      continue;
    }
    const level = heading[1].length;
    if (level === 1) {
      introHeading = heading[2];
      continue;
    }
    close(current);
    while (stack.length > 0 && (stack.at(-1)?.level ?? 0) >= level) stack.pop();
    stack.push({ level, heading: heading[2] });
    current = {
      headingPath: stack.map((entry) => entry.heading),
      anchor: uniqueAnchor(heading[2]),
      lines: [],
    };
  }
  close(current);
  return sections.filter((section) => section.lines.some((line) => line.trim() !== ''));
}

/** Blocks are paragraphs, list runs and whole fenced code blocks. */
function splitBlocks(lines: string[]): string[] {
  const blocks: string[] = [];
  let block: string[] = [];
  let fence: string | undefined;
  const flush = () => {
    if (block.some((line) => line.trim() !== '')) blocks.push(block.join('\n').trim());
    block = [];
  };
  for (const line of lines) {
    const fenceMatch = FENCE.exec(line);
    if (fenceMatch?.[1] && fence === undefined) {
      flush();
      fence = fenceMatch[1];
      block.push(line);
      continue;
    }
    block.push(line);
    if (fence !== undefined) {
      if (fenceMatch?.[1]?.startsWith(fence)) {
        fence = undefined;
        flush();
      }
      continue;
    }
    if (line.trim() === '') flush();
  }
  flush();
  return blocks;
}

function packBlocks(blocks: string[], maxChars: number, overlapChars: number): string[] {
  const parts: string[] = [];
  let part: string[] = [];
  let size = 0;
  for (const block of blocks) {
    if (part.length > 0 && size + block.length > maxChars) {
      parts.push(part.join('\n\n'));
      const last = part.at(-1) ?? '';
      const overlap = !FENCE.test(last) && last.length <= overlapChars ? [last] : [];
      part = overlap;
      size = overlap.reduce((total, text) => total + text.length, 0);
    }
    part.push(block);
    size += block.length + 2;
  }
  if (part.length > 0) parts.push(part.join('\n\n'));
  return parts;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
