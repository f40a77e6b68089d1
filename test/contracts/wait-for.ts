/**
 * @module test/contracts/wait-for — polling and gates for the runtime contract suites: wait for a
 * condition (failing with what was awaited), never assert on elapsed time.
 */

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves once `condition` holds; rejects naming `what` if it does not within `timeoutMs`. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

export interface Gate {
  readonly promise: Promise<void>;
  open(): void;
}

/** A promise the test opens by hand, to hold jobs "running". */
export function createGate(): Gate {
  let open = () => undefined as void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}
