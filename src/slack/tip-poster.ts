/**
 * @module slack/tip-poster — posts the tip of the day to each configured channel, at most once per
 * channel per schedule slot (the dedupe claim makes BullMQ's at-least-once ticks exactly-once).
 */
import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { MentorService, Tip } from '../mentor/types.js';
import type { Dedupe } from '../runtime/index.js';
import { renderTip } from './render/index.js';

/** A slot's claim outlives any retry of its tick. */
const SLOT_CLAIM_MS = 48 * 60 * 60_000;

export interface TipPosterOptions {
  client: webApi.WebClient;
  mentor: MentorService;
  dedupe: Dedupe;
  channels: readonly string[];
  logger: Logger;
}

export interface PostedTip {
  channel: string;
  tip?: Tip;
  /** Why nothing was posted: already posted in this slot, or the Slack error code. */
  skipped?: string;
}

export interface TipPoster {
  /** Posts one tip per channel for `slotKey` (e.g. `tip-of-the-day@2026-11-25T09:00:00.000Z`). */
  post(slotKey: string): Promise<PostedTip[]>;
}

export function createTipPoster(options: TipPosterOptions): TipPoster {
  const { client, mentor, dedupe, logger } = options;
  return {
    async post(slotKey) {
      const results: PostedTip[] = [];
      for (const channel of options.channels) {
        if (!(await dedupe.claim(`tip-slot:${slotKey}:${channel}`, SLOT_CLAIM_MS))) {
          results.push({ channel, skipped: 'already posted in this slot' });
          continue;
        }
        try {
          const tip = await mentor.nextTip(channel);
          await client.chat.postMessage({ channel, unfurl_links: false, ...renderTip(tip) });
          logger.info({ channel, tip: tip.id, slotKey }, 'posted the tip of the day');
          results.push({ channel, tip });
        } catch (error) {
          logger.error({ err: error, channel, slotKey }, 'could not post the tip of the day');
          results.push({
            channel,
            skipped: (error as { data?: { error?: string } }).data?.error ?? 'failed',
          });
        }
      }
      return results;
    },
  };
}
