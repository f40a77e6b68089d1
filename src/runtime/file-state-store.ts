/**
 * @module runtime/file-state-store — `StateStore` in one JSON file under the data directory.
 * Writes are serialised and atomic (temp file + rename), so a crash never leaves half a file.
 * Expired keys are dropped when read and left out of the next write, so the file does not grow
 * with keys that have a time to live.
 * Single-instance: two processes sharing the file would overwrite each other (use Redis to scale out).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MentorError } from '../errors.js';
import { writeFileAtomically } from '../util/atomic-file.js';
import {
  assertIncrement,
  assertTtl,
  notACounterError,
  type SetOptions,
  type StateStore,
} from './state-store.js';

export const DRIVER_NAME = 'file';

export interface FileStateStoreOptions {
  /** Directory that holds the file (created on the first write). */
  dataDir: string;
  /** File name inside `dataDir`; default `state.json`. */
  fileName?: string;
  /** Clock for expiry, in epoch ms; default `Date.now`. */
  now?: () => number;
}

/** What the file holds: values by key, and when keys set with a time to live expire (ISO 8601). */
interface StateFile {
  version: 2;
  values: Record<string, unknown>;
  expiresAt: Record<string, string>;
}

interface StoredState {
  values: Map<string, unknown>;
  /** Epoch ms after which a key reads as unset. */
  expiresAt: Map<string, number>;
}

/** @example const state = createFileStateStore({ dataDir: '.data' }); await state.increment('feedback:up'); */
export function createFileStateStore(options: FileStateStoreOptions): StateStore {
  const path = join(options.dataDir, options.fileName ?? 'state.json');
  const now = options.now ?? Date.now;
  let loading: Promise<StoredState> | undefined;
  let writing: Promise<void> = Promise.resolve();
  let queued: Promise<void> | undefined;

  const load = () => {
    loading ??= readState(path).catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };

  /** The live state: expired keys are dropped first. */
  const current = async () => {
    const state = await load();
    const time = now();
    for (const [key, expiry] of state.expiresAt) {
      if (expiry > time) continue;
      state.values.delete(key);
      state.expiresAt.delete(key);
    }
    return state;
  };

  /** Writes the whole state after the current write; changes made meanwhile share one write. */
  const persist = (state: StoredState): Promise<void> => {
    if (queued) return queued;
    const next = writing.then(() => {
      queued = undefined;
      return writeState(path, state);
    });
    queued = next;
    writing = next.catch(() => undefined);
    return next;
  };

  return {
    driver: DRIVER_NAME,
    async get<T>(key: string) {
      const { values } = await current();
      return values.has(key) ? (roundTrip(values.get(key)) as T) : undefined;
    },
    async set<T>(key: string, value: T, setOptions?: SetOptions) {
      assertTtl(key, setOptions);
      const state = await current();
      const stored = roundTrip(value);
      state.expiresAt.delete(key);
      if (stored === undefined) state.values.delete(key);
      else state.values.set(key, stored);
      if (stored !== undefined && setOptions?.ttlSeconds !== undefined) {
        state.expiresAt.set(key, now() + setOptions.ttlSeconds * 1_000);
      }
      await persist(state);
    },
    async increment(key, by = 1) {
      assertIncrement(key, by);
      const state = await current();
      const value = state.values.get(key) ?? 0;
      if (!Number.isSafeInteger(value)) throw notACounterError(key);
      const next = (value as number) + by;
      state.values.set(key, next);
      await persist(state);
      return next;
    },
    async stop() {
      await writing;
    },
  };
}

function roundTrip(value: unknown): unknown {
  const text = JSON.stringify(value);
  return text === undefined ? undefined : JSON.parse(text);
}

async function readState(path: string): Promise<StoredState> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { values: new Map(), expiresAt: new Map() };
    throw new MentorError('state_unavailable', `runtime: cannot read the state file ${path}`, {
      cause: error,
    });
  }
  try {
    return fromFile(JSON.parse(text));
  } catch (error) {
    throw new MentorError(
      'state_unavailable',
      `runtime: the state file ${path} is not valid state — fix it or delete it (it holds tip rotation, feedback counts and assistant thread contexts)`,
      { cause: error },
    );
  }
}

/** Reads both the current layout and the flat `{ key: value }` object earlier versions wrote. */
function fromFile(parsed: unknown): StoredState {
  if (!isRecord(parsed)) throw new Error('not an object');
  if (parsed.version === undefined) return { values: new Map(Object.entries(parsed)), expiresAt: new Map() };
  if (parsed.version !== 2 || !isRecord(parsed.values) || !isRecord(parsed.expiresAt)) {
    throw new Error('unknown layout');
  }
  const expiresAt = new Map(
    Object.entries(parsed.expiresAt).map(([key, when]) => {
      const time = typeof when === 'string' ? Date.parse(when) : Number.NaN;
      if (Number.isNaN(time)) throw new Error(`expiresAt.${key} is not a date`);
      return [key, time] as const;
    }),
  );
  return { values: new Map(Object.entries(parsed.values)), expiresAt };
}

function toFile(state: StoredState): StateFile {
  return {
    version: 2,
    values: Object.fromEntries(state.values),
    expiresAt: Object.fromEntries(
      [...state.expiresAt].map(([key, time]) => [key, new Date(time).toISOString()]),
    ),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

async function writeState(path: string, state: StoredState): Promise<void> {
  try {
    await writeFileAtomically(path, `${JSON.stringify(toFile(state), null, 2)}\n`);
  } catch (error) {
    throw new MentorError(
      'state_unavailable',
      `runtime: cannot write the state file ${path} — check that the data directory exists and is writable`,
      { cause: error },
    );
  }
}
