/**
 * @module slack/listeners/actions — button clicks: 👍/👎 feedback (recorded and acknowledged),
 * follow-up suggestions (asked in the thread) and a tip's "Tell me more". Repeated clicks on the
 * same button produce one answer.
 */
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { AdmissionGate } from '../admission.js';
import type { SlackDeps } from '../deps.js';
import { describeFailure } from '../failure-reply.js';
import { ACTION_IDS, renderFeedbackThanks, renderRateLimited } from '../render/index.js';

/** A repeated click on the same button within this window is ignored. */
const CLICK_DEDUPE_MS = 10 * 60_000;

interface ClickContext {
  channel: string;
  user: string;
  teamId?: string;
  messageTs: string;
  threadTs: string;
}

function clickContext(body: BlockAction): ClickContext | undefined {
  const channel = body.channel?.id ?? body.container?.channel_id;
  const messageTs = body.message?.ts ?? body.container?.message_ts;
  if (!channel || !messageTs) return undefined;
  const threadTs = (body.message as { thread_ts?: string } | undefined)?.thread_ts ?? messageTs;
  return { channel, user: body.user.id, teamId: body.team?.id, messageTs, threadTs };
}

export function registerActions(app: App, deps: SlackDeps, gate: AdmissionGate): void {
  const { runtime, metrics, logger } = deps;

  app.action<BlockAction<ButtonAction>>(
    new RegExp(`^(${ACTION_IDS.feedbackUp}|${ACTION_IDS.feedbackDown})$`),
    async ({ ack, action, body, client }) => {
      const started = performance.now();
      await ack();
      metrics.ackLatency.observe({ kind: 'action' }, (performance.now() - started) / 1_000);
      const click = clickContext(body);
      const vote = action.action_id === ACTION_IDS.feedbackUp ? 'up' : 'down';
      try {
        if (
          !click ||
          !(await runtime.dedupe.claim(`feedback:${click.user}:${click.messageTs}`, CLICK_DEDUPE_MS))
        )
          return;
        await runtime.state.increment(`feedback:${vote}`);
        metrics.feedback.inc({ vote });
        logger.info({ vote, referenceId: action.value, user: click.user }, 'answer feedback');
        await client.chat.postEphemeral({
          channel: click.channel,
          user: click.user,
          thread_ts: click.threadTs,
          ...renderFeedbackThanks(vote),
        });
      } catch (error) {
        describeFailure(deps, error, 'feedback');
      }
    },
  );

  const askFromButton =
    (surface: 'follow_up' | 'tip_more') =>
    async ({
      ack,
      action,
      body,
      client,
    }: {
      ack: () => Promise<void>;
      action: ButtonAction;
      body: BlockAction;
      client: App['client'];
    }) => {
      const started = performance.now();
      await ack();
      metrics.ackLatency.observe({ kind: 'action' }, (performance.now() - started) / 1_000);
      const click = clickContext(body);
      if (!click || !action.value) return;
      try {
        const onceKey =
          surface === 'tip_more'
            ? `tip-more:${click.messageTs}`
            : `follow-up:${click.user}:${click.messageTs}:${action.action_id}`;
        if (!(await runtime.dedupe.claim(onceKey, CLICK_DEDUPE_MS))) return;
        let messageTs: string | undefined;
        if (surface === 'follow_up') {
          const posted = await client.chat.postMessage({
            channel: click.channel,
            thread_ts: click.threadTs,
            text: `<@${click.user}> asked: ${action.value}`,
          });
          messageTs = posted.ts;
        }
        const admission = await gate.admit({
          surface,
          user: click.user,
          teamId: click.teamId,
          channel: click.channel,
          question: action.value,
          threadTs: click.threadTs,
          ...(messageTs ? { messageTs } : {}),
        });
        if (!admission.admitted) {
          await client.chat.postEphemeral({
            channel: click.channel,
            user: click.user,
            thread_ts: click.threadTs,
            ...renderRateLimited(admission.retryAfterMs),
          });
        }
      } catch (error) {
        const failure = describeFailure(deps, error, surface);
        await client.chat
          .postEphemeral({
            channel: click.channel,
            user: click.user,
            text: failure.text,
            blocks: failure.blocks,
          })
          .catch(() => undefined);
      }
    };

  app.action<BlockAction<ButtonAction>>(
    new RegExp(`^${ACTION_IDS.askFollowUp}_\\d+$`),
    askFromButton('follow_up'),
  );
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.tipMore, askFromButton('tip_more'));
}
