/**
 * @module slack/middleware/dedupe-events — Slack retries events it thinks were not delivered
 * (`X-Slack-Retry-Num`); every event id is handled once, across replicas when the dedupe store is
 * Redis. Ids are kept 15 minutes, past Slack's retry schedule.
 */
import type { Middleware, AnyMiddlewareArgs } from '@slack/bolt';
import type { Dedupe } from '../../runtime/index.js';

export const EVENT_ID_TTL_MS = 15 * 60_000;

export function dedupeEvents(dedupe: Dedupe): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !(await firstDelivery(dedupe, eventId))) return;
    await next();
  };
}

/**
 * Fails open when the dedupe store is unreachable (Redis down): the listener then runs and tells
 * the user "temporarily unavailable" with a reference id, instead of the event vanishing in Bolt's
 * error handler. Nothing can be enqueued twice meanwhile — the queue is on the same Redis.
 */
async function firstDelivery(dedupe: Dedupe, eventId: string): Promise<boolean> {
  try {
    return await dedupe.claim(`slack-event:${eventId}`, EVENT_ID_TTL_MS);
  } catch {
    return true;
  }
}
