/**
 * @module slack-stand-in/app-client — sends the app what Slack sends it, signed: slash commands and
 * interactivity payloads form-encoded (content-type exactly `application/x-www-form-urlencoded`,
 * which Bolt requires), Events API envelopes and `url_verification` as JSON, retries with
 * `X-Slack-Retry-Num` / `X-Slack-Retry-Reason`. Timestamp, secret or signature can be overridden to
 * produce stale or bad signatures.
 */
import { createSignatureHeaders } from './slack-request-signer.js';
import type { JsonObject } from './types.js';

export interface SigningOverrides {
  /** Unix seconds to sign with and send, e.g. ten minutes ago for a stale request. */
  timestamp?: number;
  /** Sign with this secret instead of the app's (a bad signature). */
  signingSecret?: string;
  /** Send this `X-Slack-Signature` as it is. */
  signature?: string;
}

export interface SendOptions extends SigningOverrides {
  /** Extra headers, added last. */
  headers?: Record<string, string>;
}

export interface EventSendOptions extends SendOptions {
  /** Sets `X-Slack-Retry-Num` (Slack counts retries from 1). */
  retryNum?: number;
  /** Sets `X-Slack-Retry-Reason`, e.g. `http_timeout`; defaults to `http_timeout` when `retryNum` is set. */
  retryReason?: string;
}

/** The app's HTTP answer. `json` is the parsed body when it is JSON. */
export interface AppResponse {
  status: number;
  body: string;
  json: unknown;
}

export interface AppClientOptions {
  /** Where Slack would POST, e.g. `http://127.0.0.1:3000/slack/events`. */
  requestUrl: string;
  signingSecret: string;
  /** Milliseconds clock used for request timestamps. */
  now?: () => number;
}

export interface AppClient {
  readonly requestUrl: string;
  /** Sends a raw, signed body with the given content type. */
  send(request: { body: string; contentType: string } & SendOptions): Promise<AppResponse>;
  sendSlashCommand(fields: Record<string, string>, options?: SendOptions): Promise<AppResponse>;
  sendEvent(envelope: JsonObject, options?: EventSendOptions): Promise<AppResponse>;
  sendUrlVerification(challenge: string, options?: SendOptions & { token?: string }): Promise<AppResponse>;
  /** An interactivity payload (e.g. `block_actions`) as the form field `payload`. */
  sendInteraction(payload: JsonObject, options?: SendOptions): Promise<AppResponse>;
}

const formContentType = 'application/x-www-form-urlencoded';

/**
 * @example
 * const app = createAppClient({ requestUrl: 'http://127.0.0.1:3000/slack/events', signingSecret });
 * const { status } = await app.sendSlashCommand({ command: '/ask-node', text: 'what is the event loop?' });
 */
export function createAppClient(options: AppClientOptions): AppClient {
  const { requestUrl, signingSecret, now = Date.now } = options;

  async function send(request: { body: string; contentType: string } & SendOptions): Promise<AppResponse> {
    const timestamp = request.timestamp ?? Math.floor(now() / 1000);
    const signed = createSignatureHeaders({
      signingSecret: request.signingSecret ?? signingSecret,
      timestamp,
      rawBody: request.body,
    });
    if (request.signature !== undefined) signed['x-slack-signature'] = request.signature;
    const response = await fetch(requestUrl, {
      method: 'POST',
      headers: {
        'content-type': request.contentType,
        'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
        ...signed,
        ...request.headers,
      },
      body: request.body,
    });
    const body = await response.text();
    let json: unknown;
    try {
      json = body === '' ? undefined : JSON.parse(body);
    } catch {
      json = undefined;
    }
    return { status: response.status, body, json };
  }

  const sendForm = (fields: Record<string, string>, sendOptions: SendOptions = {}) =>
    send({ ...sendOptions, body: new URLSearchParams(fields).toString(), contentType: formContentType });

  return {
    requestUrl,
    send,
    sendSlashCommand: sendForm,
    sendEvent(envelope, eventOptions = {}) {
      const { retryNum, retryReason, ...rest } = eventOptions;
      const retryHeaders: Record<string, string> =
        retryNum === undefined
          ? {}
          : { 'x-slack-retry-num': String(retryNum), 'x-slack-retry-reason': retryReason ?? 'http_timeout' };
      const headers = { ...retryHeaders, ...rest.headers };
      return send({ ...rest, headers, body: JSON.stringify(envelope), contentType: 'application/json' });
    },
    sendUrlVerification(challenge, verificationOptions = {}) {
      const { token = 'verification-token', ...rest } = verificationOptions;
      const body = JSON.stringify({ token, challenge, type: 'url_verification' });
      return send({ ...rest, body, contentType: 'application/json' });
    },
    sendInteraction: (payload, sendOptions) => sendForm({ payload: JSON.stringify(payload) }, sendOptions),
  };
}
