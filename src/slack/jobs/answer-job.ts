/**
 * @module slack/jobs/answer-job — the unit of work between the web side (ack, check, enqueue) and
 * the worker side (answer, post). Plain JSON, so it can sit in BullMQ.
 */

/** Where a question came from; answers are delivered and measured per surface. */
export type Surface = 'command' | 'mention' | 'dm' | 'assistant' | 'follow_up' | 'tip_more';

export interface AnswerJob {
  surface: Surface;
  /** The asker. */
  user: string;
  teamId?: string;
  channel: string;
  /** The question, or for `tip_more` the playbook section ref (`<playbookId>#<anchor>`). */
  question: string;
  /** Thread to answer in; absent for `/ask-node` (it starts a new message) and top-level DMs. */
  threadTs?: string;
  /** The asker's own message, left out when the thread is read as history. */
  messageTs?: string;
  /** Slash commands: where to answer ephemerally when the bot cannot post in the channel. */
  responseUrl?: string;
  /** Short id shown to the user if anything fails, and logged with the detail. */
  referenceId: string;
}
