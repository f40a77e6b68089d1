/**
 * @module test/support/replicas — node-mentor replicas as child processes (`node --import tsx
 * src/main.ts`), the way they run in production: each has its own env, a URL parsed from the line
 * `npm start` prints, and its JSON log lines, so a test can wait for one, kill one or stop one.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLocalEmbedder } from '../../src/retrieval/embedders/local-embedder.js';
import { openKnowledgeBase } from '../../src/retrieval/index.js';
import { waitFor } from '../contracts/wait-for.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = path.join(root, 'test', 'fixtures');

export type Role = 'web' | 'worker' | 'all';

export interface ReplicaOptions {
  /** For messages, e.g. `web-1`. */
  name: string;
  role: Role;
  /** The replica's whole environment besides `PATH` and `HOME` (nothing leaks in from the test's). */
  env: Record<string, string>;
  /** How long to wait for the "serving" line, in ms; default 30,000. */
  startTimeoutMs?: number;
}

/** One pino JSON log line. */
export interface LogRecord {
  msg?: string;
  level?: number;
  [field: string]: unknown;
}

export interface Replica {
  readonly name: string;
  readonly role: Role;
  readonly pid: number;
  /** `http://127.0.0.1:<port>/slack/events` (web and all roles). */
  readonly eventsUrl?: string;
  /** `http://127.0.0.1:<port>` serving `/healthz`, `/readyz`, `/metrics`. */
  readonly baseUrl: string;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  logs(): LogRecord[];
  /** Resolves with the first log line (already written or still to come) that matches. */
  waitForLog(predicate: (record: LogRecord) => boolean, what: string, timeoutMs?: number): Promise<LogRecord>;
  /** `GET <baseUrl><path>` → status code (0 when the replica does not answer). */
  status(path: string): Promise<number>;
  /** Resolves when the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends `signal` (default SIGTERM) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const servingLine =
  /node-mentor: (?:serving Slack on (\S+) \(health: (\S+)\)|\w+ role running \(health: (\S+)\))/;

/**
 * Starts `src/main.ts` and resolves once it printed where it serves; rejects with the replica's
 * output when it exits first.
 */
export async function startReplica(options: ReplicaOptions): Promise<Replica> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      MENTOR_ROLE: options.role,
      ...options.env,
    },
  });
  let output = '';
  let stdoutBuffer = '';
  const logs: LogRecord[] = [];
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    output += text;
    stdoutBuffer += text;
    const lines = stdoutBuffer.split('\n');
    stdoutBuffer = lines.pop() ?? '';
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as LogRecord);
      } catch {
        // Not a log line.
      }
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => process.off('exit', killOnExit));

  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  void exited.then((result) => (exit = result));
  await waitFor(
    () => {
      if (exit) {
        const how = exit.signal ?? `code ${String(exit.code)}`;
        throw new Error(`replica ${options.name} exited (${how}) before serving:\n${output}`);
      }
      return servingLine.test(output);
    },
    `replica ${options.name} to start`,
    options.startTimeoutMs ?? 30_000,
  ).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error instanceof Error && error.message.includes('exited')
      ? error
      : new Error(`replica ${options.name} did not start:\n${output}`, { cause: error });
  });
  const match = servingLine.exec(output);
  const healthUrl = match?.[2] ?? match?.[3] ?? '';
  const baseUrl = healthUrl.replace(/\/healthz$/, '');

  return {
    name: options.name,
    role: options.role,
    pid: child.pid ?? 0,
    eventsUrl: match?.[1],
    baseUrl,
    output: () => output,
    logs: () => logs,
    async waitForLog(predicate, what, timeoutMs = 15_000) {
      let found: LogRecord | undefined;
      await waitFor(
        () => (found = logs.find(predicate)) !== undefined,
        `${what} in the log of ${options.name}`,
        timeoutMs,
      );
      return found as LogRecord;
    },
    async status(route) {
      try {
        const response = await fetch(`${baseUrl}${route}`, { signal: AbortSignal.timeout(5_000) });
        await response.arrayBuffer();
        return response.status;
      } catch {
        return 0;
      }
    },
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Starts several replicas at once. */
export function startReplicas(list: ReplicaOptions[]): Promise<Replica[]> {
  return Promise.all(list.map((options) => startReplica(options)));
}

export interface ReplicaWorkspace {
  /** Playbooks (the test fixtures) and `tips/` with `tipCount` distinct tips. */
  knowledgeDir: string;
  /** `MENTOR_DATA_DIR`, holding the index built once (replicas only read it, as from an image). */
  dataDir: string;
  /** The env every replica shares for these directories and the fixture persona. */
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

/**
 * A knowledge directory (the fixture playbooks plus `tipCount` generated tips) and a data
 * directory whose index is built here, once, before any replica starts — like an image that ships
 * a prebuilt index, so replicas never race to build it.
 */
export async function createReplicaWorkspace(tipCount = 8): Promise<ReplicaWorkspace> {
  const base = await mkdtemp(path.join(tmpdir(), 'node-mentor-replicas-'));
  const knowledgeDir = path.join(base, 'knowledge');
  const dataDir = path.join(base, 'data');
  await mkdir(path.join(knowledgeDir, 'tips'), { recursive: true });
  const sourceDir = path.join(fixtures, 'knowledge');
  for (const name of await readdir(sourceDir)) {
    if (name.endsWith('.md')) await cp(path.join(sourceDir, name), path.join(knowledgeDir, name));
  }
  const tips = Array.from(
    { length: tipCount },
    (_, index) =>
      `- title: Scale-out tip number ${index + 1}\n` +
      `  text: Tip ${index + 1} of the rotation, posted once per channel per slot.\n` +
      '  see: memory-leaks#take-a-heap-snapshot\n',
  );
  await writeFile(path.join(knowledgeDir, 'tips', 'scale-out.yml'), tips.join(''));
  await openKnowledgeBase({
    knowledgeDir,
    indexDir: path.join(dataDir, 'index'),
    embedder: createLocalEmbedder(),
  });
  return {
    knowledgeDir,
    dataDir,
    env: {
      MENTOR_KNOWLEDGE_DIR: knowledgeDir,
      MENTOR_DATA_DIR: dataDir,
      MENTOR_PERSONAS_DIR: path.join(fixtures, 'personas'),
      MENTOR_PERSONA: 'test-mentor',
    },
    cleanup: () => rm(base, { recursive: true, force: true }),
  };
}

/** An Events API `event_callback` carrying an `app_mention`, as Slack sends it (see inbound-payloads.ts). */
export function mentionEnvelope(message: {
  user: string;
  text: string;
  ts: string;
  channel: string;
}): Record<string, unknown> {
  return {
    token: 'stand-in-verification-token',
    team_id: 'T0STANDIN',
    context_team_id: 'T0STANDIN',
    api_app_id: 'A0MENTOR',
    type: 'event_callback',
    event_id: `Ev${randomUUID().replaceAll('-', '').slice(0, 10).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1_000),
    authorizations: [{ team_id: 'T0STANDIN', user_id: 'U0MENTOR', is_bot: true }],
    event: {
      type: 'app_mention',
      user: message.user,
      text: message.text,
      ts: message.ts,
      channel: message.channel,
      event_ts: message.ts,
      team: 'T0STANDIN',
    },
  };
}
