/**
 * @module mentor/secrets — finds credentials pasted into a question (Slack tokens, AWS keys,
 * private keys, JWTs, passwords in connection strings, API keys) and redacts them before the text
 * is logged or sent to any model.
 */

export type SecretKind =
  | 'Slack token'
  | 'Slack webhook URL'
  | 'AWS access key'
  | 'AWS secret key'
  | 'private key'
  | 'JWT'
  | 'password in a connection string'
  | 'API key'
  | 'password';

interface SecretPattern {
  kind: SecretKind;
  pattern: RegExp;
  /** Replacement; `$1`… keep the non-secret parts (scheme, user, host). */
  replace: string;
}

const marker = (kind: string) => `[redacted ${kind}]`;

// Order matters: whole private keys and URLs first, so shorter patterns do not cut into them.
const PATTERNS: readonly SecretPattern[] = [
  {
    kind: 'private key',
    pattern: /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY-----[\s\S]*?(?:-----END \1PRIVATE KEY-----|$)/g,
    replace: marker('private key'),
  },
  {
    kind: 'Slack webhook URL',
    pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9/_-]+/g,
    replace: marker('Slack webhook URL'),
  },
  {
    kind: 'password in a connection string',
    pattern: /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:/?#@]*):([^\s@/]+)@/gi,
    replace: `$1$2:${marker('password')}@`,
  },
  { kind: 'Slack token', pattern: /\bxox[abposre]-[A-Za-z0-9-]{10,}/g, replace: marker('Slack token') },
  { kind: 'Slack token', pattern: /\bxapp-\d-[A-Za-z0-9-]{10,}/g, replace: marker('Slack token') },
  {
    kind: 'AWS access key',
    pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g,
    replace: marker('AWS access key'),
  },
  {
    kind: 'AWS secret key',
    pattern: /\b(aws_?secret_?access_?key|secretAccessKey)(["']?\s*[:=]\s*["']?)[A-Za-z0-9/+=]{40}\b/gi,
    replace: `$1$2${marker('AWS secret key')}`,
  },
  {
    kind: 'JWT',
    pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g,
    replace: marker('JWT'),
  },
  {
    kind: 'API key',
    pattern:
      /\b(?:sk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|AIza[A-Za-z0-9_-]{35}|(?:sk|rk)_live_[A-Za-z0-9]{20,}|npm_[A-Za-z0-9]{36})\b/g,
    replace: marker('API key'),
  },
  {
    kind: 'password',
    pattern:
      /\b([A-Z0-9_]*(?:PASSWORD|PASSWD|SECRET|API_KEY|TOKEN)[A-Z0-9_]*\s*=\s*)(["']?)([^\s"'[][^\s"']{5,})\2/g,
    replace: `$1$2${marker('secret')}$2`,
  },
  {
    kind: 'password',
    pattern:
      /\b((?:password|passwd|pwd|secret|apiKey|api_key|token)["']?\s*[:=]\s*)(["'])([^"'\s[][^"'\s]{5,})\2/gi,
    replace: `$1$2${marker('secret')}$2`,
  },
];

export interface Redaction {
  /** The text with every secret replaced by a `[redacted …]` marker. */
  text: string;
  /** Kinds of secret found, each once, in the order of the patterns. */
  found: SecretKind[];
}

/** @example redactSecrets('token xoxb-123-456-abcdef').found // ['Slack token'] */
export function redactSecrets(text: string): Redaction {
  const found = new Set<SecretKind>();
  let result = text;
  for (const { kind, pattern, replace } of PATTERNS) {
    const next = result.replace(pattern, replace);
    if (next !== result) found.add(kind);
    result = next;
  }
  return { text: result, found: [...found] };
}
