/**
 * @module slack/jobs/slack-errors — reading Slack Web API failures.
 */

/** Slack's `error` code of a failed Web API call (`not_in_channel`, …), if it is one. */
export function slackErrorCode(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

/** Errors meaning the bot cannot post where it was asked: answer privately instead. */
const CANNOT_POST = new Set([
  'not_in_channel',
  'channel_not_found',
  'is_archived',
  'restricted_action',
  'cant_post_to_channel',
]);

export function isCannotPost(error: unknown): boolean {
  const code = slackErrorCode(error);
  return code !== undefined && CANNOT_POST.has(code);
}
