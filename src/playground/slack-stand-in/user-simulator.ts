/**
 * @module slack-stand-in/user-simulator — "being a user": a person posts, runs a slash command,
 * clicks a button or opens an assistant thread; the stand-in stores what Slack would store and sends
 * the app the signed requests Slack would send (a mention in a channel → `app_mention` and `message`,
 * a DM → `message` with `channel_type: 'im'`, nothing from channels the bot is not in).
 */
import { MentorError } from '../../errors.js';
import type { AppClient, AppResponse } from './app-client.js';
import { actionFromElement, findActionElement } from './block-elements.js';
import * as payloads from './inbound-payloads.js';
import { createUserMessage, mentionsUser } from './message-factory.js';
import type { ResponseUrls } from './response-urls.js';
import type { Delivery, UserSimulator } from './simulation-types.js';
import { createTriggerId } from './slack-ids.js';
import type { JsonObject, WorkspaceChannel, WorkspaceUser } from './types.js';
import type { Workspace } from './workspace.js';

export interface UserSimulatorDependencies {
  workspace: Workspace;
  responseUrls: ResponseUrls;
  verificationToken: string;
  /** The connected app; throws when none is (called before any state changes, to fail early). */
  app: () => AppClient;
}

function badRequest(message: string): MentorError {
  return new MentorError('bad_request', `slack-stand-in: ${message}`);
}

export function createUserSimulator(dependencies: UserSimulatorDependencies): UserSimulator {
  const { workspace, responseUrls, verificationToken, app } = dependencies;
  let deliveries: Delivery[] = [];

  function person(id: string | undefined): WorkspaceUser {
    const user = workspace.user(id ?? workspace.defaultUserId);
    if (!user || user.isBot) throw badRequest(`no person with id ${id ?? workspace.defaultUserId}`);
    return user;
  }

  function channelFor(user: WorkspaceUser, idOrName: string): WorkspaceChannel {
    const channel = workspace.channel(idOrName);
    if (!channel) throw badRequest(`no channel ${idOrName}`);
    if (!channel.members.includes(user.id)) throw badRequest(`${user.name} is not a member of ${idOrName}`);
    return channel;
  }

  async function deliver(
    kind: Delivery['kind'],
    id: string,
    body: JsonObject,
    send: () => Promise<AppResponse>,
  ) {
    const delivery: Delivery = { kind, id, body, response: await send() };
    deliveries.push(delivery);
    return delivery;
  }

  const sendEvent = (event: JsonObject) => {
    const envelope = payloads.eventEnvelope(workspace, verificationToken, event);
    return deliver('event', String(envelope.event_id), envelope, () => app().sendEvent(envelope));
  };

  return {
    get deliveries() {
      return deliveries;
    },

    async postAsUser(input) {
      const user = person(input.user);
      const channel = channelFor(user, input.channel);
      let threadTs = input.thread_ts;
      if (threadTs !== undefined) {
        const parent = workspace.messages.find(channel.id, threadTs);
        if (!parent) throw badRequest(`no message ${threadTs} in ${input.channel} to reply to`);
        threadTs = parent.thread_ts ?? parent.ts;
      }
      const message = createUserMessage(
        workspace.team.id,
        user.id,
        workspace.clock.nextTs(),
        input.text,
        threadTs,
      );
      const sent: Delivery[] = [];
      const delivering = input.deliver !== false && workspace.isBotMember(channel);
      if (delivering) app();
      workspace.messages.add(channel.id, message);
      if (!delivering) return { message, deliveries: sent };
      if (channel.kind !== 'im' && mentionsUser(input.text, workspace.bot.userId)) {
        sent.push(await sendEvent(payloads.appMentionEvent(channel, message)));
      }
      sent.push(await sendEvent(payloads.messageEvent(channel, message)));
      return { message, deliveries: sent };
    },

    async runSlashCommand(input) {
      const user = person(input.user);
      const channel = channelFor(user, input.channel);
      app();
      const target = responseUrls.create({ channel: channel.id, user: user.id, source: 'slash_command' });
      const triggerId = createTriggerId();
      const fields = payloads.slashCommandFields(workspace, verificationToken, {
        user,
        channel,
        command: input.command.startsWith('/') ? input.command : `/${input.command}`,
        text: input.text ?? '',
        responseUrl: target.url,
        triggerId,
      });
      const delivery = await deliver('slash_command', triggerId, fields, () =>
        app().sendSlashCommand(fields),
      );
      return { response: delivery.response, responseUrl: target.url, fields };
    },

    async clickButton(input) {
      const user = person(input.user);
      const channel = channelFor(user, input.channel);
      const ephemeral = workspace.messages.findEphemeral(channel.id, input.message_ts);
      if (ephemeral && ephemeral.recipient !== user.id) {
        throw badRequest(`${user.name} cannot see that message`);
      }
      const message = ephemeral?.message ?? workspace.messages.find(channel.id, input.message_ts);
      if (!message) throw badRequest(`no message ${input.message_ts} in ${input.channel}`);
      const found = findActionElement(message.blocks ?? [], input.action_id, input.block_id);
      if (!found) throw badRequest(`no element with action_id ${input.action_id} in message ${message.ts}`);
      app();
      const original = { ts: message.ts, ephemeral: ephemeral !== undefined };
      const target = responseUrls.create({
        channel: channel.id,
        user: user.id,
        source: 'block_actions',
        original,
      });
      const triggerId = createTriggerId();
      const action = actionFromElement(found, workspace.clock.nextTs(), input.value);
      const payload = payloads.blockActionsPayload(workspace, verificationToken, {
        user,
        channel,
        message,
        ephemeral: original.ephemeral,
        action,
        responseUrl: target.url,
        triggerId,
      });
      const delivery = await deliver('block_actions', triggerId, payload, () =>
        app().sendInteraction(payload),
      );
      return { response: delivery.response, responseUrl: target.url, payload };
    },

    async startAssistantThread(input = {}) {
      const user = person(input.user);
      app();
      const im = workspace.openIm(user.id);
      const title = 'New Assistant Thread';
      const root = workspace.botMessage({ text: title });
      Object.assign(root, {
        subtype: 'assistant_app_thread',
        assistant_app_thread: { title, artifacts: [] },
      });
      workspace.messages.add(im.id, root);
      const context = { team_id: workspace.team.id, enterprise_id: null, ...input.context };
      const event = payloads.assistantThreadStartedEvent(
        user.id,
        im.id,
        root.ts,
        context,
        workspace.clock.nextTs(),
      );
      const delivery = await sendEvent(event);
      return { channel: im.id, thread_ts: root.ts, delivery };
    },

    async redeliverEvent(eventId, options = {}) {
      const original = deliveries.find((delivery) => delivery.kind === 'event' && delivery.id === eventId);
      if (!original) throw badRequest(`no delivered event ${eventId}`);
      const retry = { retryNum: 1, retryReason: 'http_timeout', ...options };
      return deliver('event', eventId, original.body, () => app().sendEvent(original.body, retry));
    },

    clear() {
      deliveries = [];
    },
  };
}
