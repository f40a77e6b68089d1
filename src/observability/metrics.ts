/**
 * @module observability/metrics — the service's Prometheus metrics on a registry of its own (not
 * prom-client's global one, so apps and tests in one process never collide).
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** What Slack request was acknowledged. */
export type AckKind = 'command' | 'event' | 'action';
/** Where a question came from. */
export type AnswerSurface = 'command' | 'mention' | 'dm' | 'assistant' | 'tip_more' | 'follow_up' | 'cli';
export type FeedbackVote = 'up' | 'down';

/** Reads the number of jobs waiting or running; called at each scrape. */
export type QueueDepthSource = () => number | Promise<number>;

export interface Metrics {
  readonly registry: Registry;
  /** `slack_ack_latency_seconds{kind}`: request received → `ack()` done, in seconds. */
  readonly ackLatency: Histogram<'kind'>;
  /** `mentor_answer_latency_seconds{surface}`: question accepted → answer posted, in seconds. */
  readonly answerLatency: Histogram<'surface'>;
  /** `mentor_retrieval_latency_seconds`: one retrieval (embed + search + fuse), in seconds. */
  readonly retrievalLatency: Histogram;
  /** `mentor_errors_total{code}`: failures by `MentorErrorCode` (a bounded set: never free text). */
  readonly errors: Counter<'code'>;
  /** `mentor_feedback_total{vote}`: 👍/👎 clicks. */
  readonly feedback: Counter<'vote'>;
  /** `mentor_queue_depth`: jobs waiting or running, read from the source at scrape time. */
  readonly queueDepth: Gauge;
  /** Sets where `mentor_queue_depth` reads from; until then it reports 0. A failing source keeps the last value. */
  setQueueDepthSource(source: QueueDepthSource): void;
  /** The text exposition and its content type, for `GET /metrics`. */
  render(): Promise<{ contentType: string; body: string }>;
}

export interface MetricsOptions {
  /** Process metrics (CPU, memory, event-loop lag, GC); default true. */
  defaultMetrics?: boolean;
}

const ACK_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 3];
const ANSWER_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60];
const RETRIEVAL_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

/**
 * Creates the metrics. Label values are typed: record durations in seconds.
 * @example
 * const metrics = createMetrics();
 * metrics.answerLatency.observe({ surface: 'mention' }, answer.timings.totalMs / 1_000);
 * metrics.errors.inc({ code: error.code });
 */
export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  const registers = [registry];
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  let queueDepthSource: QueueDepthSource | undefined;

  const ackLatency = new Histogram({
    name: 'slack_ack_latency_seconds',
    help: 'Time from receiving a Slack request to acknowledging it, in seconds.',
    labelNames: ['kind'] as const,
    buckets: ACK_BUCKETS,
    registers,
  });
  const answerLatency = new Histogram({
    name: 'mentor_answer_latency_seconds',
    help: 'Time from accepting a question to posting its answer, in seconds, by surface.',
    labelNames: ['surface'] as const,
    buckets: ANSWER_BUCKETS,
    registers,
  });
  const retrievalLatency = new Histogram({
    name: 'mentor_retrieval_latency_seconds',
    help: 'Time to retrieve the sections for one question, in seconds.',
    buckets: RETRIEVAL_BUCKETS,
    registers,
  });
  const errors = new Counter({
    name: 'mentor_errors_total',
    help: 'Failures that reached an edge, by error code.',
    labelNames: ['code'] as const,
    registers,
  });
  const feedback = new Counter({
    name: 'mentor_feedback_total',
    help: 'Feedback clicks on answers, by vote.',
    labelNames: ['vote'] as const,
    registers,
  });
  const queueDepth = new Gauge({
    name: 'mentor_queue_depth',
    help: 'Answer jobs waiting or running.',
    registers,
    async collect() {
      if (!queueDepthSource) return;
      try {
        this.set(await queueDepthSource());
      } catch {
        // Keep the last value: a scrape must not fail because the queue backend hiccuped.
      }
    },
  });

  for (const kind of ['command', 'event', 'action'] satisfies AckKind[]) ackLatency.zero({ kind });
  for (const vote of ['up', 'down'] satisfies FeedbackVote[]) feedback.inc({ vote }, 0);

  return {
    registry,
    ackLatency,
    answerLatency,
    retrievalLatency,
    errors,
    feedback,
    queueDepth,
    setQueueDepthSource(source) {
      queueDepthSource = source;
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
