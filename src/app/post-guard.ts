/**
 * @module app/post-guard — exactly-once answers on an at-least-once queue. A job runs again when
 * its worker dies or it fails, so the step that makes an answer visible takes an idempotency
 * claim first: a rerun after a successful post computes the answer again but does not post it.
 *
 * The trade-off: the claim is taken just before posting. A worker that dies after claiming and
 * before Slack accepted the post (one HTTP call) leaves the question unanswered; claiming after the
 * post instead would double-post when it dies in the same window. We prefer never twice; a post
 * that fails with an error releases the claim, so the retry posts.
 */
import type { Dedupe, RuntimeLogger } from '../runtime/index.js';

/** Longer than any retry of one job (attempts × backoff, plus stalled-job reruns). */
export const POSTED_CLAIM_MS = 24 * 60 * 60_000;

export interface PostGuard {
  /** Runs `post` unless an earlier run of the job posted (or is posting); releases the claim if it throws. */
  post(jobId: string, post: () => Promise<void>): Promise<void>;
  /**
   * Runs `notify` (the "I could not answer" message) for a job that failed for good, unless an
   * answer was posted: each question gets one visible outcome.
   */
  notifyFailure(jobId: string, notify: () => Promise<void>): Promise<void>;
}

/**
 * For the in-process queue, which runs a job again only after it threw (and a throwing post
 * releases its claim anyway): posts directly, holding no claims in memory.
 */
export const directPosting: PostGuard = {
  post: (_jobId, post) => post(),
  notifyFailure: (_jobId, notify) => notify(),
};

/** @example const guard = createPostGuard({ dedupe: runtime.dedupe, logger }); await guard.post(job.id, () => postAnswer()); */
export function createPostGuard(options: { dedupe: Dedupe; logger: RuntimeLogger }): PostGuard {
  const { dedupe, logger } = options;
  const keyOf = (jobId: string) => `answer-posted:${jobId}`;
  return {
    async post(jobId, post) {
      if (!(await dedupe.claim(keyOf(jobId), POSTED_CLAIM_MS))) {
        logger.warn(
          { jobId },
          'app: an earlier run of this job already posted its answer; not posting again',
        );
        return;
      }
      try {
        await post();
      } catch (error) {
        await dedupe
          .release(keyOf(jobId))
          .catch((releaseError: unknown) =>
            logger.warn({ jobId, error: String(releaseError) }, 'app: could not release the post claim'),
          );
        throw error;
      }
    },
    async notifyFailure(jobId, notify) {
      // When the claim store is down, telling the asker twice beats never telling them.
      const first = await dedupe.claim(keyOf(jobId), POSTED_CLAIM_MS).catch(() => true);
      if (first) await notify();
      else logger.warn({ jobId }, 'app: the job failed after its answer was posted; no failure message');
    },
  };
}
