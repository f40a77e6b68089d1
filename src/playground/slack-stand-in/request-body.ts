/**
 * @module slack-stand-in/request-body — reads a Web API request the way Slack does: form-encoded
 * (JSON-valued fields such as `blocks` or `chunks` arrive as JSON strings and are decoded) or JSON
 * (token only from the `Authorization` header); the token comes from `Authorization: Bearer` or the
 * `token` form field and is kept out of the recorded arguments.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { isObject } from './message-factory.js';
import type { JsonObject } from './types.js';

/** Form fields whose values Slack decodes as JSON. */
const jsonFields = new Set([
  'attachments',
  'blocks',
  'chunks',
  'file_ids',
  'loading_messages',
  'metadata',
  'prompts',
  'unfurls',
  'user_auth_blocks',
]);

export type ParsedApiRequest =
  { ok: true; args: JsonObject; token: string | undefined } | { ok: false; error: string; args: JsonObject };

/** Reads the whole body as UTF-8. */
export async function readBody(request: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of request) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

export function parseApiRequest(
  rawBody: string,
  headers: IncomingHttpHeaders,
  query: URLSearchParams,
): ParsedApiRequest {
  const contentType = (headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  const headerToken = bearerToken(headers.authorization);
  const queryArgs = Object.fromEntries(query);

  if (contentType === 'application/json' && rawBody.trim() !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(rawBody);
    } catch {
      return { ok: false, error: 'invalid_json', args: {} };
    }
    if (!isObject(parsed)) return { ok: false, error: 'invalid_json', args: {} };
    const { token: _ignored, ...args } = { ...queryArgs, ...parsed };
    return { ok: true, args, token: headerToken };
  }

  const { token: fieldToken, ...fields } = {
    ...queryArgs,
    ...Object.fromEntries(new URLSearchParams(rawBody)),
  };
  const args: JsonObject = {};
  for (const [name, value] of Object.entries(fields)) {
    if (!jsonFields.has(name)) {
      args[name] = value;
      continue;
    }
    try {
      args[name] = JSON.parse(value);
    } catch {
      return {
        ok: false,
        error: name === 'blocks' ? 'invalid_blocks_format' : 'invalid_arguments',
        args: fields,
      };
    }
  }
  return { ok: true, args, token: headerToken ?? (fieldToken || undefined) };
}

function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(authorization ?? '');
  return match?.[1]?.trim();
}
