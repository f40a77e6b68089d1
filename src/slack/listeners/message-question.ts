/**
 * @module slack/listeners/message-question — a person's message (a DM, or a message in an
 * assistant thread) turned into a question for the answer queue, keyed by the Slack event id so a
 * redelivered event is enqueued once.
 */
import type { Admission, AdmissionGate } from '../admission.js';

/** The fields of a `message` event the listeners read. */
export interface PersonMessage {
  channel: string;
  channel_type?: string;
  user?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
  subtype?: string;
  bot_id?: string;
}

export function admitMessageQuestion(
  gate: AdmissionGate,
  input: {
    surface: 'dm' | 'assistant';
    message: PersonMessage & { user: string };
    question: string;
    /** The envelope Bolt received (`team_id`, `event_id`). */
    body: unknown;
    threadTs?: string;
  },
): Promise<Admission> {
  const { message } = input;
  const envelope = input.body as { team_id?: string; event_id?: string };
  return gate.admit(
    {
      surface: input.surface,
      user: message.user,
      teamId: envelope.team_id,
      channel: message.channel,
      question: input.question,
      messageTs: message.ts,
      ...(input.threadTs ? { threadTs: input.threadTs } : {}),
    },
    `event:${envelope.event_id ?? message.ts}`,
  );
}
