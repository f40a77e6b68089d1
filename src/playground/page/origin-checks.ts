/**
 * @module playground/page/origin-checks — keeps other web sites out of a page bound to loopback:
 * the Host header must name this machine (no DNS rebinding), and a browser's `Origin` on a POST
 * must be the page itself (no cross-site requests making "you" post to the bot).
 */

const loopbackNames = new Set(['localhost', '127.0.0.1', '[::1]']);

function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1';
}

/** True when the `Host` header may address a server bound to `boundHost`:`port`. */
export function isAllowedHost(hostHeader: string | undefined, boundHost: string, port: number): boolean {
  if (!isLoopback(boundHost)) return true;
  if (hostHeader === undefined) return false;
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hostHeader.toLowerCase());
  if (!match) return false;
  const portMatches = match[2] === undefined ? port === 80 : Number(match[2]) === port;
  return loopbackNames.has(match[1] ?? '') && portMatches;
}

/** True without an `Origin` (not a browser), or when it is the same host the request was sent to. */
export function isSameOrigin(origin: string | undefined, hostHeader: string | undefined): boolean {
  if (origin === undefined) return true;
  if (!URL.canParse(origin)) return false;
  return new URL(origin).host === hostHeader?.toLowerCase();
}
