/**
 * @module slack/jobs/deliver-answer — the worker side of a question: read the thread, ask the
 * mentor, and post the answer where the question was asked (streamed in the assistant pane and
 * DMs when the LLM generator is on).
 */
import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Answer, HistoryTurn, MentorService } from '../../mentor/types.js';
import type { Metrics } from '../../observability/metrics.js';
import { renderAnswer, renderError, splitForStreaming } from '../render/index.js';
import type { AnswerJob } from './answer-job.js';
import { postToResponseUrl } from './response-url.js';
import { isCannotPost } from './slack-errors.js';
import { readThreadHistory } from './thread-history.js';

export interface AnswerDelivererOptions {
  client: webApi.WebClient;
  mentor: MentorService;
  botUserId: string;
  /** Stream answers (chat streaming) in the assistant pane and DMs: on with the LLM generator. */
  streaming: boolean;
  logger: Logger;
  metrics: Metrics;
  /**
   * Wraps the step that makes the answer visible (post, stream or response_url), after the answer
   * is computed; the composition root guards it with an idempotency claim so a retried job never
   * posts twice. `key` names the question (see `DeliveryRun`). Default: just post.
   */
  guardPost?: (key: string, post: () => Promise<void>) => Promise<void>;
}

export interface DeliveryRun {
  /** Names the question across reruns of its job, for `guardPost`; default its reference id. */
  key?: string;
  signal?: AbortSignal;
}

export interface AnswerDeliverer {
  /** Answers the job; rejects on failure so the queue can retry. */
  deliver(job: AnswerJob, run?: DeliveryRun): Promise<void>;
  /** Tells the asker, in the same place, that the answer failed for good (with the reference id). */
  deliverFailure(job: AnswerJob, error: unknown): Promise<void>;
}

export function createAnswerDeliverer(options: AnswerDelivererOptions): AnswerDeliverer {
  const { client, mentor, logger, metrics } = options;
  const guardPost = options.guardPost ?? ((_key: string, post: () => Promise<void>) => post());

  const history = async (job: AnswerJob): Promise<HistoryTurn[]> => {
    if (!job.threadTs || job.surface === 'command' || job.surface === 'tip_more') return [];
    return readThreadHistory(client, {
      channel: job.channel,
      threadTs: job.threadTs,
      excludeTs: job.messageTs,
      botUserId: options.botUserId,
    });
  };

  const postMessages = async (
    job: AnswerJob,
    messages: ReturnType<typeof renderAnswer>['messages'],
    text: string,
    threadTs?: string,
  ) => {
    let rootTs = threadTs;
    for (const [index, blocks] of messages.entries()) {
      const response = await client.chat.postMessage({
        channel: job.channel,
        text: index === 0 ? text : 'continued',
        blocks,
        ...(rootTs ? { thread_ts: rootTs } : {}),
        unfurl_links: false,
      });
      rootTs ??= response.ts;
    }
  };

  const deliverCommand = async (job: AnswerJob, answer: Answer) => {
    const rendered = renderAnswer(answer, { askedBy: job.user, questionRef: job.referenceId });
    try {
      await postMessages(job, rendered.messages, rendered.text);
    } catch (error) {
      if (!isCannotPost(error) || !job.responseUrl) throw error;
      const notice = `I can't post in this channel, so only you see this answer. Invite me with \`/invite @${mentor.persona.displayName}\` to answer in the channel.`;
      const privately = renderAnswer(
        { ...answer, notices: [notice, ...answer.notices] },
        { questionRef: job.referenceId },
      );
      await postToResponseUrl(job.responseUrl, { text: privately.text, blocks: privately.messages.flat() });
    }
  };

  const streamAnswer = async (
    job: AnswerJob,
    turns: HistoryTurn[],
    signal?: AbortSignal,
  ): Promise<Answer> => {
    const threadTs = job.threadTs ?? job.messageTs ?? '';
    const streamer = client.chatStream({
      channel: job.channel,
      thread_ts: threadTs,
      recipient_user_id: job.user,
      ...(job.teamId ? { recipient_team_id: job.teamId } : {}),
    });
    let answer: Answer | undefined;
    for await (const event of mentor.askStream({ question: job.question, history: turns, signal })) {
      if (event.type === 'done') answer = event.answer;
      else for (const piece of splitForStreaming(event.text)) await streamer.append({ markdown_text: piece });
    }
    if (!answer) throw new Error('slack: the answer stream ended without an answer');
    const closing = renderAnswer(answer, { questionRef: job.referenceId, footerOnly: true });
    await streamer.stop({ blocks: closing.messages.flat() });
    return answer;
  };

  return {
    async deliver(job, run = {}) {
      const { signal } = run;
      const key = run.key ?? job.referenceId;
      const started = performance.now();
      const turns = await history(job);
      if (job.surface === 'mention' && job.messageTs) {
        await client.reactions
          .add({ channel: job.channel, timestamp: job.messageTs, name: 'eyes' })
          .catch(() => undefined);
      }
      const wantsStream = options.streaming && (job.surface === 'assistant' || job.surface === 'dm');
      let answer: Answer | undefined;
      if (wantsStream) {
        await guardPost(key, async () => void (answer = await streamAnswer(job, turns, signal)));
      } else {
        const computed =
          job.surface === 'tip_more'
            ? await mentor.explain(job.question, signal)
            : await mentor.ask({ question: job.question, history: turns, signal });
        answer = computed;
        await guardPost(key, async () => {
          if (job.surface === 'command') await deliverCommand(job, computed);
          else {
            const rendered = renderAnswer(computed, { questionRef: job.referenceId });
            await postMessages(job, rendered.messages, rendered.text, job.threadTs);
          }
        });
      }
      if (answer) metrics.retrievalLatency.observe(answer.timings.retrieveMs / 1_000);
      metrics.answerLatency.observe({ surface: job.surface }, (performance.now() - started) / 1_000);
    },

    async deliverFailure(job, error) {
      logger.error(
        { err: error, referenceId: job.referenceId, surface: job.surface },
        'answer failed for good',
      );
      const message = renderError(job.referenceId);
      try {
        if (job.responseUrl)
          await postToResponseUrl(job.responseUrl, { text: message.text, blocks: message.blocks });
        else
          await client.chat.postEphemeral({
            channel: job.channel,
            user: job.user,
            text: message.text,
            blocks: message.blocks,
            ...(job.threadTs ? { thread_ts: job.threadTs } : {}),
          });
      } catch (notifyError) {
        logger.error(
          { err: notifyError, referenceId: job.referenceId },
          'could not tell the asker about the failure',
        );
      }
    },
  };
}
