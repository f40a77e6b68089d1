/**
 * @module runtime/redact-url — connection URLs without their password, for messages and logs.
 */

/**
 * Replaces the password of a URL with `***`; keeps everything else so the message stays useful.
 * @example redactUrl('redis://:hunter2@cache:6379/0') // 'redis://:***@cache:6379/0'
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password === '') return url;
    parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/[^/@]*@/, '//***@');
  }
}
