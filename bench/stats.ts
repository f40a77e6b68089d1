/**
 * @module bench/stats — percentiles and timing helpers shared by the benchmarks.
 */
export function percentile(samples: readonly number[], fraction: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((left, right) => left - right);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/** Runs `task` `count` times and returns each duration in milliseconds. */
export async function timeEach(count: number, task: (iteration: number) => unknown): Promise<number[]> {
  const durations: number[] = [];
  for (let iteration = 0; iteration < count; iteration += 1) {
    const started = performance.now();
    await task(iteration);
    durations.push(performance.now() - started);
  }
  return durations;
}

export function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
