import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../src/mentor/secrets.js';

// Built from parts so no scanner mistakes the test data for a live credential.
const slackBotToken = ['xoxb', '2047339921', '5739128371', 'aB3dE5fG7hJ9kL1mN3pQ5rS7'].join('-');
const awsAccessKey = ['AKIA', 'IOSFODNN7', 'EXAMPLE'].join('');
const awsSecret = ['wJalrXUtnFEMI', 'K7MDENG', 'bPxRfiCYEXAMPLEKEY'].join('/');
const jwt = [
  'eyJhbGciOiJIUzI1NiJ9',
  'eyJzdWIiOiIxMjM0NTY3ODkwIn0',
  'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
].join('.');
const privateKey = [
  '-----BEGIN RSA PRIVATE KEY-----',
  'MIIEpAIBAAKCAQEA0Z3VS5JJcds3xfn',
  '-----END RSA PRIVATE KEY-----',
].join('\n');

describe('secret redaction', () => {
  it.each([
    ['Slack token', `our bot uses ${slackBotToken} and fails`, slackBotToken],
    ['AWS access key', `key ${awsAccessKey} gets AccessDenied`, awsAccessKey],
    ['AWS secret key', `aws_secret_access_key=${awsSecret}`, awsSecret],
    ['JWT', `Authorization: Bearer ${jwt}`, jwt],
    ['private key', `here is the key:\n${privateKey}\nwhy does it fail?`, 'MIIEpAIBAAKCAQEA0Z3VS5JJcds3xfn'],
    [
      'password in a connection string',
      'postgres://orders:hunter2secret@db.internal:5432/orders times out',
      'hunter2secret',
    ],
  ] as const)('finds and removes a %s', (kind, text, secret) => {
    const redaction = redactSecrets(text);
    expect(redaction.found).toContain(kind);
    expect(redaction.text).not.toContain(secret);
    expect(redaction.text).toContain(`[redacted`);
  });

  it('keeps the non-secret parts of a connection string, so the question still makes sense', () => {
    const { text } = redactSecrets('postgres://orders:hunter2secret@db.internal:5432/orders times out');
    expect(text).toBe('postgres://orders:[redacted password]@db.internal:5432/orders times out');
  });

  it('redacts an unterminated private key to the end of the text', () => {
    const { text } = redactSecrets(`-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU`);
    expect(text).toBe('[redacted private key]');
  });

  it('redacts env-style and quoted passwords but leaves code that merely mentions them', () => {
    expect(redactSecrets('DB_PASSWORD=s3cr3t-value in my .env').text).toBe(
      'DB_PASSWORD=[redacted secret] in my .env',
    );
    expect(redactSecrets(`const config = { password: 'p4ssw0rd!' }`).text).toBe(
      `const config = { password: '[redacted secret]' }`,
    );
    const code = 'const password = req.body.password; await bcrypt.hash(password, 12);';
    expect(redactSecrets(code)).toEqual({ text: code, found: [] });
  });

  it('leaves ordinary questions alone', () => {
    const question = 'why does my heap keep growing after every deploy?';
    expect(redactSecrets(question)).toEqual({ text: question, found: [] });
  });

  it('is idempotent: redacting twice changes nothing more', () => {
    const once = redactSecrets(`SLACK_BOT_TOKEN=${slackBotToken} and postgres://a:bcdefgh@host/db`).text;
    expect(redactSecrets(once).text).toBe(once);
  });
});
