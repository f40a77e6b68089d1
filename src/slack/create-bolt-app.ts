/**
 * @module slack/create-bolt-app — the Bolt app over HTTP (production: signed requests on
 * `/slack/events`, scales horizontally) or Socket Mode (no public URL), with health and metrics
 * routes beside it and every listener registered.
 */
import { App, type CustomRoute, type webApi } from '@slack/bolt';
import { createBoltLogger } from '../observability/bolt-logger.js';
import type { SlackDeps } from './deps.js';
import { registerListeners } from './listeners/index.js';

export interface BoltAppOptions {
  transport: 'http' | 'socket';
  botToken: string;
  signingSecret?: string;
  appToken?: string;
  /** Web API base URL (tests and the playground point it at the Slack stand-in). */
  slackApiUrl?: string;
  /** Known from `auth.test`, so Bolt does not call it again. */
  botId: string;
  botUserId: string;
  customRoutes: CustomRoute[];
  clientOptions?: webApi.WebClientOptions;
  /** Health and metrics port in Socket Mode (HTTP mode serves them on the receiver's port). */
  socketModeRoutesPort?: number;
}

export function createBoltApp(options: BoltAppOptions, deps: SlackDeps): App {
  const logger = createBoltLogger(deps.logger, { name: 'bolt' });
  const clientOptions = {
    ...options.clientOptions,
    ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
  };
  const app = new App({
    token: options.botToken,
    botId: options.botId,
    botUserId: options.botUserId,
    logger,
    customRoutes: options.customRoutes,
    processBeforeResponse: false,
    clientOptions,
    ...(options.transport === 'socket'
      ? {
          socketMode: true,
          appToken: options.appToken,
          // The Socket Mode client opens its connection through the same Web API (SLACK_API_URL).
          installerOptions: { port: options.socketModeRoutesPort, clientOptions },
        }
      : { signingSecret: options.signingSecret }),
  });
  app.error(async (error) => {
    deps.logger.error({ err: error, code: error.code }, 'unhandled Bolt error');
    deps.metrics.errors.inc({ code: 'internal' });
  });
  registerListeners(app, deps);
  return app;
}
