/**
 * @module config — environment (plus `.env`) → one validated, frozen `Config`. The only module
 * that reads `process.env`; everything else gets `Config` passed in.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import type { z } from 'zod';
import { MentorError } from '../errors.js';
import { envSchema, type Env } from './schema.js';

export type SlackMode = 'http' | 'socket' | 'playground';

export interface Config {
  knowledgeDir: string;
  personasDir: string;
  persona: string;
  dataDir: string;
  embeddings: { provider: Env['EMBEDDINGS_PROVIDER']; model: string };
  answer: { provider: Env['ANSWER_PROVIDER'] };
  openai: { apiKey?: string; baseURL?: string; model: string; timeoutMs: number; maxRetries: number };
  retrieval: { topK: number };
  slack: {
    mode: SlackMode;
    botToken?: string;
    signingSecret?: string;
    appToken?: string;
    apiUrl?: string;
    port: number;
  };
  playground: { port: number };
  tips: { schedule: string; timezone: string; channels: string[] };
  rateLimits: { userPerMinute: number; channelPerMinute: number };
  redis: { url?: string };
  role: Env['MENTOR_ROLE'];
  /**
   * Answer jobs: per-replica concurrency, attempts and backoff (ms); with Redis, the job lock and
   * the stalled-job check (ms) bound how soon a job whose worker died runs again.
   */
  worker: {
    concurrency: number;
    attempts: number;
    backoffMs: number;
    lockMs: number;
    stalledCheckMs: number;
  };
  shutdownGraceMs: number;
  logLevel: Env['LOG_LEVEL'];
}

export interface LoadConfigOptions {
  /** Directory holding `.env` and the relative paths in config; defaults to the working directory. */
  cwd?: string;
  /** Read `.env` (values already in `env` win). Default true. */
  dotenv?: boolean;
}

/**
 * Reads and validates configuration. Every bad variable is named in one `config_invalid` error,
 * with what it expects; values are never echoed (they may be secrets).
 *
 * @example const config = loadConfig(process.env);
 */
export function loadConfig(env: NodeJS.ProcessEnv, options: LoadConfigOptions = {}): Readonly<Config> {
  const cwd = options.cwd ?? process.cwd();
  const merged = { ...(options.dotenv === false ? {} : readDotenv(cwd)), ...env };
  const result = envSchema.safeParse(merged);
  if (!result.success) throw configError(result.error.issues);
  const problems = crossFieldProblems(result.data);
  if (problems.length > 0) throw configError(problems);
  return deepFreeze(toConfig(result.data, cwd));
}

function readDotenv(cwd: string): Record<string, string> {
  const file = path.join(cwd, '.env');
  return existsSync(file) ? parseDotenv(readFileSync(file)) : {};
}

interface Problem {
  path: PropertyKey[];
  message: string;
}

function crossFieldProblems(env: Env): Problem[] {
  const problems: Problem[] = [];
  const usesOpenAI = env.ANSWER_PROVIDER === 'openai' || env.EMBEDDINGS_PROVIDER === 'openai';
  if (usesOpenAI && !env.OPENAI_API_KEY) {
    problems.push({
      path: ['OPENAI_API_KEY'],
      message:
        'required when ANSWER_PROVIDER or EMBEDDINGS_PROVIDER is "openai" (any non-empty value for Ollama or LM Studio)',
    });
  }
  if (env.SLACK_BOT_TOKEN && !env.SLACK_SIGNING_SECRET && !env.SLACK_APP_TOKEN) {
    problems.push({
      path: ['SLACK_SIGNING_SECRET'],
      message: 'required with SLACK_BOT_TOKEN for the HTTP receiver (or set SLACK_APP_TOKEN for Socket Mode)',
    });
  }
  if (!env.SLACK_BOT_TOKEN && (env.SLACK_SIGNING_SECRET || env.SLACK_APP_TOKEN)) {
    problems.push({
      path: ['SLACK_BOT_TOKEN'],
      message: 'required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set',
    });
  }
  if (env.MENTOR_ROLE !== 'all' && !env.REDIS_URL) {
    problems.push({
      path: ['MENTOR_ROLE'],
      message: `"${env.MENTOR_ROLE}" needs REDIS_URL: web and worker talk through Redis`,
    });
  }
  return problems;
}

function configError(problems: readonly Problem[] | z.core.$ZodIssue[]): MentorError {
  const lines = problems.map((problem) => `  - ${problem.path.map(String).join('.')}: ${problem.message}`);
  return new MentorError(
    'config_invalid',
    `config: ${problems.length} invalid setting${problems.length === 1 ? '' : 's'} (see .env.example):\n${lines.join('\n')}`,
  );
}

function slackMode(env: Env): SlackMode {
  if (!env.SLACK_BOT_TOKEN) return 'playground';
  return env.SLACK_APP_TOKEN ? 'socket' : 'http';
}

function toConfig(env: Env, cwd: string): Config {
  const resolve = (target: string) => path.resolve(cwd, target);
  return {
    knowledgeDir: resolve(env.MENTOR_KNOWLEDGE_DIR),
    personasDir: resolve(env.MENTOR_PERSONAS_DIR),
    persona: env.MENTOR_PERSONA,
    dataDir: resolve(env.MENTOR_DATA_DIR),
    embeddings: { provider: env.EMBEDDINGS_PROVIDER, model: env.OPENAI_EMBEDDINGS_MODEL },
    answer: { provider: env.ANSWER_PROVIDER },
    openai: {
      apiKey: env.OPENAI_API_KEY,
      baseURL: env.OPENAI_BASE_URL,
      model: env.OPENAI_MODEL,
      timeoutMs: env.OPENAI_TIMEOUT_MS,
      maxRetries: env.OPENAI_MAX_RETRIES,
    },
    retrieval: { topK: env.RETRIEVAL_TOP_K },
    slack: {
      mode: slackMode(env),
      botToken: env.SLACK_BOT_TOKEN,
      signingSecret: env.SLACK_SIGNING_SECRET,
      appToken: env.SLACK_APP_TOKEN,
      apiUrl: env.SLACK_API_URL,
      port: env.PORT,
    },
    playground: { port: env.PLAYGROUND_PORT },
    tips: { schedule: env.TIP_SCHEDULE, timezone: env.TIP_TIMEZONE, channels: env.TIP_CHANNELS },
    rateLimits: {
      userPerMinute: env.RATE_LIMIT_USER_PER_MINUTE,
      channelPerMinute: env.RATE_LIMIT_CHANNEL_PER_MINUTE,
    },
    redis: { url: env.REDIS_URL },
    role: env.MENTOR_ROLE,
    worker: {
      concurrency: env.WORKER_CONCURRENCY,
      attempts: env.JOB_ATTEMPTS,
      backoffMs: env.JOB_BACKOFF_MS,
      lockMs: env.JOB_LOCK_MS,
      stalledCheckMs: env.JOB_STALLED_CHECK_MS,
    },
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    logLevel: env.LOG_LEVEL,
  };
}

function deepFreeze<T>(value: T): Readonly<T> {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
