/**
 * @module playground/page/local-ephemerals — the messages Slack itself (Slackbot) shows only to
 * you and that never reach the app: "/foo is not a valid command", "not supported in threads",
 * "you mentioned @node-mentor, but they're not in this channel". Kept beside the stand-in's state,
 * published on the same change feed shape, cleared when the stand-in resets. Single-instance.
 */
import type {
  EphemeralMessage,
  SlackMessage,
  StandInChange,
  StandInListener,
} from '../slack-stand-in/index.js';

/** Slackbot's user id, as in Slack. */
export const SLACKBOT_USER_ID = 'USLACKBOT';

export interface LocalEphemeral extends Omit<EphemeralMessage, 'source'> {
  source: 'playground';
}

export interface LocalEphemeralInput {
  channel: string;
  user: string;
  team: string;
  text: string;
  thread_ts?: string;
}

export interface LocalEphemerals {
  add(input: LocalEphemeralInput): LocalEphemeral;
  list(): LocalEphemeral[];
  /** @returns unsubscribe */
  subscribe(listener: StandInListener): () => void;
  clear(): void;
}

/**
 * Slack-format timestamps (`seconds.micros`) from the wall clock, strictly increasing, so local
 * messages sort among the stand-in's.
 */
function createTimestamps(now: () => number): () => string {
  let lastMicros = 0n;
  return () => {
    const micros = BigInt(Math.floor(now() * 1000));
    lastMicros = micros > lastMicros ? micros : lastMicros + 1n;
    return `${lastMicros / 1_000_000n}.${String(lastMicros % 1_000_000n).padStart(6, '0')}`;
  };
}

export function createLocalEphemerals(now: () => number = Date.now): LocalEphemerals {
  const nextTs = createTimestamps(now);
  const listeners = new Set<StandInListener>();
  let entries: LocalEphemeral[] = [];
  const emit = (change: StandInChange) => {
    for (const listener of [...listeners]) {
      try {
        listener(change);
      } catch {
        // A failing listener (a closed event stream) must not stop the others.
      }
    }
  };
  return {
    add(input) {
      const message: SlackMessage = {
        type: 'message',
        ts: nextTs(),
        text: input.text,
        user: SLACKBOT_USER_ID,
        team: input.team,
      };
      if (input.thread_ts !== undefined) message.thread_ts = input.thread_ts;
      const entry: LocalEphemeral = {
        channel: input.channel,
        recipient: input.user,
        source: 'playground',
        message,
      };
      entries.push(entry);
      emit({
        type: 'ephemeral',
        channel: input.channel,
        user: input.user,
        message: structuredClone(message),
      });
      return structuredClone(entry);
    },
    list: () => structuredClone(entries),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    clear() {
      entries = [];
    },
  };
}
