/**
 * @module playground/page/event-stream — Server-Sent Events for the page: every workspace change
 * as one `data:` JSON line, a comment heartbeat so proxies and browsers keep the connection, and
 * the subscription dropped when the page goes away. A client that cannot keep up is disconnected
 * (it reconnects and re-reads the state) rather than buffered without bound.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StandInChange, StandInListener } from '../slack-stand-in/index.js';
import { SECURITY_HEADERS } from './http-support.js';

export interface EventStreamOptions {
  /** Subscribes to changes; returns the unsubscribe function. */
  subscribe: (listener: StandInListener) => () => void;
  /** Milliseconds between heartbeat comments (default 15 s). */
  heartbeatMs?: number;
  /** Bytes queued for one client before it is dropped (default 4 MB). */
  maximumBufferedBytes?: number;
}

export interface EventStreams {
  /** Answers `GET /api/events` and keeps the response open. */
  open(request: IncomingMessage, response: ServerResponse): void;
  /** Ends every open stream (on shutdown). */
  closeAll(): void;
}

/** Changes the page does not need: every recorded Web API call would double the traffic. */
const hidden = new Set<StandInChange['type']>(['api_call']);

export function createEventStreams(options: EventStreamOptions): EventStreams {
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const maximumBufferedBytes = options.maximumBufferedBytes ?? 4 * 1024 * 1024;
  const closers = new Set<() => void>();

  return {
    open(request, response) {
      response.writeHead(200, {
        ...SECURITY_HEADERS,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      response.write('retry: 2000\n: connected\n\n');
      let closed = false;
      const close = () => {
        if (closed) return;
        closed = true;
        unsubscribe();
        clearInterval(heartbeat);
        closers.delete(close);
        response.end();
      };
      const unsubscribe = options.subscribe((change) => {
        if (closed || hidden.has(change.type)) return;
        response.write(`data: ${JSON.stringify(change)}\n\n`);
        if (response.writableLength > maximumBufferedBytes) response.destroy();
      });
      const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), heartbeatMs);
      heartbeat.unref();
      closers.add(close);
      request.on('close', close);
      response.on('close', close);
    },
    closeAll() {
      for (const close of [...closers]) close();
    },
  };
}
