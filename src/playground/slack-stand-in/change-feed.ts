/**
 * @module slack-stand-in/change-feed — a tiny publish/subscribe for workspace changes. A listener
 * that throws is isolated: the others still run and the stand-in keeps serving.
 */
import type { StandInChange, StandInListener } from './types.js';

export interface ChangeFeed {
  emit(change: StandInChange): void;
  /** @returns a function that removes the listener. */
  subscribe(listener: StandInListener): () => void;
}

export function createChangeFeed(onListenerError: (error: unknown) => void = () => {}): ChangeFeed {
  const listeners = new Set<StandInListener>();
  return {
    emit(change) {
      for (const listener of [...listeners]) {
        try {
          listener(change);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
