/**
 * @module slack/listeners/app-mention — `@mentor …` in a channel or thread: answered in the
 * thread; inside a thread the worker reads it as history for follow-ups.
 */
import type { App } from '@slack/bolt';
import type { AdmissionGate } from '../admission.js';
import type { SlackDeps } from '../deps.js';
import { describeFailure } from '../failure-reply.js';
import { isFromBot } from '../is-from-bot.js';
import { renderHelp, renderRateLimited, type RenderedMessage } from '../render/index.js';
import { questionText } from '../text.js';

export function registerAppMention(app: App, deps: SlackDeps, gate: AdmissionGate): void {
  app.event('app_mention', async ({ event, body, context, client }) => {
    if (isFromBot(event, context.botUserId)) return;
    const threadTs = event.thread_ts ?? event.ts;
    const user = event.user ?? '';
    const reply = (message: RenderedMessage) =>
      client.chat.postEphemeral({ channel: event.channel, user, thread_ts: threadTs, ...message });
    try {
      const question = questionText(event.text);
      if (question === '') {
        await client.chat.postMessage({
          channel: event.channel,
          thread_ts: threadTs,
          ...renderHelp(deps.mentor.persona),
        });
        return;
      }
      const admission = await gate.admit(
        {
          surface: 'mention',
          user,
          teamId: body.team_id,
          channel: event.channel,
          question,
          threadTs,
          messageTs: event.ts,
        },
        `event:${body.event_id}`,
      );
      if (!admission.admitted) await reply(renderRateLimited(admission.retryAfterMs));
    } catch (error) {
      const failure = describeFailure(deps, error, 'mention');
      await reply(failure).catch(() => undefined);
    }
  });
}
