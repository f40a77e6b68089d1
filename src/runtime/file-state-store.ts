/**
 * @module runtime/file-state-store — `StateStore` in one JSON file under the data directory.
 * Writes are serialised and atomic (temp file + rename), so a crash never leaves half a file.
 * Single-instance: two processes sharing the file would overwrite each other (use Redis to scale out).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MentorError } from '../errors.js';
import { writeFileAtomically } from '../util/atomic-file.js';
import { assertIncrement, notACounterError, type StateStore } from './state-store.js';

export const DRIVER_NAME = 'file';

export interface FileStateStoreOptions {
  /** Directory that holds the file (created on the first write). */
  dataDir: string;
  /** File name inside `dataDir`; default `state.json`. */
  fileName?: string;
}

/** @example const state = createFileStateStore({ dataDir: '.data' }); await state.increment('feedback:up'); */
export function createFileStateStore(options: FileStateStoreOptions): StateStore {
  const path = join(options.dataDir, options.fileName ?? 'state.json');
  let loading: Promise<Map<string, unknown>> | undefined;
  let writing: Promise<void> = Promise.resolve();
  let queued: Promise<void> | undefined;

  const load = () => {
    loading ??= readState(path).catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };

  /** Writes the whole map after the current write; changes made meanwhile share one write. */
  const persist = (values: Map<string, unknown>): Promise<void> => {
    if (queued) return queued;
    const next = writing.then(() => {
      queued = undefined;
      return writeState(path, values);
    });
    queued = next;
    writing = next.catch(() => undefined);
    return next;
  };

  return {
    driver: DRIVER_NAME,
    async get<T>(key: string) {
      const values = await load();
      return values.has(key) ? (roundTrip(values.get(key)) as T) : undefined;
    },
    async set<T>(key: string, value: T) {
      const values = await load();
      if (value === undefined) values.delete(key);
      else values.set(key, roundTrip(value));
      await persist(values);
    },
    async increment(key, by = 1) {
      assertIncrement(key, by);
      const values = await load();
      const current = values.get(key) ?? 0;
      if (!Number.isSafeInteger(current)) throw notACounterError(key);
      const next = (current as number) + by;
      values.set(key, next);
      await persist(values);
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

async function readState(path: string): Promise<Map<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw new MentorError('state_unavailable', `runtime: cannot read the state file ${path}`, {
      cause: error,
    });
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new Error('not an object');
    return new Map(Object.entries(parsed));
  } catch (error) {
    throw new MentorError(
      'state_unavailable',
      `runtime: the state file ${path} is not a JSON object — fix it or delete it (it holds tip rotation and feedback counts)`,
      { cause: error },
    );
  }
}

async function writeState(path: string, values: Map<string, unknown>): Promise<void> {
  try {
    await writeFileAtomically(path, `${JSON.stringify(Object.fromEntries(values), null, 2)}\n`);
  } catch (error) {
    throw new MentorError(
      'state_unavailable',
      `runtime: cannot write the state file ${path} — check that the data directory exists and is writable`,
      { cause: error },
    );
  }
}
