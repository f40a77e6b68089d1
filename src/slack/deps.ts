/**
 * @module slack/deps — what the Slack listeners are given by the composition root.
 */
import type { Logger } from 'pino';
import type { Config } from '../config/index.js';
import type { MentorService } from '../mentor/types.js';
import type { Metrics } from '../observability/metrics.js';
import type { Runtime } from '../runtime/index.js';
import type { AnswerJob } from './jobs/answer-job.js';

export interface SlackDeps {
  config: Readonly<Config>;
  mentor: MentorService;
  runtime: Runtime<AnswerJob>;
  logger: Logger;
  metrics: Metrics;
}
