/**
 * @module errors — one error type for the whole service. Every failure that reaches an edge
 * (CLI, Slack, HTTP) is a `MentorError` with a code, an area-prefixed message a user can act on,
 * and the original `cause` kept for the logs.
 */
import { randomBytes } from 'node:crypto';

export type MentorErrorCode =
  | 'config_invalid'
  | 'knowledge_invalid'
  | 'persona_invalid'
  | 'index_corrupt'
  | 'index_unavailable'
  | 'question_invalid'
  | 'provider_unavailable'
  | 'provider_timeout'
  | 'rate_limited'
  | 'queue_unavailable'
  | 'state_unavailable'
  | 'slack_api'
  | 'bad_request'
  | 'internal';

export interface MentorErrorOptions {
  cause?: unknown;
  /** Extra structured detail for logs; never shown to Slack users. */
  details?: Record<string, unknown>;
}

export class MentorError extends Error {
  override readonly name = 'MentorError';
  readonly code: MentorErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: MentorErrorCode, message: string, options: MentorErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details;
  }
}

/** Wraps anything thrown into a `MentorError`, keeping an existing one as it is. */
export function toMentorError(error: unknown, fallbackCode: MentorErrorCode = 'internal'): MentorError {
  if (error instanceof MentorError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new MentorError(fallbackCode, message, { cause: error });
}

export function isMentorError(error: unknown, code?: MentorErrorCode): error is MentorError {
  return error instanceof MentorError && (code === undefined || error.code === code);
}

/** A short id shown to users and logged beside the detail, e.g. `ref 7KQ2M9`. */
export function createReferenceId(): string {
  const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  return Array.from(randomBytes(6), (byte) => alphabet[byte % alphabet.length]).join('');
}
