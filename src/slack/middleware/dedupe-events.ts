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
    if (typeof eventId === 'string' && !(await dedupe.claim(`slack-event:${eventId}`, EVENT_ID_TTL_MS)))
      return;
    await next();
  };
}
