/**
 * @module slack/admission — the web side's gate for a question: per-user and per-channel rate
 * limits, then onto the answer queue. Everything slow happens after this, on the worker side.
 */
import { createReferenceId } from '../errors.js';
import type { SlackDeps } from './deps.js';
import type { AnswerJob } from './jobs/answer-job.js';

export type Admission = { admitted: true; referenceId: string } | { admitted: false; retryAfterMs: number };

const MINUTE_MS = 60_000;

export function createAdmission(deps: Pick<SlackDeps, 'config' | 'runtime'>) {
  const { rateLimits } = deps.config;
  return {
    /**
     * Admits a question or says how long to wait. `jobId` makes enqueueing idempotent (e.g. the
     * Slack event id). Rejects with `queue_unavailable` when the queue cannot take it.
     */
    async admit(job: Omit<AnswerJob, 'referenceId'>, jobId?: string): Promise<Admission> {
      const [byUser, byChannel] = await Promise.all([
        deps.runtime.rateLimiter.take(`user:${job.user}`, {
          limit: rateLimits.userPerMinute,
          windowMs: MINUTE_MS,
        }),
        deps.runtime.rateLimiter.take(`channel:${job.channel}`, {
          limit: rateLimits.channelPerMinute,
          windowMs: MINUTE_MS,
        }),
      ]);
      if (!byUser.allowed || !byChannel.allowed) {
        return { admitted: false, retryAfterMs: Math.max(byUser.retryAfterMs, byChannel.retryAfterMs) };
      }
      const referenceId = createReferenceId();
      await deps.runtime.queue.enqueue({ ...job, referenceId }, jobId ? { jobId } : undefined);
      return { admitted: true, referenceId };
    },
  };
}

export type AdmissionGate = ReturnType<typeof createAdmission>;
