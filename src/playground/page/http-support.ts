/**
 * @module playground/page/http-support — the page server's HTTP plumbing: security headers (a
 * strict CSP with no inline script), JSON replies, and a JSON body reader with a size limit that
 * turns every bad body into a `bad_request` error carrying the HTTP status to answer with.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MentorError, isMentorError } from '../../errors.js';

/** Largest request body accepted, in bytes. */
export const MAXIMUM_BODY_BYTES = 64 * 1024;

/** Scripts, styles and fetches only from the page's own origin; nothing inline, no frames. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/** A `bad_request` error answered with `status` (400 unless said otherwise). */
export function requestError(message: string, status = 400): MentorError {
  return new MentorError('bad_request', `playground: ${message}`, { details: { status } });
}

/** The status a failure is answered with: its own for bad requests, 500 otherwise. */
export function statusOf(error: unknown): number {
  if (!isMentorError(error, 'bad_request')) return 500;
  const status = error.details?.status;
  return typeof status === 'number' ? status : 400;
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  response.end(text);
}

/** `{ ok: false, error }` with the message shown to the person using the page. */
export function sendError(response: ServerResponse, status: number, message: string): void {
  sendJson(response, status, { ok: false, error: message });
}

/**
 * Reads a JSON object body: `application/json` only (a cross-site form cannot send it without a
 * CORS preflight), at most `MAXIMUM_BODY_BYTES`.
 */
export async function readJsonBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const contentType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/json') {
    throw requestError('send the body as JSON (content-type: application/json)', 415);
  }
  const tooLarge = () =>
    requestError(`request body too large (the limit is ${MAXIMUM_BODY_BYTES / 1024} KB)`, 413);
  if (Number(request.headers['content-length'] ?? 0) > MAXIMUM_BODY_BYTES) throw tooLarge();
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of request) {
    size += (part as Buffer).length;
    if (size > MAXIMUM_BODY_BYTES) throw tooLarge();
    parts.push(part as Buffer);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(parts).toString('utf8'));
  } catch {
    throw requestError('the body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw requestError('the body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

/** A required, non-empty string field. */
export function requiredString(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value.trim() === '') {
    throw requestError(`"${field}" is required and must be a non-empty string`);
  }
  return value;
}

/** An optional string field: absent, null or a string. */
export function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw requestError(`"${field}" must be a string`);
  return value;
}
