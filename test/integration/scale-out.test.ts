/**
 * Scale-out for real (issue 7): replicas are child processes running `src/main.ts` on one Redis —
 * two web replicas (ack and enqueue), two workers (answer), the Slack stand-in in this process as
 * every replica's Web API, and a local OpenAI-compatible server as the LLM. Outcomes are counted
 * (answers posted, tips posted), never timed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAppClient,
  createSlackStandIn,
  type RecordedCall,
  type SlackStandIn,
} from '../../src/playground/slack-stand-in/index.js';
import { createRuntime, type Runtime } from '../../src/runtime/index.js';
import { sleep, waitFor } from '../contracts/wait-for.js';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../support/fake-openai-server.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';
import {
  createReplicaWorkspace,
  mentionEnvelope,
  startReplica,
  startReplicas,
  type Replica,
  type ReplicaOptions,
  type ReplicaWorkspace,
} from '../support/replicas.js';

const signingSecret = 'scale-out-signing-secret';
const channel = 'C0GENERAL';
const question = '<@U0MENTOR> How do I find a memory leak in my Node.js service?';

let redis: RedisServer;
let llm: FakeOpenAIServer;
let slack: SlackStandIn;
let workspace: ReplicaWorkspace;
let probe: Runtime<unknown>;
let web: Replica[] = [];
let workers: Replica[] = [];
const others: Replica[] = [];

function env(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    ...workspace.env,
    REDIS_URL: redis.url,
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    ANSWER_PROVIDER: 'openai',
    OPENAI_BASE_URL: llm.url,
    OPENAI_API_KEY: 'test-key',
    OPENAI_MAX_RETRIES: '0',
    WORKER_CONCURRENCY: '4',
    JOB_BACKOFF_MS: '200',
    // A killed worker's job runs again within about 2 s + 2 × 0.5 s instead of BullMQ's 30-60 s.
    JOB_LOCK_MS: '2000',
    JOB_STALLED_CHECK_MS: '500',
    SHUTDOWN_GRACE_MS: '5000',
    RATE_LIMIT_USER_PER_MINUTE: '1000',
    RATE_LIMIT_CHANNEL_PER_MINUTE: '1000',
    LOG_LEVEL: 'debug',
    ...overrides,
  };
}

const replica = (name: string, role: ReplicaOptions['role'], overrides?: Record<string, string>) => ({
  name,
  role,
  env: env(overrides),
});

beforeAll(async () => {
  [redis, llm, workspace] = await Promise.all([
    startRedisServer(),
    startFakeOpenAIServer({ reply: { text: 'Take two heap snapshots and compare them [1].' } }),
    createReplicaWorkspace(),
  ]);
  slack = createSlackStandIn({ signingSecret });
  await slack.start();
  probe = await createRuntime({ redisUrl: redis.url, dataDir: workspace.dataDir });
  const started = await startReplicas([
    replica('web-1', 'web'),
    replica('web-2', 'web'),
    replica('worker-1', 'worker'),
    replica('worker-2', 'worker'),
  ]);
  web = started.slice(0, 2);
  workers = started.slice(2);
});

afterAll(async () => {
  await Promise.all([...web, ...workers, ...others].map((each) => each.stop('SIGKILL')));
  await probe?.stop({ drainMs: 500 });
  await slack?.stop();
  await llm?.close();
  await redis?.stop();
  await workspace?.cleanup();
});

/** Stores a mention in the stand-in's #general (no delivery) and returns it with its envelope. */
async function storeMention(text = question) {
  const { message } = await slack.postAsUser({ channel, text, deliver: false });
  return { message, envelope: mentionEnvelope({ ...message, channel }) };
}

function send(target: Replica, envelope: Record<string, unknown>, retryNum?: number) {
  const client = createAppClient({ requestUrl: target.eventsUrl ?? '', signingSecret });
  return client.sendEvent(envelope, retryNum === undefined ? {} : { retryNum });
}

const answersIn = (threadTs: string): RecordedCall[] =>
  slack
    .callsTo('chat.postMessage')
    .filter((call) => call.args.channel === channel && call.args.thread_ts === threadTs);

async function queueDrained(): Promise<void> {
  await waitFor(async () => (await probe.queue.depth()) === 0, 'the answer queue to drain', 30_000);
}

const jobStarted = (eventId: unknown) => (record: { msg?: string; jobId?: unknown }) =>
  record.msg === 'runtime: job started' && record.jobId === `event:${String(eventId)}`;

describe('scale-out: two web replicas and two workers on one Redis', () => {
  it('answers once when the same event reaches both web replicas (a Slack retry)', async () => {
    const { message, envelope } = await storeMention();
    const responses = await Promise.all([
      send(web[0] as Replica, envelope),
      send(web[1] as Replica, envelope, 1),
    ]);
    expect(responses.map((response) => response.status)).toEqual([200, 200]);
    await slack.waitForCall('chat.postMessage', (call) => call.args.thread_ts === message.ts, 20_000);
    await queueDrained();
    expect(answersIn(message.ts)).toHaveLength(1);
  });

  it('answers exactly once when the worker running the job is killed (SIGKILL) mid-job', async () => {
    llm.configure({ delayMs: 1_500 });
    try {
      const { message, envelope } = await storeMention();
      const chatRequestsBefore = llm.chatRequests().length;
      await send(web[0] as Replica, envelope);
      const taken = await Promise.race(
        workers.map(async (worker) => {
          await worker.waitForLog(jobStarted(envelope.event_id), 'the job starting', 20_000);
          return worker;
        }),
      );
      await waitFor(() => llm.chatRequests().length > chatRequestsBefore, 'the LLM call of the job');
      const victim = taken;
      const survivor = workers.find((worker) => worker !== victim) as Replica;
      expect((await victim.stop('SIGKILL')).signal).toBe('SIGKILL');
      workers = [survivor];

      await slack.waitForCall('chat.postMessage', (call) => call.args.thread_ts === message.ts, 30_000);
      await queueDrained();
      expect(answersIn(message.ts)).toHaveLength(1);
      // The survivor picked the stalled job up and ran it again from the start.
      expect(survivor.logs().some(jobStarted(envelope.event_id))).toBe(true);
    } finally {
      llm.configure({ delayMs: 0 });
    }
  });
});

