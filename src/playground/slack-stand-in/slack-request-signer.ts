/**
 * @module slack-stand-in/slack-request-signer — signs requests exactly as Slack does:
 * `X-Slack-Signature: v0=<hex HMAC-SHA256(secret, "v0:{timestamp}:{raw body}")>` beside
 * `X-Slack-Request-Timestamp` (Unix seconds).
 */
import { createHmac } from 'node:crypto';

export interface SignatureInput {
  signingSecret: string;
  /** Unix seconds. */
  timestamp: number;
  /** The exact bytes that will be sent, as a string. */
  rawBody: string;
}

export function computeSlackSignature({ signingSecret, timestamp, rawBody }: SignatureInput): string {
  const digest = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex');
  return `v0=${digest}`;
}

/** The two headers Slack adds to every request it sends to an app. */
export function createSignatureHeaders(input: SignatureInput): Record<string, string> {
  return {
    'x-slack-request-timestamp': String(input.timestamp),
    'x-slack-signature': computeSlackSignature(input),
  };
}
