/**
 * @module app/slack-connection — where the Slack side connects: the real workspace (HTTP or
 * Socket Mode) or, with no credentials, the local Slack stand-in of the playground. Learns the
 * bot's identity once with `auth.test`.
 */
import { randomBytes } from 'node:crypto';
import { webApi } from '@slack/bolt';
import type { Config } from '../config/index.js';
import { MentorError } from '../errors.js';
import { createSlackStandIn, type SlackStandIn } from '../playground/slack-stand-in/index.js';
import { slackErrorCode } from '../slack/jobs/slack-errors.js';

export interface SlackConnection {
  transport: 'http' | 'socket';
  botToken: string;
  signingSecret?: string;
  appToken?: string;
  slackApiUrl?: string;
  client: webApi.WebClient;
  botId: string;
  botUserId: string;
  /** Present in playground mode. */
  standIn?: SlackStandIn;
}

export async function connectSlack(
  config: Readonly<Config>,
  clientOptions: webApi.WebClientOptions,
): Promise<SlackConnection> {
  let standIn: SlackStandIn | undefined;
  let slackApiUrl = config.slack.apiUrl;
  let botToken = config.slack.botToken ?? '';
  let signingSecret = config.slack.signingSecret;
  if (config.slack.mode === 'playground') {
    standIn = createSlackStandIn({ port: 0 });
    slackApiUrl = await standIn.start();
    botToken = standIn.botToken;
    signingSecret = randomBytes(16).toString('hex');
  }
  const client = new webApi.WebClient(botToken, {
    ...clientOptions,
    ...(slackApiUrl ? { slackApiUrl } : {}),
  });
  let identity: { bot_id?: string; user_id?: string };
  try {
    identity = await client.auth.test();
  } catch (error) {
    await standIn?.stop();
    const code = slackErrorCode(error);
    throw new MentorError(
      'config_invalid',
      code
        ? `slack: SLACK_BOT_TOKEN was rejected by auth.test (${code}) — copy the Bot User OAuth Token from the app's OAuth & Permissions page`
        : `slack: cannot reach the Slack Web API${slackApiUrl ? ` at ${slackApiUrl}` : ''}`,
      { cause: error },
    );
  }
  return {
    transport: config.slack.mode === 'socket' ? 'socket' : 'http',
    botToken,
    signingSecret,
    appToken: config.slack.appToken,
    slackApiUrl,
    client,
    botId: identity.bot_id ?? '',
    botUserId: identity.user_id ?? '',
    standIn,
  };
}
