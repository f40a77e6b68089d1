import { register as globalRegistry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/observability/index.js';

describe('createMetrics', () => {
  it('exposes every metric with its labels after observations', async () => {
    const metrics = createMetrics();
    metrics.ackLatency.observe({ kind: 'command' }, 0.012);
    metrics.answerLatency.observe({ surface: 'mention' }, 1.5);
    metrics.answerLatency.observe({ surface: 'mention' }, 2.5);
    metrics.retrievalLatency.observe(0.004);
    metrics.errors.inc({ code: 'index_unavailable' });
    metrics.feedback.inc({ vote: 'up' });
    metrics.setQueueDepthSource(async () => 7);
    const { body, contentType } = await metrics.render();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(body).toContain('slack_ack_latency_seconds_count{kind="command"} 1');
    expect(body).toContain('slack_ack_latency_seconds_count{kind="event"} 0');
    expect(body).toContain('mentor_answer_latency_seconds_count{surface="mention"} 2');
    expect(body).toContain('mentor_answer_latency_seconds_sum{surface="mention"} 4');
    expect(body).toContain('mentor_retrieval_latency_seconds_count 1');
    expect(body).toContain('mentor_errors_total{code="index_unavailable"} 1');
    expect(body).toContain('mentor_feedback_total{vote="up"} 1');
    expect(body).toContain('mentor_feedback_total{vote="down"} 0');
    expect(body).toContain('mentor_queue_depth 7');
    expect(body).toContain('process_cpu_user_seconds_total');
    expect(body).toContain('nodejs_eventloop_lag_seconds');
  });

  it('reads the queue depth at each scrape and keeps the last value when the source fails', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    expect((await metrics.render()).body).toContain('mentor_queue_depth 0');
    let depth = 3;
    metrics.setQueueDepthSource(() => {
      if (depth < 0) throw new Error('redis down');
      return depth;
    });
    expect((await metrics.render()).body).toContain('mentor_queue_depth 3');
    depth = 5;
    expect((await metrics.render()).body).toContain('mentor_queue_depth 5');
    depth = -1;
    expect((await metrics.render()).body).toContain('mentor_queue_depth 5');
  });

  it('uses a registry of its own, so two instances never collide', async () => {
    const first = createMetrics({ defaultMetrics: false });
    const second = createMetrics({ defaultMetrics: false });
    first.feedback.inc({ vote: 'down' });
    expect((await second.render()).body).toContain('mentor_feedback_total{vote="down"} 0');
    expect(first.registry).not.toBe(second.registry);
    expect(globalRegistry.getSingleMetric('mentor_feedback_total')).toBeUndefined();
  });

  it('leaves out process metrics when asked', async () => {
    expect((await createMetrics({ defaultMetrics: false }).render()).body).not.toContain('process_cpu');
  });
});
