/**
 * @module test/support/slack-web-client — the real `@slack/web-api` WebClient (the one Bolt uses)
 * pointed at a Slack stand-in, without retries, and a helper that returns the Slack error code a
 * call failed with.
 */
import { webApi } from '@slack/bolt';

export function createTestWebClient(apiUrl: string, token?: string): webApi.WebClient {
  return new webApi.WebClient(token, {
    slackApiUrl: apiUrl,
    retryConfig: { retries: 0 },
    logLevel: webApi.LogLevel.ERROR,
  });
}

/** Resolves with the Slack error code (`data.error`) the call failed with; throws if it succeeded. */
export async function slackError(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    return (error as { data?: { error?: string } }).data?.error ?? String(error);
  }
  throw new Error('expected the Slack call to fail');
}
