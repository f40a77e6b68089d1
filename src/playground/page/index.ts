/**
 * @module playground/page — the playground's web page and its small JSON API over the Slack
 * stand-in: the page (static HTML, CSS and vanilla ES modules under a strict CSP), the workspace
 * state, a live change stream (SSE), and "be the user" actions (send, click, open the assistant,
 * post today's tip). Binds to loopback by default; single-instance, for local use only.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { MentorError } from '../../errors.js';
import type { SlackStandIn, StandInListener } from '../slack-stand-in/index.js';
import { createEventStreams } from './event-stream.js';
import { SECURITY_HEADERS, sendError, sendJson, statusOf } from './http-support.js';
import { createLocalEphemerals } from './local-ephemerals.js';
import { createMessageSender } from './message-sender.js';
import { createApiRoutes, type ApiRoute } from './api-routes.js';
import { isAllowedHost, isSameOrigin } from './origin-checks.js';
import { loadStaticAssets, type StaticAsset } from './static-assets.js';

export interface PlaygroundServerOptions {
  standIn: SlackStandIn;
  /** TCP port; 0 picks a free one. */
  port: number;
  /** Interface to bind (default `127.0.0.1`: the playground is for this machine only). */
  host?: string;
  logger?: Logger;
  /** Posts today's tip (the app's tip poster); its result is returned to the page. */
  postTip: () => Promise<unknown>;
  /** Slash commands the app handles (default `['/ask-node']`); others get Slack's "not a valid command". */
  commands?: string[];
  /** Where the page's files are (default: `assets/` beside this module). */
  assetsDirectory?: string;
  /** Milliseconds between SSE heartbeats (default 15 s). */
  heartbeatMs?: number;
}

export interface PlaygroundServer {
  /** Listens; resolves with the page's URL, e.g. `http://localhost:3000`. */
  start(): Promise<string>;
  /** Closes the event streams and the server. */
  stop(): Promise<void>;
}

/**
 * @example
 * const page = createPlaygroundServer({ standIn, port: 3000, postTip: () => tipPoster.post('now') });
 * console.log(`playground at ${await page.start()}`);
 */
export function createPlaygroundServer(options: PlaygroundServerOptions): PlaygroundServer {
  const { standIn, logger } = options;
  const host = options.host ?? '127.0.0.1';
  const ephemerals = createLocalEphemerals();
  const unsubscribeReset = standIn.subscribe((change) => {
    if (change.type === 'reset') ephemerals.clear();
  });
  const subscribe = (listener: StandInListener) => {
    const fromStandIn = standIn.subscribe(listener);
    const fromPage = ephemerals.subscribe(listener);
    return () => {
      fromStandIn();
      fromPage();
    };
  };
  const streams = createEventStreams({ subscribe, heartbeatMs: options.heartbeatMs });
  const sender = createMessageSender({
    standIn,
    ephemerals,
    commands: options.commands ?? ['/ask-node'],
    logger,
  });
  const routes: Map<string, ApiRoute> = createApiRoutes({
    standIn,
    ephemerals,
    sender,
    postTip: options.postTip,
  });
  let assets = new Map<string, StaticAsset>();
  let port = options.port;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!isAllowedHost(request.headers.host, host, port))
      return sendError(response, 403, 'unexpected Host header');
    const url = new URL(request.url ?? '/', 'http://playground.invalid');
    const method = request.method ?? 'GET';
    if (url.pathname === '/api/events' && method === 'GET') return streams.open(request, response);
    const route = routes.get(`${method} ${url.pathname}`);
    if (route) {
      if (method !== 'GET' && !isSameOrigin(request.headers.origin, request.headers.host)) {
        return sendError(response, 403, 'cross-origin requests are not allowed');
      }
      return sendJson(response, 200, await route(request));
    }
    const asset = method === 'GET' || method === 'HEAD' ? assets.get(url.pathname) : undefined;
    if (!asset) return sendError(response, 404, 'not found');
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': asset.contentType,
      'content-length': asset.body.length,
      'cache-control': 'no-cache',
    });
    response.end(method === 'HEAD' ? undefined : asset.body);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      const status = statusOf(error);
      if (status >= 500) logger?.error({ err: error, path: request.url }, 'playground: request failed');
      if (response.headersSent) return void response.destroy();
      if (status === 413) response.setHeader('connection', 'close');
      const message = status >= 500 ? 'the playground server failed; see its log' : (error as Error).message;
      sendError(response, status, message);
    });
  });

  return {
    async start() {
      assets = await loadStaticAssets(options.assetsDirectory);
      await new Promise<void>((resolve, reject) => {
        const onError = (error: NodeJS.ErrnoException) => {
          const inUse = error.code === 'EADDRINUSE';
          const message = inUse
            ? `playground: port ${options.port} is in use; set PLAYGROUND_PORT to a free port`
            : `playground: cannot listen on ${host}:${options.port}`;
          reject(new MentorError('config_invalid', message, { cause: error }));
        };
        server.once('error', onError);
        server.listen(options.port, host, () => {
          server.off('error', onError);
          resolve();
        });
      });
      port = (server.address() as AddressInfo).port;
      const loopback = host === '127.0.0.1' || host === 'localhost' || host === '::1';
      const url = `http://${loopback ? 'localhost' : host.includes(':') ? `[${host}]` : host}:${port}`;
      logger?.info({ url }, 'playground: page ready');
      return url;
    },
    async stop() {
      unsubscribeReset();
      streams.closeAll();
      if (!server.listening) return;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
