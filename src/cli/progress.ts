/**
 * @module cli/progress — a one-line progress bar on a TTY, silence elsewhere (CI logs, pipes).
 */
export interface ProgressReporter {
  update(done: number, total: number): void;
  finish(): void;
}

export function createProgressReporter(stream: NodeJS.WriteStream, label: string): ProgressReporter {
  if (!stream.isTTY) return { update() {}, finish() {} };
  let drawn = false;
  return {
    update(done, total) {
      const width = 24;
      const filled = total === 0 ? width : Math.round((done / total) * width);
      stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
      drawn = true;
    },
    finish() {
      if (drawn) stream.write('\n');
    },
  };
}
