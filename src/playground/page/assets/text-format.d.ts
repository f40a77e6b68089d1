/** @module playground page: text-format — types for the browser module beside it (used by tests). */
import type { Flavor, InlineNode } from './inline-format.js';

export type BlockNode =
  | { type: 'paragraph'; children: InlineNode[] }
  | { type: 'heading'; level: number; children: InlineNode[] }
  | { type: 'code_block'; text: string }
  | { type: 'quote'; children: BlockNode[] }
  | {
      type: 'list';
      ordered: boolean;
      items: Array<{ depth: number; marker?: string; children: InlineNode[] }>;
    }
  | { type: 'rule' };

export function parseFormatted(source: string, flavor?: Flavor): BlockNode[];
