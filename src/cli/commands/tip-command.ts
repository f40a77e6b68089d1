/**
 * @module cli/commands/tip-command — `node-mentor tip [--post]`: print the next tip, or post it now
 * to TIP_CHANNELS through the same tip poster the schedule uses.
 */
import { MentorError } from '../../errors.js';
import type { CommandContext } from '../context.js';
import { openCliMentor } from '../open-cli-mentor.js';

export async function runTipCommand(context: CommandContext, options: { post: boolean }): Promise<number> {
  const { config, io } = context;
  if (!options.post) {
    const tip = await (await openCliMentor(context)).nextTip('cli');
    io.stdout.write(
      `${tip.title}\n\n${tip.text}\n${tip.snippet ? `\n${tip.snippet.trimEnd()}\n` : ''}\nMore: ${tip.see}\n`,
    );
    return 0;
  }
  if (config.slack.mode === 'playground') {
    throw new MentorError(
      'config_invalid',
      'tip --post needs SLACK_BOT_TOKEN (and a signing secret or app token) to reach Slack',
    );
  }
  if (config.tips.channels.length === 0) {
    throw new MentorError('config_invalid', 'tip --post needs TIP_CHANNELS, e.g. TIP_CHANNELS=C0123ABCD');
  }
  // Loaded lazily: printing a tip or answering must not pay for Bolt and the Slack wiring.
  const { createApp } = await import('../../app/create-app.js');
  const app = await createApp(config);
  try {
    const results = await app.tipPoster.post(`manual@${new Date().toISOString()}`);
    for (const result of results) {
      io.stdout.write(
        result.tip
          ? `posted "${result.tip.title}" to ${result.channel}\n`
          : `skipped ${result.channel}: ${result.skipped}\n`,
      );
    }
    return results.every((result) => result.tip) ? 0 : 1;
  } finally {
    await app.stop();
  }
}
