/**
 * @module bench/types — one measured figure, with the target it is held to.
 */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** Human-readable target, e.g. "≤ 1 ms". */
  target?: string;
  pass?: boolean;
}
