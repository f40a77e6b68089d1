/**
 * @module retrieval/anchors — GitHub's heading → anchor rule, shared by chunking, citations,
 * tips' `see:` links and the knowledge-base test.
 */

/** `### Take a heap snapshot (v8)` → `take-a-heap-snapshot-v8`. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}
