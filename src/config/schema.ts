/**
 * @module config/schema — every environment variable node-mentor reads, with its default and
 * what it expects. `.env.example` documents the same list for humans.
 */
import { z } from 'zod';

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const positiveInt = (fallback: number, what: string) =>
  z.coerce
    .number({ error: `expected ${what}` })
    .int(`expected ${what}`)
    .positive(`expected ${what}`)
    .default(fallback);

const port = (fallback: number, what: string) =>
  z.coerce
    .number({ error: `expected ${what} (0 picks a free port)` })
    .int(`expected ${what} (0 picks a free port)`)
    .min(0, `expected ${what} (0 picks a free port)`)
    .max(65_535, `expected ${what} (0 picks a free port)`)
    .default(fallback);

const url = (what: string) =>
  optionalString.refine((value) => value === undefined || URL.canParse(value), {
    message: `expected ${what}`,
  });

const commaList = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );

export const envSchema = z.object({
  MENTOR_KNOWLEDGE_DIR: z.string().trim().min(1).default('knowledge'),
  MENTOR_PERSONAS_DIR: z.string().trim().min(1).default('personas'),
  MENTOR_PERSONA: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'expected a persona file name without .md, e.g. senior-node')
    .default('senior-node'),
  MENTOR_DATA_DIR: z.string().trim().min(1).default('.data'),
  EMBEDDINGS_PROVIDER: z
    .enum(['local', 'openai'], { error: 'expected "local" or "openai"' })
    .default('local'),
  ANSWER_PROVIDER: z
    .enum(['offline', 'openai'], { error: 'expected "offline" or "openai"' })
    .default('offline'),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: url('an http(s) URL such as http://localhost:11434/v1'),
  OPENAI_MODEL: z.string().trim().min(1).default('gpt-4o-mini'),
  OPENAI_EMBEDDINGS_MODEL: z.string().trim().min(1).default('text-embedding-3-small'),
  OPENAI_TIMEOUT_MS: positiveInt(30_000, 'a timeout in milliseconds, e.g. 30000'),
  OPENAI_MAX_RETRIES: z.coerce
    .number({ error: 'expected a whole number ≥ 0' })
    .int()
    .min(0)
    .max(10)
    .default(2),
  RETRIEVAL_TOP_K: positiveInt(4, 'how many sections to retrieve, e.g. 4'),
  SLACK_BOT_TOKEN: optionalString.refine((value) => value === undefined || value.startsWith('xoxb-'), {
    message: 'expected a bot token starting with xoxb- (OAuth & Permissions page)',
  }),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString.refine((value) => value === undefined || value.startsWith('xapp-'), {
    message: 'expected an app-level token starting with xapp- with the connections:write scope',
  }),
  SLACK_API_URL: url('the Slack Web API base URL, e.g. https://slack.com/api/'),
  PORT: port(3000, 'a TCP port for the Slack HTTP receiver'),
  PLAYGROUND_PORT: port(3000, 'a TCP port for the local playground'),
  TIP_SCHEDULE: z.string().trim().min(1).default('0 9 * * 1-5'),
  TIP_TIMEZONE: z
    .string()
    .trim()
    .default('UTC')
    .refine((zone) => Intl.supportedValuesOf('timeZone').includes(zone) || zone === 'UTC', {
      message: 'expected an IANA time zone such as Europe/Berlin',
    }),
  TIP_CHANNELS: commaList,
  RATE_LIMIT_USER_PER_MINUTE: positiveInt(10, 'questions per user per minute'),
  RATE_LIMIT_CHANNEL_PER_MINUTE: positiveInt(30, 'questions per channel per minute'),
  REDIS_URL: url('a redis:// or rediss:// URL'),
  MENTOR_ROLE: z
    .enum(['all', 'web', 'worker'], { error: 'expected "all", "web" or "worker"' })
    .default('all'),
  WORKER_CONCURRENCY: positiveInt(4, 'how many answers one worker computes at once'),
  JOB_ATTEMPTS: positiveInt(3, 'attempts per answer job'),
  JOB_BACKOFF_MS: positiveInt(
    1_000,
    'milliseconds before the first retry of a failed job (doubles per retry)',
  ),
  JOB_LOCK_MS: positiveInt(
    15_000,
    "milliseconds a running job's lock lasts; a dead worker's job reruns after it",
  ),
  JOB_STALLED_CHECK_MS: positiveInt(5_000, 'milliseconds between checks for jobs whose worker died'),
  SHUTDOWN_GRACE_MS: positiveInt(10_000, 'milliseconds to finish in-flight answers on shutdown'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'expected one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
});

export type Env = z.infer<typeof envSchema>;
