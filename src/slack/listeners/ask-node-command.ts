/**
 * @module slack/listeners/ask-node-command — `/ask-node <question>` and its subcommands `help`,
 * `topics` and `tip`. Acks at once with an ephemeral "thinking" line; the answer is posted in the
 * channel by the worker, so follow-ups happen in its thread.
 */
import type { App } from '@slack/bolt';
import type { AdmissionGate } from '../admission.js';
import type { SlackDeps } from '../deps.js';
import { describeFailure } from '../failure-reply.js';
import { questionText } from '../text.js';
import { renderHelp, renderRateLimited, renderThinking, renderTip, renderTopics } from '../render/index.js';

export const ASK_NODE_COMMAND = '/ask-node';

export function registerAskNodeCommand(app: App, deps: SlackDeps, gate: AdmissionGate): void {
  const { mentor, metrics } = deps;
  app.command(ASK_NODE_COMMAND, async ({ command, ack, respond }) => {
    const started = performance.now();
    let acknowledged = false;
    const acknowledge = async (message: { text: string; blocks?: unknown[] }) => {
      await ack({ response_type: 'ephemeral', ...message } as Parameters<typeof ack>[0]);
      metrics.ackLatency.observe({ kind: 'command' }, (performance.now() - started) / 1_000);
    };
    try {
      const text = questionText(command.text);
      const subcommand = text.toLowerCase();
      if (text === '' || subcommand === 'help') return await acknowledge(renderHelp(mentor.persona));
      if (subcommand === 'topics') return await acknowledge(renderTopics(mentor.topics()));
      if (subcommand === 'tip')
        return await acknowledge(renderTip(await mentor.nextTip(`user:${command.user_id}`)));
      const job = {
        surface: 'command' as const,
        user: command.user_id,
        teamId: command.team_id,
        channel: command.channel_id,
        question: text,
        responseUrl: command.response_url,
      };
      const rate = await gate.checkRate(job);
      if (!rate.allowed) return await acknowledge(renderRateLimited(rate.retryAfterMs));
      // Ack before queueing, so the "thinking" line reaches Slack before a fast answer does.
      await acknowledge(renderThinking(text));
      acknowledged = true;
      await gate.enqueue(job, `command:${command.trigger_id}`);
    } catch (error) {
      const failure = describeFailure(deps, error, 'slash command');
      if (!acknowledged) return await acknowledge(failure);
      await respond({ response_type: 'ephemeral', text: failure.text, blocks: failure.blocks }).catch(
        () => undefined,
      );
    }
  });
}
