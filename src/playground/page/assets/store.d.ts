/** @module playground page: store — types for the browser module beside it (used by tests). */
import type { SlackMessage, StandInChange } from '../../slack-stand-in/types.js';
import type { PlaygroundState } from '../api-routes.js';

export interface TimelineEntry {
  message: SlackMessage;
  ephemeral: boolean;
}

export interface PageStore {
  readonly me: string;
  load(snapshot: PlaygroundState): void;
  apply(change: StandInChange): boolean;
  messageCount(channelId: string): number;
  userName(id: string): string;
  handle(id: string): string;
  findMessage(channelId: string, ts: string): SlackMessage | undefined;
  timeline(channelId: string): TimelineEntry[];
  thread(channelId: string, threadTs: string): { parent: SlackMessage | undefined; replies: TimelineEntry[] };
  privateReplies(channelId: string, ts: string): number;
  statusFor(channelId: string, threadTs: string): string | undefined;
  assistantThreads(channelId: string): SlackMessage[];
}

export function compareTs(left: string, right: string): number;
export function createStore(): PageStore;
