/**
 * @module slack/admission — the web side's gate for a question: per-user and per-channel rate
 * limits, then onto the answer queue. Everything slow happens after this, on the worker side.
 */
import { createReferenceId } from '../errors.js';
import type { SlackDeps } from './deps.js';
import type { AnswerJob } from './jobs/answer-job.js';

export type RateCheck = { allowed: true } | { allowed: false; retryAfterMs: number };
export type Admission = { admitted: true; referenceId: string } | { admitted: false; retryAfterMs: number };
export type QuestionJob = Omit<AnswerJob, 'referenceId'>;

const MINUTE_MS = 60_000;

export function createAdmission(deps: Pick<SlackDeps, 'config' | 'runtime'>) {
  const { rateLimits } = deps.config;

  /** Takes one question from the asker's and the channel's per-minute budgets. */
  async function checkRate(job: Pick<AnswerJob, 'user' | 'channel'>): Promise<RateCheck> {
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
    if (byUser.allowed && byChannel.allowed) return { allowed: true };
    return { allowed: false, retryAfterMs: Math.max(byUser.retryAfterMs, byChannel.retryAfterMs) };
  }

  /**
   * Queues a question already past `checkRate`. `jobId` makes it idempotent (e.g. the Slack event
   * id). Rejects with `queue_unavailable` when the queue cannot take it.
   */
  async function enqueue(job: QuestionJob, jobId?: string): Promise<string> {
    const referenceId = createReferenceId();
    await deps.runtime.queue.enqueue({ ...job, referenceId }, jobId ? { jobId } : undefined);
    return referenceId;
  }

  return {
    checkRate,
    enqueue,
    /** `checkRate`, then `enqueue`: admits a question or says how long to wait. */
    async admit(job: QuestionJob, jobId?: string): Promise<Admission> {
      const rate = await checkRate(job);
      if (!rate.allowed) return { admitted: false, retryAfterMs: rate.retryAfterMs };
      return { admitted: true, referenceId: await enqueue(job, jobId) };
    },
  };
}

export type AdmissionGate = ReturnType<typeof createAdmission>;
