/**
 * @module main — `npm start`: load config, build the app, start it, and shut down gracefully on
 * SIGTERM/SIGINT (finish in-flight answers within SHUTDOWN_GRACE_MS, then exit 0).
 */
import { createApp } from './app/create-app.js';
import { loadConfig } from './config/index.js';
import { toMentorError } from './errors.js';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const app = await createApp(config);
  const { urls } = await app.start();
  const say = (line: string) => process.stderr.write(`${line}\n`);
  if (urls.playground) {
    say(`node-mentor: playground at ${urls.playground}`);
    say(
      'node-mentor: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN) to connect to Slack.',
    );
  } else if (urls.slackEvents) {
    say(`node-mentor: serving Slack on ${urls.slackEvents} (health: ${urls.health})`);
  } else {
    say(`node-mentor: ${config.role} role running${urls.health ? ` (health: ${urls.health})` : ''}`);
  }

  let signals = 0;
  const shutdown = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) {
      say(`node-mentor: ${signal} again, exiting now`);
      process.exit(1);
    }
    say(`node-mentor: ${signal} received, finishing in-flight answers (up to ${config.shutdownGraceMs} ms)…`);
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        say(`node-mentor: shutdown failed: ${toMentorError(error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`node-mentor: ${toMentorError(error).message}\n`);
  process.exit(1);
});
