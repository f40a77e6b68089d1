/**
 * @module bench/slack — the Slack app under load, end to end over signed HTTP against the stand-in:
 * slash-command ack latency and event-loop delay while 50 answers wait on a slow model (the local
 * OpenAI-compatible server, 500 ms per answer), and the heap before and after 10,000 questions.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import v8 from 'node:v8';
import vm from 'node:vm';
import { startFakeOpenAIServer } from '../test/support/fake-openai-server.js';
import { startMentorApp, type MentorAppHarness } from '../test/support/mentor-app.js';
import { percentile, round } from './stats.js';
import type { BenchResult } from './types.js';

const IN_FLIGHT = 50;
const TIMED_ACKS = 400;
const LEAK_WARM_UP = 1_000;
const LEAK_QUESTIONS = 10_000;
const LEAK_BATCH = 500;
const unlimited = { RATE_LIMIT_USER_PER_MINUTE: '1000000', RATE_LIMIT_CHANNEL_PER_MINUTE: '1000000' };
const questions = [
  'how do I find a memory leak in production?',
  'why does JSON.parse block the event loop?',
  'when should I reach for worker_threads?',
  'how do I handle backpressure with pipeline?',
];

const answered = (harness: MentorAppHarness) => harness.slack.callsTo('chat.postMessage').length;

const ask = (harness: MentorAppHarness, index: number) =>
  harness.slack.runSlashCommand({
    channel: 'C0GENERAL',
    command: '/ask-node',
    text: questions[index % questions.length] ?? '',
  });

async function underLoad(): Promise<BenchResult[]> {
  const model = await startFakeOpenAIServer({ delayMs: 500 });
  const harness = await startMentorApp({
    env: {
      ANSWER_PROVIDER: 'openai',
      OPENAI_BASE_URL: model.url,
      OPENAI_API_KEY: 'bench-key',
      WORKER_CONCURRENCY: String(IN_FLIGHT * 2),
      ...unlimited,
    },
  });
  try {
    const acks: number[] = [];
    const loop = monitorEventLoopDelay({ resolution: 5 });
    let sent = 0;
    const inFlight = () => sent - answered(harness);
    while (sent < IN_FLIGHT) {
      await ask(harness, sent);
      sent += 1;
    }
    loop.enable();
    while (acks.length < TIMED_ACKS) {
      while (inFlight() >= IN_FLIGHT + 1) await sleep(2);
      const started = performance.now();
      await ask(harness, sent);
      acks.push(performance.now() - started);
      sent += 1;
    }
    loop.disable();
    const ackP99 = percentile(acks, 0.99);
    const delayP99 = loop.percentile(99) / 1e6;
    return [
      {
        name: `ack p50 with ${IN_FLIGHT} answers in flight`,
        value: round(percentile(acks, 0.5), 2),
        unit: 'ms',
      },
      {
        name: `ack p99 with ${IN_FLIGHT} answers in flight`,
        value: round(ackP99, 2),
        unit: 'ms',
        target: '≤ 50 ms',
        pass: ackP99 <= 50,
      },
      {
        name: 'event-loop delay p99 under that load',
        value: round(delayP99, 2),
        unit: 'ms',
        target: '≤ 20 ms',
        pass: delayP99 <= 20,
      },
    ];
  } finally {
    await harness.stop();
    await model.close();
  }
}

function exposeGc(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

/** Asks `count` questions, 8 at a time, clearing the stand-in's own records between batches. */
async function askMany(harness: MentorAppHarness, count: number): Promise<void> {
  for (let done = 0; done < count; done += LEAK_BATCH) {
    const batch = Math.min(LEAK_BATCH, count - done);
    for (let next = 0; next < batch; next += 8) {
      await Promise.all(
        Array.from({ length: Math.min(8, batch - next) }, (_, offset) => ask(harness, done + next + offset)),
      );
    }
    while (answered(harness) < batch) await sleep(5);
    harness.slack.reset();
  }
}

async function heapGrowth(): Promise<BenchResult[]> {
  const gc = exposeGc();
  const harness = await startMentorApp({ env: unlimited });
  try {
    const heapAfterGc = () => {
      gc();
      gc();
      return process.memoryUsage().heapUsed / 2 ** 20;
    };
    await askMany(harness, LEAK_WARM_UP);
    const before = heapAfterGc();
    await askMany(harness, LEAK_QUESTIONS);
    const after = heapAfterGc();
    const growth = (after - before) / before;
    return [
      { name: `heap after ${LEAK_WARM_UP} warm-up questions`, value: round(before, 1), unit: 'MiB' },
      {
        name: `heap growth over the next ${LEAK_QUESTIONS} questions`,
        value: round(growth * 100, 1),
        unit: '%',
        target: '≤ 5 %',
        pass: growth <= 0.05,
      },
    ];
  } finally {
    await harness.stop();
  }
}

export async function runSlackBench(): Promise<BenchResult[]> {
  return [...(await underLoad()), ...(await heapGrowth())];
}
