/**
 * @module observability/redact-secrets — masks token-shaped strings anywhere in a text: Slack
 * tokens, OpenAI keys, Bearer/Basic credentials and passwords in connection URLs. The logger runs
 * every output line through it; use it for any text that may reach a log or a user.
 *
 * For one known connection URL, `runtime/redact-url`'s `redactUrl` is the better fit (it parses the
 * URL and keeps it valid); the URL rule here catches passwords inside free text and uses the same
 * `:***@` mask.
 */

/** What replaces a secret, after the prefix that says which kind it was. */
export const SECRET_MASK = '***';

const SECRET_PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  // Slack bot, user, workspace, refresh and config tokens: xoxb-, xoxp-, xoxa-, xoxr-, xoxs-, xoxe-…
  [/\b(xox[a-z])-[A-Za-z0-9-]+/g, `$1-${SECRET_MASK}`],
  // Slack app-level tokens (Socket Mode).
  [/\bxapp-[A-Za-z0-9-]+/g, `xapp-${SECRET_MASK}`],
  // OpenAI-style keys: sk-…, sk-proj-…, sk-svcacct-….
  [/\bsk-[A-Za-z0-9_-]{16,}/g, `sk-${SECRET_MASK}`],
  // Authorization header values.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${SECRET_MASK}`],
  // user:password@ in any scheme://; a JSON-escaped character (\") counts as part of the password.
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@"'<>]*:)(?:\\.|[^\s@/"'<>\\])+@/gi, `$1${SECRET_MASK}@`],
];

/**
 * Masks secrets in `text`, keeping a prefix that tells which kind it was.
 * @example redactSecrets('token xoxb-1-2-abc, url redis://app:hunter2@cache:6379')
 * // 'token xoxb-***, url redis://app:***@cache:6379'
 */
export function redactSecrets(text: string): string {
  let result = text;
  for (const [pattern, replacement] of SECRET_PATTERNS) result = result.replace(pattern, replacement);
  return result;
}
