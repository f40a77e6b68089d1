/**
 * @module runtime/close-worker — shutting a BullMQ worker down within a bound, even when Redis is gone.
 */
import type { Worker } from 'bullmq';
import type { RuntimeLogger } from './logger.js';
import type { WorkerClient } from './redis-connection.js';
import { settleWithin } from './settle-within.js';

/**
 * Closes a worker, waiting up to `drainMs` (ms) for its running jobs — or for an unreachable Redis,
 * which BullMQ would wait on forever. After that its connections are dropped; jobs it still held
 * are retried by another replica once their lock expires.
 */
export async function closeWorker(
  worker: Worker,
  client: WorkerClient,
  drainMs: number,
  logger: RuntimeLogger,
): Promise<void> {
  const closing = worker.close();
  if (await settleWithin(closing, drainMs)) return;
  logger.warn(
    { queue: worker.name, drainMs },
    'runtime: worker not closed within drainMs; dropping its connections',
  );
  client.disconnect();
}
