import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';
import type { CustomRoute } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createBoltLogger,
  createHealthRoutes,
  createLogger,
  createMetrics,
  handleHealthRequest,
} from '../../src/observability/index.js';
import type { HealthRoutesOptions } from '../../src/observability/index.js';

const servers: Server[] = [];
const apps: App[] = [];

afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.stop()));
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function serve(options: HealthRoutesOptions): Promise<string> {
  const routes = createHealthRoutes(options);
  const server = createServer((request, response) => {
    if (!handleHealthRequest(routes, request, response)) response.writeHead(404).end('not found');
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('health routes on a plain node:http server', () => {
  it('answers /healthz with 200 ok', async () => {
    const base = await serve({ readiness: () => ({ ready: false, reason: 'index loading' }) });
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz with 200 when ready and 503 with the reason when not', async () => {
    let readiness = { ready: false, reason: 'index not loaded yet' };
    const base = await serve({ readiness: async () => readiness });
    const notReady = await fetch(`${base}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({ status: 'not_ready', reason: 'index not loaded yet' });
    readiness = { ready: true, reason: '' };
    const ready = await fetch(`${base}/readyz?probe=1`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('reports a throwing or hanging readiness check as not ready, with secrets masked', async () => {
    const failing = await serve({
      readiness: () => {
        throw new Error('Redis redis://mentor:hunter2@cache:6379 unreachable');
      },
    });
    const failed = await fetch(`${failing}/readyz`);
    expect(failed.status).toBe(503);
    expect(await failed.json()).toEqual({
      status: 'not_ready',
      reason: 'Redis redis://mentor:***@cache:6379 unreachable',
    });
    const hanging = await serve({ readiness: () => new Promise(() => undefined), readinessTimeoutMs: 20 });
    const timedOut = await fetch(`${hanging}/readyz`);
    expect(timedOut.status).toBe(503);
    expect(((await timedOut.json()) as { reason: string }).reason).toMatch(/timed out/);
  });

  it('serves /metrics in the Prometheus text format', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.feedback.inc({ vote: 'up' });
    const base = await serve({ readiness: () => ({ ready: true }), metrics });
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await response.text()).toContain('mentor_feedback_total{vote="up"} 1');
  });

  it('answers 500 when metrics cannot be rendered, and leaves other requests to the server', async () => {
    const base = await serve({
      readiness: () => ({ ready: true }),
      metrics: { render: () => Promise.reject(new Error('collector failed')) },
    });
    expect((await fetch(`${base}/metrics`)).status).toBe(500);
    expect((await fetch(`${base}/healthz`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${base}/other`)).status).toBe(404);
  });
});

describe('health routes as Bolt customRoutes', () => {
  it('are served by the Bolt HTTP receiver beside /slack/events', async () => {
    const customRoutes: CustomRoute[] = createHealthRoutes({
      readiness: () => ({ ready: false, reason: 'warming up' }),
      metrics: createMetrics({ defaultMetrics: false }),
    });
    const app = new App({
      token: 'xoxb-test',
      signingSecret: 'test-secret',
      botId: 'B1',
      botUserId: 'U1',
      customRoutes,
      logger: createBoltLogger(createLogger({ level: 'silent' })),
    });
    apps.push(app);
    const server = (await app.start(0)) as Server;
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    expect(await (await fetch(`${base}/metrics`)).text()).toContain('mentor_queue_depth 0');
  });
});
