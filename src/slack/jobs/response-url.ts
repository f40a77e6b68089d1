/**
 * @module slack/jobs/response-url — replies through a slash command's `response_url`, which works
 * even where the bot is not a member (ephemeral to the asker).
 */
import { MentorError } from '../../errors.js';

export interface ResponseUrlMessage {
  text: string;
  blocks?: unknown[];
  response_type?: 'ephemeral' | 'in_channel';
  replace_original?: boolean;
}

export async function postToResponseUrl(url: string, message: ResponseUrlMessage): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ response_type: 'ephemeral', ...message }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) {
    throw new MentorError('slack_api', `slack: response_url answered ${response.status}`);
  }
}
