/**
 * @module slack-stand-in/response-urls — the `response_url`s the stand-in hands out with slash
 * commands and block actions, and what a POST to one does: an ephemeral message to the user by
 * default, a channel message with `response_type: 'in_channel'`, or (for a button's message)
 * `replace_original` / `delete_original`. Like Slack, a URL takes at most five posts.
 */
import { isTruthyArg, messageContentArgs } from './methods/method-support.js';
import { createResponseUrlId } from './slack-ids.js';
import type { JsonObject } from './types.js';
import type { Workspace } from './workspace.js';

const maximumUses = 5;

export interface ResponseUrlTarget {
  id: string;
  url: string;
  channel: string;
  user: string;
  source: 'slash_command' | 'block_actions';
  /** The message a clicked button was on. */
  original?: { ts: string; ephemeral: boolean };
  uses: number;
}

export interface ResponseUrlOutcome {
  status: number;
  response: JsonObject;
}

export interface ResponseUrls {
  create(target: Omit<ResponseUrlTarget, 'id' | 'url' | 'uses'>): ResponseUrlTarget;
  find(id: string): ResponseUrlTarget | undefined;
  /** Applies a POSTed body to the workspace. */
  apply(id: string, body: JsonObject): ResponseUrlOutcome;
  clear(): void;
}

export function createResponseUrls(workspace: Workspace, baseUrl: () => string): ResponseUrls {
  const targets = new Map<string, ResponseUrlTarget>();

  function applyContent(
    target: ResponseUrlTarget,
    body: JsonObject,
    content: { text: string; blocks?: unknown[] },
  ) {
    const { channel, original } = target;
    const bodyThread = typeof body.thread_ts === 'string' ? body.thread_ts : undefined;
    if (isTruthyArg(body.replace_original) && original) {
      const replacement = workspace.botMessage(content);
      if (original.ephemeral) {
        workspace.messages.replaceEphemeral(channel, original.ts, { ...replacement, ts: original.ts });
        return;
      }
      const existing = workspace.messages.find(channel, original.ts);
      if (!existing) return;
      const { blocks: _blocks, attachments: _attachments, ...kept } = existing;
      workspace.messages.replace(channel, { ...kept, ...replacement, ts: original.ts });
      return;
    }
    const originalThread = original ? workspace.messages.find(channel, original.ts)?.thread_ts : undefined;
    const message = workspace.botMessage({ ...content, thread_ts: bodyThread ?? originalThread });
    if (body.response_type === 'in_channel') workspace.messages.add(channel, message);
    else
      workspace.messages.addEphemeral({ channel, recipient: target.user, source: 'response_url', message });
  }

  return {
    create(fields) {
      const id = createResponseUrlId();
      const target: ResponseUrlTarget = { ...fields, id, url: `${baseUrl()}/response/${id}`, uses: 0 };
      targets.set(id, target);
      return target;
    },
    find: (id) => targets.get(id),
    apply(id, body) {
      const target = targets.get(id);
      if (!target) return { status: 404, response: { ok: false, error: 'expired_url' } };
      if (target.uses >= maximumUses) return { status: 404, response: { ok: false, error: 'used_url' } };
      target.uses += 1;
      const { channel, original } = target;
      if (isTruthyArg(body.delete_original)) {
        if (original?.ephemeral) workspace.messages.replaceEphemeral(channel, original.ts, null);
        else if (original) workspace.messages.remove(channel, original.ts);
        return { status: 200, response: { ok: true } };
      }
      const content = messageContentArgs(body);
      if (content.error) return { status: 400, response: content.error };
      applyContent(target, body, content);
      return { status: 200, response: { ok: true } };
    },
    clear: () => targets.clear(),
  };
}
