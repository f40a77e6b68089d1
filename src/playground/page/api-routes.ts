/**
 * @module playground/page/api-routes — the page's JSON API (everything but the event stream):
 * read the workspace, and act as the default user. Each route validates its body and returns
 * what the page shows; a thrown `bad_request` becomes a 4xx with its message.
 */
import type { IncomingMessage } from 'node:http';
import type { SlackStandIn, WorkspaceSnapshot } from '../slack-stand-in/index.js';
import { optionalString, readJsonBody, requiredString } from './http-support.js';
import type { LocalEphemeral, LocalEphemerals } from './local-ephemerals.js';
import type { MessageSender } from './message-sender.js';

/** Handles one request; the result is sent as JSON with status 200. */
export type ApiRoute = (request: IncomingMessage) => Promise<unknown>;

export interface ApiRouteDependencies {
  standIn: SlackStandIn;
  ephemerals: LocalEphemerals;
  sender: MessageSender;
  postTip: () => Promise<unknown>;
}

/** The stand-in's snapshot, with Slackbot's page-only ephemerals among the others. */
export type PlaygroundState = Omit<WorkspaceSnapshot, 'ephemerals'> & {
  ephemerals: Array<WorkspaceSnapshot['ephemerals'][number] | LocalEphemeral>;
};

/** Routes keyed by `"<METHOD> <path>"`. */
export function createApiRoutes(dependencies: ApiRouteDependencies): Map<string, ApiRoute> {
  const { standIn, ephemerals, sender } = dependencies;

  const state = async (): Promise<PlaygroundState> => {
    const snapshot = standIn.snapshot();
    return { ...snapshot, ephemerals: [...snapshot.ephemerals, ...ephemerals.list()] };
  };

  const send: ApiRoute = async (request) => {
    const body = await readJsonBody(request);
    const threadTs = optionalString(body, 'thread_ts');
    const result = await sender.send({
      channel: requiredString(body, 'channel'),
      text: requiredString(body, 'text'),
      ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
    });
    return { ok: true, result };
  };

  const click: ApiRoute = async (request) => {
    const body = await readJsonBody(request);
    const value = optionalString(body, 'value');
    const blockId = optionalString(body, 'block_id');
    const clicked = await standIn.clickButton({
      channel: requiredString(body, 'channel'),
      message_ts: requiredString(body, 'message_ts'),
      action_id: requiredString(body, 'action_id'),
      ...(value === undefined ? {} : { value }),
      ...(blockId === undefined ? {} : { block_id: blockId }),
    });
    return { ok: clicked.response.status === 200, status: clicked.response.status };
  };

  const assistant: ApiRoute = async () => {
    const started = await standIn.startAssistantThread();
    return { ok: true, channel: started.channel, thread_ts: started.thread_ts };
  };

  const tip: ApiRoute = async () => ({ ok: true, result: await dependencies.postTip() });

  return new Map<string, ApiRoute>([
    ['GET /api/state', state],
    ['POST /api/send', send],
    ['POST /api/click', click],
    ['POST /api/assistant', assistant],
    ['POST /api/tip', tip],
  ]);
}
