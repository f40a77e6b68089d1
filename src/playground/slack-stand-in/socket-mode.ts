/**
 * @module slack-stand-in/socket-mode — Slack's Socket Mode, for apps without a public URL: the app
 * calls `apps.connections.open` with its app-level token, opens the WebSocket it is given, gets a
 * `hello`, and then receives envelopes (`events_api`, `slash_commands`, `interactive`) that it
 * acknowledges by sending back `{ envelope_id, payload? }`. While an app is connected, the
 * simulated user's actions travel this way instead of as signed HTTP requests.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { MentorError } from '../../errors.js';
import type { AppClient, AppResponse, EventSendOptions } from './app-client.js';
import type { JsonObject } from './types.js';

export const SOCKET_MODE_PATH = '/socket-mode';

/** How long an envelope may wait for the app's acknowledgement (Slack allows 3 s, then retries). */
const ACK_TIMEOUT_MS = 3_000;

type EnvelopeType = 'events_api' | 'slash_commands' | 'interactive';

export interface SocketMode {
  /** Handles the HTTP upgrade for `SOCKET_MODE_PATH`; returns false for any other path. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** A one-time WebSocket URL, as `apps.connections.open` returns. */
  openConnectionUrl(baseUrl: string): string;
  /** The connected app as an `AppClient` (envelopes over the socket); undefined when none is connected. */
  readonly app: AppClient | undefined;
  /** Resolves once an app is connected and greeted. */
  waitForConnection(timeoutMs?: number): Promise<void>;
  close(): void;
}

export function createSocketMode(): SocketMode {
  const server = new WebSocketServer({ noServer: true });
  const tickets = new Set<string>();
  const pending = new Map<string, (payload: JsonObject | undefined) => void>();
  let connection: WebSocket | undefined;
  let connected: Array<() => void> = [];

  server.on('connection', (socket: WebSocket) => {
    connection?.close(1000, 'replaced by a newer connection');
    connection = socket;
    socket.on('message', (data) => acknowledge(data.toString()));
    socket.on('close', () => {
      if (connection === socket) connection = undefined;
    });
    socket.send(
      JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0MENTOR' } }),
    );
    for (const resolve of connected) resolve();
    connected = [];
  });

  function acknowledge(text: string): void {
    let message: { envelope_id?: unknown; payload?: unknown };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      return;
    }
    if (typeof message.envelope_id !== 'string') return;
    const payload =
      typeof message.payload === 'object' && message.payload !== null
        ? (message.payload as JsonObject)
        : undefined;
    pending.get(message.envelope_id)?.(payload);
    pending.delete(message.envelope_id);
  }

  function deliver(
    type: EnvelopeType,
    payload: JsonObject,
    retryAttempt = 0,
    retryReason = '',
  ): Promise<AppResponse> {
    const socket = connection;
    if (!socket) throw new MentorError('bad_request', 'slack-stand-in: no app is connected over Socket Mode');
    const envelopeId = randomUUID();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        pending.delete(envelopeId);
        resolve({ status: 408, body: '', json: undefined });
      }, ACK_TIMEOUT_MS);
      pending.set(envelopeId, (ack) => {
        clearTimeout(timer);
        resolve({ status: 200, body: ack === undefined ? '' : JSON.stringify(ack), json: ack });
      });
      socket.send(
        JSON.stringify({
          envelope_id: envelopeId,
          type,
          payload,
          accepts_response_payload: type !== 'events_api',
          retry_attempt: retryAttempt,
          retry_reason: retryReason,
        }),
      );
    });
  }

  const notOverSocket = (): never => {
    throw new MentorError('bad_request', 'slack-stand-in: raw signed requests do not exist in Socket Mode');
  };

  const app: AppClient = {
    get requestUrl() {
      return SOCKET_MODE_PATH;
    },
    send: notOverSocket,
    sendUrlVerification: notOverSocket,
    sendSlashCommand: (fields) => deliver('slash_commands', fields),
    sendInteraction: (payload) => deliver('interactive', payload),
    sendEvent: (envelope, options: EventSendOptions = {}) =>
      deliver(
        'events_api',
        envelope,
        options.retryNum ?? 0,
        options.retryNum === undefined ? '' : (options.retryReason ?? 'timeout'),
      ),
  };

  return {
    handleUpgrade(request, socket, head) {
      const url = new URL(request.url ?? '/', 'http://stand-in');
      if (url.pathname !== SOCKET_MODE_PATH) return false;
      const ticket = url.searchParams.get('ticket') ?? '';
      if (!tickets.delete(ticket)) {
        socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
        return true;
      }
      server.handleUpgrade(request, socket, head, (ws) => server.emit('connection', ws, request));
      return true;
    },
    openConnectionUrl(baseUrl) {
      const ticket = randomUUID();
      tickets.add(ticket);
      return `${baseUrl.replace(/^http/, 'ws')}${SOCKET_MODE_PATH}?ticket=${ticket}`;
    },
    get app() {
      return connection ? app : undefined;
    },
    waitForConnection(timeoutMs = 10_000) {
      if (connection) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(new MentorError('internal', 'slack-stand-in: no app connected over Socket Mode in time')),
          timeoutMs,
        );
        connected.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
    close() {
      for (const client of server.clients) client.terminate();
      server.close();
      connection = undefined;
    },
  };
}

/** Wires Socket Mode's upgrade handling into the stand-in's HTTP server. */
export function attachSocketMode(httpServer: Server, socketMode: SocketMode): void {
  httpServer.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!socketMode.handleUpgrade(request, socket, head)) socket.destroy();
  });
}
