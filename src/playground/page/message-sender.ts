/**
 * @module playground/page/message-sender — what happens when you press Enter in the composer, as
 * in Slack: `/command …` runs a known slash command (its immediate reply is shown to you alone),
 * an unknown one or one typed in a thread gets Slackbot's answer; anything else is posted as you,
 * with `@mentor` turned into a real mention so the app receives `app_mention`.
 */
import type { Logger } from 'pino';
import type { SlackStandIn } from '../slack-stand-in/index.js';
import { requestError } from './http-support.js';
import type { LocalEphemerals } from './local-ephemerals.js';
import {
  MAXIMUM_MESSAGE_LENGTH,
  escapeSlackText,
  parseSlashCommand,
  toSlackMessageText,
  type MentionTarget,
} from './slack-text.js';

export interface SendInput {
  channel: string;
  text: string;
  thread_ts?: string;
}

export type SendOutcome =
  | { kind: 'message'; channel: string; ts: string }
  | { kind: 'command'; channel: string; command: string; status: number }
  /** Slack answered itself (Slackbot ephemeral); the app was not called. */
  | { kind: 'slackbot'; channel: string; ts: string; text: string };

export interface MessageSenderOptions {
  standIn: SlackStandIn;
  ephemerals: LocalEphemerals;
  /** Known slash commands, lower-case with the slash. */
  commands: readonly string[];
  logger?: Logger;
}

export interface MessageSender {
  send(input: SendInput): Promise<SendOutcome>;
}

const botNames = ['mentor', 'node mentor', 'node-mentor', 'nodementor'];

export function createMessageSender(options: MessageSenderOptions): MessageSender {
  const { standIn, ephemerals, logger } = options;
  const commands = new Set(options.commands.map((command) => command.toLowerCase()));

  function channelOf(idOrName: string) {
    const name = idOrName.replace(/^#/, '');
    const channels = standIn.snapshot().channels;
    const channel =
      channels.find((candidate) => candidate.id === idOrName) ??
      channels.find((candidate) => candidate.kind !== 'im' && candidate.name === name);
    if (!channel) throw requestError(`there is no channel "${idOrName}"`);
    return channel;
  }

  function slackbot(channel: string, text: string, threadTs?: string): SendOutcome {
    const entry = ephemerals.add({
      channel,
      user: standIn.defaultUserId,
      team: standIn.team.id,
      text,
      ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
    });
    return { kind: 'slackbot', channel, ts: entry.message.ts, text };
  }

  function mentionTargets(): MentionTarget[] {
    const people = standIn.snapshot().users.filter((user) => !user.isBot);
    return [
      { userId: standIn.bot.userId, names: [...botNames, standIn.bot.name] },
      ...people.map((person) => ({ userId: person.id, names: [person.name] })),
    ];
  }

  async function runCommand(channel: string, text: string, threadTs?: string): Promise<SendOutcome> {
    const parsed = parseSlashCommand(text);
    const shown = escapeSlackText(parsed.command);
    if (threadTs !== undefined)
      return slackbot(channel, `${shown} is not supported in threads. Sorry!`, threadTs);
    if (!commands.has(parsed.command)) {
      return slackbot(
        channel,
        `${shown} is not a valid command. In Slack, messages starting with / are commands. ` +
          'To send it as a message instead, start it with a space.',
      );
    }
    const run = await standIn.runSlashCommand({
      channel,
      command: parsed.command,
      text: escapeSlackText(parsed.text),
    });
    const { status, json } = run.response;
    if (status !== 200) {
      logger?.warn({ command: parsed.command, status }, 'playground: the app did not accept a slash command');
      slackbot(channel, `${shown} failed with the error "dispatch_failed"`);
      return { kind: 'command', channel, command: parsed.command, status };
    }
    // Slack shows the command's immediate reply (the ack body) like a response_url message.
    if (typeof json === 'object' && json !== null && ('text' in json || 'blocks' in json)) {
      const reply = await fetch(run.responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(json),
      });
      if (!reply.ok)
        logger?.warn({ status: reply.status }, 'playground: the stand-in refused a command reply');
    }
    return { kind: 'command', channel, command: parsed.command, status };
  }

  return {
    async send(input) {
      if (input.text.length > MAXIMUM_MESSAGE_LENGTH) {
        throw requestError(
          `message too long (the limit is ${MAXIMUM_MESSAGE_LENGTH.toLocaleString('en-US')} characters, as in Slack)`,
        );
      }
      const channel = channelOf(input.channel);
      if (input.text.startsWith('/')) return runCommand(channel.id, input.text, input.thread_ts);
      const text = toSlackMessageText(input.text, mentionTargets());
      const posted = await standIn.postAsUser({
        channel: channel.id,
        text,
        ...(input.thread_ts === undefined ? {} : { thread_ts: input.thread_ts }),
      });
      if (!channel.is_member && text.includes(`<@${standIn.bot.userId}>`)) {
        slackbot(
          channel.id,
          `You mentioned @${standIn.bot.name}, but they're not in this channel. ` +
            'Mention it in #general or #mentor-lab, or send it a direct message.',
          posted.message.thread_ts,
        );
      }
      return { kind: 'message', channel: channel.id, ts: posted.message.ts };
    },
  };
}
