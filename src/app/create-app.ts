/**
 * @module app/create-app — the composition root: builds everything from `Config` (logger,
 * metrics, runtime, mentor, Slack connection, web and worker roles, the tip schedule, and the
 * playground when no Slack credentials are set). Nothing else wires parts together or listens.
 *
 * @example
 * const app = await createApp(loadConfig(process.env));
 * const { urls } = await app.start();
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webApi, type App } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Config } from '../config/index.js';
import { createMentorFromConfig } from '../mentor/index.js';
import type { MentorService } from '../mentor/types.js';
import { createLogger } from '../observability/logger.js';
import { createMetrics, type Metrics } from '../observability/metrics.js';
import { createHealthRoutes, handleHealthRequest } from '../observability/health-routes.js';
import { createPlaygroundServer } from '../playground/page/index.js';
import { createRuntime, type JobContext, type Runtime } from '../runtime/index.js';
import { createBoltApp } from '../slack/create-bolt-app.js';
import type { AnswerJob } from '../slack/jobs/answer-job.js';
import { createAnswerDeliverer } from '../slack/jobs/deliver-answer.js';
import { createTipPoster, type TipPoster } from '../slack/tip-poster.js';
import { createPostGuard, directPosting } from './post-guard.js';
import { connectSlack, type SlackConnection } from './slack-connection.js';

export interface AppOverrides {
  logger?: Logger;
  /** Web API client options, e.g. `{ retryConfig: { retries: 0 } }` in tests. */
  slackClientOptions?: webApi.WebClientOptions;
}

export interface AppUrls {
  /** Where Slack sends events, commands and interactivity (HTTP transport). */
  slackEvents?: string;
  /** Health and metrics (`/healthz`, `/readyz`, `/metrics`). */
  health?: string;
  /** The local playground page. */
  playground?: string;
}

export interface MentorApp {
  readonly config: Readonly<Config>;
  readonly mentor: MentorService;
  readonly runtime: Runtime<AnswerJob>;
  readonly slack: SlackConnection;
  readonly tipPoster: TipPoster;
  start(): Promise<{ urls: AppUrls }>;
  /** Stops taking work, finishes in-flight answers within the grace period, closes everything. */
  stop(): Promise<void>;
}

/** The tip channels: configured ones, or #general in the playground. */
function tipChannels(config: Readonly<Config>, slack: SlackConnection): string[] {
  if (config.tips.channels.length > 0 || !slack.standIn) return [...config.tips.channels];
  return [slack.standIn.snapshot().channels.find((channel) => channel.name === 'general')?.id ?? 'C0GENERAL'];
}