describe('scale-out: the tip of the day on three replicas', () => {
  it('posts exactly one tip per channel per slot: 5 one-second slots → 5 distinct tips per channel', async () => {
    const slots = upcomingSeconds(5, 8_000);
    const tipChannels = ['C0GENERAL', 'C0MENTORLAB'];
    const before = slack.calls.length;
    const tipReplicas = await startReplicas(
      ['tips-1', 'tips-2', 'tips-3'].map((name) =>
        replica(name, 'worker', {
          TIP_SCHEDULE: slotPattern(slots),
          TIP_TIMEZONE: 'UTC',
          TIP_CHANNELS: tipChannels.join(','),
          LOG_LEVEL: 'info',
        }),
      ),
    );
    others.push(...tipReplicas);
    const tips = () =>
      slack.calls
        .slice(before)
        .filter((call) => call.method === 'chat.postMessage' && call.args.thread_ts === undefined)
        .filter((call) => tipChannels.includes(String(call.args.channel)));
    const lastSlot = slots.at(-1) as Date;
    await waitFor(() => Date.now() > lastSlot.getTime(), 'the last slot', 30_000);
    await waitFor(() => tips().length >= 10, 'ten tips', 15_000);
    await sleep(1_500); // room for a duplicate to show up, if there were one

    for (const tipChannel of tipChannels) {
      const texts = tips()
        .filter((call) => call.args.channel === tipChannel)
        .map((call) => String(call.args.text));
      expect(texts).toHaveLength(5);
      expect(new Set(texts).size).toBe(5);
    }
    const exits = await Promise.all(tipReplicas.map((each) => each.stop('SIGTERM')));
    expect(exits.map((exit) => exit.code)).toEqual([0, 0, 0]);
  });
});

describe('scale-out: Redis lost while running', () => {
  it('tells the asker "temporarily unavailable" with a reference, turns not-ready, and recovers by itself', async () => {
    const replicas = [...web, ...workers];
    await redis.stop();
    await waitFor(
      async () => (await Promise.all(replicas.map((each) => each.status('/readyz')))).every((s) => s === 503),
      'every replica to report not ready',
    );
    expect(await Promise.all(replicas.map((each) => each.status('/healthz')))).toEqual(
      replicas.map(() => 200),
    );

    const { message, envelope } = await storeMention();
    expect((await send(web[1] as Replica, envelope)).status).toBe(200);
    const notice = await slack.waitForCall(
      'chat.postEphemeral',
      (call) => call.args.thread_ts === message.ts && call.args.user === 'U0ALICE',
      15_000,
    );
    expect(String(notice.args.text)).toMatch(/temporarily unavailable.*\(ref [2-9A-Z]{6}\)/);

    await redis.restart();
    await waitFor(
      async () => (await Promise.all(replicas.map((each) => each.status('/readyz')))).every((s) => s === 200),
      'every replica to be ready again',
      30_000,
    );
    const after = await storeMention();
    await send(web[0] as Replica, after.envelope);
    await slack.waitForCall('chat.postMessage', (call) => call.args.thread_ts === after.message.ts, 30_000);
    await queueDrained();
    expect(answersIn(after.message.ts)).toHaveLength(1);
    expect(answersIn(message.ts)).toHaveLength(0);
  });

  it('refuses to start when Redis is unreachable: a clear message and a non-zero exit', async () => {
    const closedPort = redis.port; // stopped below, so nothing listens there
    await redis.stop();
    const failing = startReplica({
      name: 'no-redis',
      role: 'web',
      env: env({ REDIS_URL: `redis://:hunter2@127.0.0.1:${closedPort}` }),
    });
    const error = await failing.then(
      () => new Error('started'),
      (caught: Error) => caught,
    );
    expect(error.message).toMatch(/exited \(code 1\) before serving/);
    expect(error.message).toMatch(/cannot reach Redis at redis:\/\/:\*\*\*@127\.0\.0\.1/);
    expect(error.message).not.toContain('hunter2');
  });
});

/** `count` consecutive whole seconds, the first at least `leadMs` from now, all in one minute. */
function upcomingSeconds(count: number, leadMs: number): Date[] {
  let first = Math.ceil((Date.now() + leadMs) / 1_000) * 1_000;
  const second = new Date(first).getUTCSeconds();
  if (second + count > 60) first += (60 - second) * 1_000;
  return Array.from({ length: count }, (_, index) => new Date(first + index * 1_000));
}

/** A 6-field cron pattern (UTC) matching exactly these seconds of one minute of one day. */
function slotPattern(slots: Date[]): string {
  const first = slots[0] as Date;
  const seconds = slots.map((slot) => slot.getUTCSeconds()).join(',');
  return `${seconds} ${first.getUTCMinutes()} ${first.getUTCHours()} ${first.getUTCDate()} ${first.getUTCMonth() + 1} *`;
}
