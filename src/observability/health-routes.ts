/**
 * @module observability/health-routes — `GET /healthz` (the process answers), `GET /readyz` (it can
 * serve: e.g. index loaded, Redis reachable) and `GET /metrics`, as Bolt `customRoutes` entries
 * whose handlers also serve a plain `node:http` server (the playground, a worker's health port).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Metrics } from './metrics.js';
import { redactSecrets } from './redact-secrets.js';

export interface Readiness {
  ready: boolean;
  /** Why it is not ready, shown in the 503 body: keep it free of secrets (it is redacted anyway). */
  reason?: string;
}

export interface HealthRoutesOptions {
  /** Asked on every `GET /readyz`; a throw or a timeout counts as not ready. */
  readiness: () => Readiness | Promise<Readiness>;
  /** Serves `GET /metrics` when given. */
  metrics?: Pick<Metrics, 'render'>;
  /** How long `/readyz` waits for `readiness()`, in milliseconds; default 2,000. */
  readinessTimeoutMs?: number;
}

export type HealthHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/** Structurally a Bolt `CustomRoute` (`new App({ customRoutes })`). Handlers never reject. */
export interface HealthRoute {
  path: string;
  method: 'GET';
  handler: HealthHandler;
}

/**
 * The health and metrics routes.
 * @example new App({ …, customRoutes: createHealthRoutes({ readiness, metrics }) })
 */
export function createHealthRoutes(options: HealthRoutesOptions): HealthRoute[] {
  const timeoutMs = options.readinessTimeoutMs ?? 2_000;
  const routes: HealthRoute[] = [
    {
      path: '/healthz',
      method: 'GET',
      handler: async (_request, response) => sendJson(response, 200, { status: 'ok' }),
    },
    {
      path: '/readyz',
      method: 'GET',
      handler: async (_request, response) => {
        const readiness = await checkReadiness(options.readiness, timeoutMs);
        if (readiness.ready) sendJson(response, 200, { status: 'ready' });
        else
          sendJson(response, 503, {
            status: 'not_ready',
            reason: redactSecrets(readiness.reason ?? 'not ready'),
          });
      },
    },
  ];
  const { metrics } = options;
  if (metrics) {
    routes.push({
      path: '/metrics',
      method: 'GET',
      handler: async (_request, response) => {
        try {
          const { contentType, body } = await metrics.render();
          send(response, 200, contentType, body);
        } catch {
          send(response, 500, 'text/plain; charset=utf-8', 'metrics unavailable\n');
        }
      },
    });
  }
  return routes;
}

/**
 * Serves `request` from `routes` when its method and path (query ignored) match one; returns
 * whether it did, so a plain server can fall through to its own routes.
 * @example createServer((request, response) => { if (!handleHealthRequest(routes, request, response)) next(request, response); })
 */
export function handleHealthRequest(
  routes: HealthRoute[],
  request: IncomingMessage,
  response: ServerResponse,
): boolean {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  const route = routes.find((candidate) => candidate.path === path && candidate.method === request.method);
  if (!route) return false;
  void route.handler(request, response);
  return true;
}

async function checkReadiness(
  readiness: HealthRoutesOptions['readiness'],
  timeoutMs: number,
): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Readiness>((resolve) => {
    timer = setTimeout(
      () => resolve({ ready: false, reason: `readiness check timed out after ${timeoutMs} ms` }),
      timeoutMs,
    );
    timer.unref();
  });
  try {
    return await Promise.race([Promise.resolve().then(readiness), timeout]);
  } catch (error) {
    return { ready: false, reason: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

function sendJson(response: ServerResponse, status: number, body: Record<string, unknown>): void {
  send(response, status, 'application/json; charset=utf-8', `${JSON.stringify(body)}\n`);
}

function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  if (response.headersSent) return;
  response.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
  response.end(body);
}
