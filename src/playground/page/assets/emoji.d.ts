/** @module playground page: emoji — types for the browser module beside it (used by tests). */
export function emojiFor(name: string): string | undefined;
export function replaceEmoji(text: string): string;
