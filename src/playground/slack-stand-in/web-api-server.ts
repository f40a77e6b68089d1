/**
 * @module slack-stand-in/web-api-server — the node:http server the app's Web API client talks to:
 * `POST /api/<method>` answers like Slack (always HTTP 200, `{ ok, … }`), `POST /response/<id>`
 * takes `respond()` posts. Every call is recorded before it is answered.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MentorError } from '../../errors.js';
import type { CallRecorder } from './call-recorder.js';
import { webApiMethods, type ApiResponse } from './methods/index.js';
import { parseApiRequest, readBody } from './request-body.js';
import type { ResponseUrls } from './response-urls.js';
import { attachSocketMode, type SocketMode } from './socket-mode.js';
import type { JsonObject } from './types.js';
import type { Workspace } from './workspace.js';

export interface WebApiServerOptions {
  workspace: Workspace;
  recorder: CallRecorder;
  responseUrls: ResponseUrls;
  /** The only token the stand-in accepts for Web API methods. */
  botToken: string;
  /** The app-level token, accepted only by `apps.connections.open` (Socket Mode). */
  appToken: string;
  socketMode: SocketMode;
  /** Called with errors a handler threw (the app still gets `internal_error`). */
  onError: (error: unknown) => void;
}

export interface WebApiServer {
  /** Listens on `port` (0 = any free port) and resolves with the base URL, e.g. `http://127.0.0.1:43121`. */
  listen(port: number, host: string): Promise<string>;
  close(): Promise<void>;
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

export function createWebApiServer(options: WebApiServerOptions): WebApiServer {
  const { workspace, recorder, responseUrls, botToken, appToken, socketMode, onError } = options;
  let baseUrl = '';

  /** Slack's token rules: the app-level token opens Socket Mode connections and does nothing else. */
  function authorize(method: string, token: string | undefined): string | undefined {
    if (token === undefined) return 'not_authed';
    const wanted = method === 'apps.connections.open' ? appToken : botToken;
    if (token === wanted) return undefined;
    return token === appToken || token === botToken ? 'not_allowed_token_type' : 'invalid_auth';
  }

  async function handleApi(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const method = decodeURIComponent(url.pathname.slice('/api/'.length));
    const parsed = parseApiRequest(await readBody(request), request.headers, url.searchParams);
    const handler =
      method === 'apps.connections.open'
        ? () => ({ ok: true, url: socketMode.openConnectionUrl(baseUrl) })
        : webApiMethods[method];
    const denied = parsed.ok ? authorize(method, parsed.token) : undefined;
    let result: ApiResponse;
    if (!handler) result = { ok: false, error: 'unknown_method', req_method: method };
    else if (!parsed.ok) result = { ok: false, error: parsed.error };
    else if (denied) result = { ok: false, error: denied };
    else {
      try {
        result = handler({ workspace, args: parsed.args });
      } catch (error) {
        onError(error);
        result = { ok: false, error: 'internal_error' };
      }
    }
    recorder.record({ method, args: parsed.args, response: result });
    sendJson(response, 200, result);
  }

  async function handleResponseUrl(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
  ): Promise<void> {
    const id = url.pathname.slice('/response/'.length);
    const raw = await readBody(request);
    let body: JsonObject = {};
    let outcome: { status: number; response: JsonObject };
    try {
      const parsed: unknown = JSON.parse(raw);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new TypeError('not an object');
      body = parsed as JsonObject;
      outcome = responseUrls.apply(id, body);
    } catch {
      outcome = { status: 400, response: { ok: false, error: 'invalid_payload' } };
    }
    recorder.record({
      method: 'response_url',
      args: body,
      response: outcome.response,
      responseUrl: url.href,
    });
    sendJson(response, outcome.status, outcome.response);
  }

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', `http://${request.headers.host ?? '127.0.0.1'}`);
    const route = url.pathname.startsWith('/api/')
      ? handleApi
      : url.pathname.startsWith('/response/') && request.method === 'POST'
        ? handleResponseUrl
        : undefined;
    if (!route) return sendJson(response, 404, { ok: false, error: 'not_found' });
    route(request, response, url).catch((error: unknown) => {
      onError(error);
      if (!response.headersSent) sendJson(response, 500, { ok: false, error: 'internal_error' });
    });
  });

  attachSocketMode(server, socketMode);

  return {
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', (error) =>
          reject(
            new MentorError('internal', `slack-stand-in: cannot listen on ${host}:${port}`, { cause: error }),
          ),
        );
        server.listen(port, host, () => {
          const { port: actualPort } = server.address() as AddressInfo;
          baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
          resolve(baseUrl);
        });
      });
    },
    close() {
      return new Promise((resolve) => {
        socketMode.close();
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
