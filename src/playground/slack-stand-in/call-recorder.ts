/**
 * @module slack-stand-in/call-recorder — every call the app makes to the stand-in, in order, with
 * its parsed arguments and the response it got; tests read `calls`, filter with `callsTo()` or wait
 * with `waitForCall()`.
 */
import { MentorError } from '../../errors.js';
import type { ChangeFeed } from './change-feed.js';
import type { RecordedCall } from './types.js';

export type CallPredicate = (call: RecordedCall) => boolean;

export interface CallRecorder {
  readonly calls: readonly RecordedCall[];
  record(call: Omit<RecordedCall, 'index'>): RecordedCall;
  callsTo(method: string): RecordedCall[];
  /**
   * Resolves with the first call to `method` (since the last reset) that matches `predicate`,
   * already made or still to come; rejects after `timeoutMs` milliseconds.
   */
  waitForCall(method: string, predicate?: CallPredicate, timeoutMs?: number): Promise<RecordedCall>;
  reset(): void;
}

interface Waiter {
  method: string;
  predicate: CallPredicate;
  resolve: (call: RecordedCall) => void;
}

export function createCallRecorder(feed: ChangeFeed): CallRecorder {
  let calls: RecordedCall[] = [];
  let waiters: Waiter[] = [];

  const matches = (call: RecordedCall, method: string, predicate: CallPredicate) => {
    if (call.method !== method) return false;
    try {
      return predicate(call);
    } catch {
      return false;
    }
  };

  return {
    get calls() {
      return calls;
    },
    record(entry) {
      const call: RecordedCall = { index: calls.length, ...entry };
      calls.push(call);
      feed.emit({ type: 'api_call', call: structuredClone(call) });
      const satisfied = waiters.filter((waiter) => matches(call, waiter.method, waiter.predicate));
      waiters = waiters.filter((waiter) => !satisfied.includes(waiter));
      for (const waiter of satisfied) waiter.resolve(call);
      return call;
    },
    callsTo: (method) => calls.filter((call) => call.method === method),
    waitForCall(method, predicate = () => true, timeoutMs = 5_000) {
      const existing = calls.find((call) => matches(call, method, predicate));
      if (existing) return Promise.resolve(existing);
      return new Promise<RecordedCall>((resolve, reject) => {
        const waiter: Waiter = {
          method,
          predicate,
          resolve: (call) => {
            clearTimeout(timer);
            resolve(call);
          },
        };
        const timer = setTimeout(() => {
          waiters = waiters.filter((entry) => entry !== waiter);
          const seen = calls.map((call) => call.method).join(', ') || 'none';
          const message = `slack-stand-in: no matching ${method} call within ${timeoutMs} ms (calls seen: ${seen})`;
          reject(new MentorError('internal', message, { details: { method } }));
        }, timeoutMs);
        timer.unref();
        waiters.push(waiter);
      });
    },
    reset() {
      calls = [];
    },
  };
}