export async function createApp(config: Readonly<Config>, overrides: AppOverrides = {}): Promise<MentorApp> {
  const logger = overrides.logger ?? createLogger({ level: config.logLevel });
  const metrics: Metrics = createMetrics();
  const runtime = await createRuntime<AnswerJob>({
    redisUrl: config.redis.url,
    dataDir: config.dataDir,
    jobAttempts: config.worker.attempts,
    jobBackoffMs: config.worker.backoffMs,
    jobLockMs: config.worker.lockMs,
    stalledCheckMs: config.worker.stalledCheckMs,
    logger,
  });
  metrics.setQueueDepthSource(() => runtime.queue.depth());
  const mentor = await createMentorFromConfig(config, { state: runtime.state, logger }).catch(
    async (error: unknown) => {
      await runtime.stop();
      throw error;
    },
  );
  const slack = await connectSlack(config, {
    retryConfig: webApi.retryPolicies.fiveRetriesInFiveMinutes,
    ...overrides.slackClientOptions,
  }).catch(async (error: unknown) => {
    await runtime.stop();
    throw error;
  });
  const tipPoster = createTipPoster({
    client: slack.client,
    mentor,
    dedupe: runtime.dedupe,
    channels: tipChannels(config, slack),
    logger,
  });
  const deps = { config, mentor, runtime, logger, metrics };
  const runsWeb = config.role !== 'worker';
  const runsWorker = config.role !== 'web';
  let bolt: App | undefined;
  let healthServer: Server | undefined;
  let playground: { stop(): Promise<void> } | undefined;
  let stopping: Promise<void> | undefined;

  const readiness = async () => {
    const health = await runtime.health();
    return health.ok ? { ready: true } : { ready: false, reason: health.detail ?? 'runtime not ready' };
  };
  const routes = createHealthRoutes({ readiness, metrics });

  return {
    config,
    mentor,
    runtime,
    slack,
    tipPoster,
    async start() {
      const urls: AppUrls = {};
      if (runsWorker) {
        // Only BullMQ reruns a job whose worker died, possibly after its answer was posted.
        const guard =
          runtime.driver === 'memory' ? directPosting : createPostGuard({ dedupe: runtime.dedupe, logger });
        const deliverer = createAnswerDeliverer({
          client: slack.client,
          mentor,
          botUserId: slack.botUserId,
          streaming: config.answer.provider === 'openai',
          logger,
          metrics,
          guardPost: (key, post) => guard.post(key, post),
        });
        // The job id and the question's reference id together name one question for good.
        const questionKey = (job: AnswerJob, context: JobContext) => `${context.id}/${job.referenceId}`;
        runtime.queue.process((job, context) => deliverer.deliver(job, { key: questionKey(job, context) }), {
          concurrency: config.worker.concurrency,
          onFailed: (job, error, context) =>
            guard.notifyFailure(questionKey(job, context), () => deliverer.deliverFailure(job, error)),
        });
        if (config.tips.channels.length > 0 || slack.standIn) {
          await runtime.scheduler.schedule(
            'tip-of-the-day',
            { pattern: config.tips.schedule, timezone: config.tips.timezone },
            async (tick) => {
              await tipPoster.post(tick.slotKey);
            },
          );
        }
      }
      if (runsWeb) {
        bolt = createBoltApp(
          {
            transport: slack.transport,
            botToken: slack.botToken,
            signingSecret: slack.signingSecret,
            appToken: slack.appToken,
            slackApiUrl: slack.slackApiUrl,
            botId: slack.botId,
            botUserId: slack.botUserId,
            customRoutes: routes,
            clientOptions: overrides.slackClientOptions,
            socketModeRoutesPort: config.slack.port,
          },
          deps,
        );
        const port = slack.standIn ? 0 : config.slack.port;
        const started: unknown = await bolt.start(port);
        // Over HTTP, Bolt resolves with its server; Socket Mode serves the routes on PORT itself.
        const boltPort =
          slack.transport === 'http'
            ? ((started as Server).address() as AddressInfo).port
            : config.slack.port;
        urls.health = `http://127.0.0.1:${boltPort}/healthz`;
        if (slack.transport === 'http') urls.slackEvents = `http://127.0.0.1:${boltPort}/slack/events`;
        if (slack.standIn && urls.slackEvents && slack.signingSecret) {
          slack.standIn.connectApp(urls.slackEvents, slack.signingSecret);
          const page = createPlaygroundServer({
            standIn: slack.standIn,
            port: config.playground.port,
            logger,
            postTip: () => tipPoster.post(`playground@${new Date().toISOString()}`),
          });
          urls.playground = await page.start();
          playground = page;
        }
      } else {
        const server = createServer((request, response) => {
          if (!handleHealthRequest(routes, request, response)) response.writeHead(404).end();
        });
        await new Promise<void>((resolve) => server.listen(config.slack.port, resolve));
        healthServer = server;
        urls.health = `http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`;
      }
      return { urls };
    },
    stop() {
      stopping ??= (async () => {
        await bolt
          ?.stop()
          .catch((error: unknown) => logger.warn({ err: error }, 'stopping the Slack receiver failed'));
        await playground?.stop();
        await runtime.stop({ drainMs: config.shutdownGraceMs });
        await new Promise<void>((resolve) =>
          healthServer ? healthServer.close(() => resolve()) : resolve(),
        );
        await slack.standIn?.stop();
      })();
      return stopping;
    },
  };
}
