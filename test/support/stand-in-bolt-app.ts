/**
 * @module test/support/stand-in-bolt-app — a bare Bolt app (HTTP receiver on a free port) wired to a
 * Slack stand-in, for tests of the stand-in itself: the test registers its own listeners.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import type { SlackStandIn } from '../../src/playground/slack-stand-in/index.js';

/**
 * Starts the stand-in and a Bolt app talking to it; `register` adds listeners before it starts.
 * @example const app = await startBoltOnStandIn(slack, (app) => app.command('/ask-node', …));
 */
export async function startBoltOnStandIn(slack: SlackStandIn, register: (app: App) => void): Promise<App> {
  const slackApiUrl = await slack.start();
  const app = new App({
    token: slack.botToken,
    signingSecret: slack.signingSecret,
    botId: slack.bot.botId,
    botUserId: slack.bot.userId,
    clientOptions: { slackApiUrl, retryConfig: { retries: 0 } },
    logLevel: LogLevel.ERROR,
  });
  register(app);
  const server = (await app.start(0)) as Server;
  slack.connectApp(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`);
  return app;
}
