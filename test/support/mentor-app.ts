/**
 * @module test/support/mentor-app — the real app (`createApp`, Bolt's HTTP receiver on a free port)
 * with its Web API client pointed at a Slack stand-in started here, as a production deployment
 * would be pointed at Slack. The stand-in signs what it sends with the app's signing secret.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import { createApp, type AppUrls, type MentorApp } from '../../src/app/create-app.js';
import { loadConfig } from '../../src/config/index.js';
import { createSlackStandIn, type SlackStandIn } from '../../src/playground/slack-stand-in/index.js';

export interface MentorAppHarness {
  readonly app: MentorApp;
  readonly slack: SlackStandIn;
  readonly urls: AppUrls;
  readonly signingSecret: string;
  readonly dataDir: string;
  /** Stops the app (graceful) and starts a new one on the same data dir and stand-in. */
  restart(): Promise<MentorAppHarness>;
  /** Stops the app and the stand-in and removes the data dir (unless it was passed in). */
  stop(): Promise<void>;
}

export interface MentorAppOptions {
  /** Extra environment, e.g. `{ TIP_SCHEDULE: '* * * * * *' }`. */
  env?: Record<string, string>;
  /** Reuse a data dir (and the index built in it); default a fresh temp dir. */
  dataDir?: string;
  /** Reuse a running stand-in; default a new one. */
  slack?: SlackStandIn;
  /** Capture the app's logs; default silent. */
  logger?: Logger;
}

const signingSecret = 'test-signing-secret-0123456789abcdef';
const root = path.resolve(import.meta.dirname, '../..');

/** @example const harness = await startMentorApp({ env: { RATE_LIMIT_USER_PER_MINUTE: '2' } }); */
export async function startMentorApp(options: MentorAppOptions = {}): Promise<MentorAppHarness> {
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'mentor-app-')));
  const slack = options.slack ?? createSlackStandIn({ signingSecret });
  const apiUrl = options.slack ? slack.apiUrl : await slack.start();
  const config = loadConfig(
    {
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: apiUrl,
      PORT: '0',
      MENTOR_DATA_DIR: dataDir,
      MENTOR_KNOWLEDGE_DIR: path.join(root, 'knowledge'),
      MENTOR_PERSONAS_DIR: path.join(root, 'personas'),
      LOG_LEVEL: 'silent',
      SHUTDOWN_GRACE_MS: '5000',
      ...options.env,
    },
    { cwd: root, dotenv: false },
  );
  const app = await createApp(config, {
    slackClientOptions: { retryConfig: { retries: 0 } },
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const { urls } = await app.start();
  if (!urls.slackEvents) throw new Error('mentor-app: the app did not start an HTTP receiver');
  slack.connectApp(urls.slackEvents, signingSecret);

  return {
    app,
    slack,
    urls,
    signingSecret,
    dataDir,
    async restart() {
      await app.stop();
      return startMentorApp({ ...options, dataDir, slack });
    },
    async stop() {
      await app.stop();
      await slack.stop();
      if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
