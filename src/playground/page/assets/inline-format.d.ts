/** @module playground page: inline-format — types for the browser module beside it (used by tests). */
export type Flavor = 'mrkdwn' | 'markdown';

export type InlineNode =
  | { type: 'text'; text: string }
  | { type: 'emoji'; name: string; text: string }
  | { type: 'break' }
  | { type: 'bold' | 'italic' | 'strike'; children: InlineNode[] }
  | { type: 'code'; text: string }
  | { type: 'link'; url: string; children: InlineNode[] }
  | { type: 'mention'; kind: 'user' | 'channel' | 'group' | 'special'; id: string; label?: string };

export function decodeEntities(text: string): string;
export function parseInline(source: string, flavor?: Flavor): InlineNode[];
