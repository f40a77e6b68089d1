/**
 * @module slack-stand-in/slack-ids — monotonic Slack message timestamps (`"<seconds>.<6 digits>"`)
 * and Slack-looking ids (event ids, trigger ids, block ids) for the stand-in.
 */
import { randomBytes } from 'node:crypto';

export interface SlackClock {
  /** A message `ts`, strictly greater than every one returned before. */
  nextTs(): string;
  /** Unix seconds, as Slack puts in `event_time` and request timestamps. */
  nowSeconds(): number;
}

/** @param now the clock in milliseconds (`Date.now` by default; inject one for fixed timestamps). */
export function createSlackClock(now: () => number = Date.now): SlackClock {
  let lastMicroseconds = 0;
  return {
    nextTs() {
      const microseconds = Math.max(Math.floor(now() * 1000), lastMicroseconds + 1);
      lastMicroseconds = microseconds;
      const seconds = Math.floor(microseconds / 1_000_000);
      return `${seconds}.${String(microseconds % 1_000_000).padStart(6, '0')}`;
    },
    nowSeconds: () => Math.floor(now() / 1000),
  };
}

const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function randomUpper(length: number): string {
  return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');
}

export function createEventId(): string {
  return `Ev${randomUpper(10)}`;
}

export function createTriggerId(): string {
  const digits = () => String(Math.floor(1e12 + Math.random() * 9e12));
  return `${digits()}.${digits()}.${randomBytes(16).toString('hex')}`;
}

export function createBlockId(): string {
  return randomBytes(4).toString('base64url').slice(0, 5);
}

export function createClientMessageId(): string {
  const hex = randomBytes(16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function createResponseUrlId(): string {
  return randomBytes(12).toString('hex');
}
