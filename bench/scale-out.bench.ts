/**
 * @module bench/scale-out — answer throughput on Redis + BullMQ with one worker replica and with
 * two (child processes running `src/main.ts`, `WORKER_CONCURRENCY=64`), measured in the same run
 * against a simulated 500 ms LLM (the local OpenAI-compatible server) and the Slack stand-in; and
 * the queue's enqueue-to-start latency at a steady load below capacity.
 */
import type { AnswerJob } from '../src/slack/jobs/answer-job.js';
import { createSlackStandIn } from '../src/playground/slack-stand-in/index.js';
import { createRuntime } from '../src/runtime/index.js';
import { waitFor } from '../test/contracts/wait-for.js';
import { startFakeOpenAIServer } from '../test/support/fake-openai-server.js';
import { startRedisServer } from '../test/support/redis-server.js';
import { createReplicaWorkspace, startReplica, type Replica } from '../test/support/replicas.js';
import { percentile, round } from './stats.js';
import type { BenchResult } from './types.js';

export interface ScaleOutBenchOptions {
  /** The simulated LLM's delay, in ms. Default 500. */
  modelDelayMs?: number;
  /** Jobs each worker replica runs at once. Default 64. */
  concurrency?: number;
  /** Jobs per worker replica in a throughput run (so each run is ~`waves` LLM delays long). Default 10 waves. */
  waves?: number;
  /** Jobs enqueued one by one for the latency measurement, and the pause between them (ms). */
  latencySamples?: number;
  latencyGapMs?: number;
}

const channel = 'C0GENERAL';
const question = 'How do I find a memory leak in my Node.js service?';

export async function runScaleOutBench(options: ScaleOutBenchOptions = {}): Promise<BenchResult[]> {
  const concurrency = options.concurrency ?? 64;
  const waves = options.waves ?? 10;
  const [redis, llm, workspace] = await Promise.all([
    startRedisServer(),
    startFakeOpenAIServer({
      reply: { text: 'Take two heap snapshots and compare them [1].' },
      delayMs: options.modelDelayMs ?? 500,
    }),
    createReplicaWorkspace(),
  ]);
  const slack = createSlackStandIn({ signingSecret: 'bench-signing-secret' });
  await slack.start();
  const queue = await createRuntime<AnswerJob>({ redisUrl: redis.url, dataDir: workspace.dataDir });
  const workers: Replica[] = [];
  const startWorker = async (name: string) =>
    workers.push(
      await startReplica({
        name,
        role: 'worker',
        env: {
          ...workspace.env,
          REDIS_URL: redis.url,
          SLACK_BOT_TOKEN: slack.botToken,
          SLACK_SIGNING_SECRET: 'bench-signing-secret',
          SLACK_API_URL: slack.apiUrl,
          PORT: '0',
          ANSWER_PROVIDER: 'openai',
          OPENAI_BASE_URL: llm.url,
          OPENAI_API_KEY: 'bench-key',
          OPENAI_MAX_RETRIES: '0',
          WORKER_CONCURRENCY: String(concurrency),
          LOG_LEVEL: 'debug',
        },
      }),
    );
  let sequence = 0;
  const job = (): AnswerJob => ({
    surface: 'command',
    user: 'U0ALICE',
    channel,
    question,
    referenceId: `B${(sequence += 1).toString(36).toUpperCase()}`,
  });
  const posted = () => slack.callsTo('chat.postMessage').length;

  /** Enqueues `count` answers at once and resolves with answers per second until the last is posted. */
  const throughput = async (count: number) => {
    const target = posted() + count;
    const started = performance.now();
    await Promise.all(Array.from({ length: count }, () => queue.queue.enqueue(job())));
    await waitFor(() => posted() >= target, `${count} answers`, 120_000);
    return count / ((performance.now() - started) / 1_000);
  };

  try {
    await startWorker('worker-1');
    await throughput(concurrency); // warm-up: JIT, connections, the index in memory
    const llmCallsBefore = llm.chatRequests().length;
    const one = await throughput(concurrency * waves);
    await startWorker('worker-2');
    await throughput(concurrency * 2); // warm the second worker up
    const two = await throughput(concurrency * waves * 2);
    const answersSince = concurrency * waves * 3 + concurrency * 2;
    const llmCalls = llm.chatRequests().length - llmCallsBefore;

    const samples = options.latencySamples ?? 300;
    const gapMs = options.latencyGapMs ?? 20;
    const ids: string[] = [];
    for (let index = 0; index < samples; index += 1) {
      ids.push(await queue.queue.enqueue(job(), { jobId: `latency-${index}` }));
      await new Promise((resolve) => setTimeout(resolve, gapMs));
    }
    const wanted = new Set(ids);
    const waits = () =>
      workers.flatMap((worker) =>
        worker
          .logs()
          .filter((record) => record.msg === 'runtime: job started' && wanted.has(String(record.jobId)))
          .map((record) => Number(record.waitedMs)),
      );
    await waitFor(() => waits().length >= samples, 'every latency job to start', 60_000);
    const latency = waits();
    const p99 = percentile(latency, 0.99);
    const ratio = two / one;
    return [
      { name: `answers/s, 1 worker × ${concurrency} (500 ms LLM)`, value: round(one, 1), unit: '/s' },
      { name: `answers/s, 2 workers × ${concurrency} (500 ms LLM)`, value: round(two, 1), unit: '/s' },
      {
        name: '2 workers ÷ 1 worker',
        value: round(ratio, 2),
        unit: '×',
        target: '≥ 1.8',
        pass: ratio >= 1.8,
      },
      { name: 'LLM calls per answer (sanity: 1)', value: round(llmCalls / answersSince, 2), unit: '' },
      {
        name: `enqueue → start p50 (${round(1_000 / gapMs, 0)} jobs/s, 2 workers)`,
        value: round(percentile(latency, 0.5), 1),
        unit: 'ms',
      },
      {
        name: `enqueue → start p99 (${round(1_000 / gapMs, 0)} jobs/s, 2 workers)`,
        value: round(p99, 1),
        unit: 'ms',
        target: '≤ 20 ms',
        pass: p99 <= 20,
      },
    ];
  } finally {
    await Promise.all(workers.map((worker) => worker.stop('SIGTERM')));
    await queue.stop({ drainMs: 1_000 });
    await slack.stop();
    await llm.close();
    await redis.stop();
    await workspace.cleanup();
  }
}
