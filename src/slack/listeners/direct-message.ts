/**
 * @module slack/listeners/direct-message — a top-level DM to the mentor. (Threaded DMs belong to
 * the assistant pane and go through the `Assistant` listener.) Channel messages are ignored: a
 * mention arrives as its own `app_mention` event and is answered there, once.
 */
import type { App } from '@slack/bolt';
import type { AdmissionGate } from '../admission.js';
import type { SlackDeps } from '../deps.js';
import { describeFailure } from '../failure-reply.js';
import { isFromBot } from '../is-from-bot.js';
import { renderHelp, renderRateLimited } from '../render/index.js';
import { questionText } from '../text.js';
import { admitMessageQuestion, type PersonMessage } from './message-question.js';

export function registerDirectMessage(app: App, deps: SlackDeps, gate: AdmissionGate): void {
  app.message(async ({ message, body, context, client }) => {
    const dm = message as PersonMessage;
    if (dm.channel_type !== 'im' || dm.subtype !== undefined || isFromBot(dm, context.botUserId) || !dm.user)
      return;
    try {
      const question = questionText(dm.text ?? '');
      if (question === '') {
        await client.chat.postMessage({ channel: dm.channel, ...renderHelp(deps.mentor.persona) });
        return;
      }
      const admission = await admitMessageQuestion(gate, {
        surface: 'dm',
        message: { ...dm, user: dm.user },
        question,
        body,
        threadTs: dm.thread_ts,
      });
      if (!admission.admitted)
        await client.chat.postMessage({
          channel: dm.channel,
          ...renderRateLimited(admission.retryAfterMs),
        });
    } catch (error) {
      const failure = describeFailure(deps, error, 'direct message');
      await client.chat
        .postMessage({ channel: dm.channel, text: failure.text, blocks: failure.blocks })
        .catch(() => undefined);
    }
  });
}
