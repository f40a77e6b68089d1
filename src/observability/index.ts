/**
 * @module observability — logs (pino, secrets masked), Prometheus metrics and the health routes.
 * Built once in the composition root and passed down.
 */
export { createBoltLogger } from './bolt-logger.js';
export type { BoltLoggerOptions } from './bolt-logger.js';
export { createHealthRoutes, handleHealthRequest } from './health-routes.js';
export type { HealthHandler, HealthRoute, HealthRoutesOptions, Readiness } from './health-routes.js';
export { REDACTED, REDACT_PATHS, createLogger } from './logger.js';
export type { LoggerOptions } from './logger.js';
export { createMetrics } from './metrics.js';
export type {
  AckKind,
  AnswerSurface,
  FeedbackVote,
  Metrics,
  MetricsOptions,
  QueueDepthSource,
} from './metrics.js';
export { SECRET_MASK, redactSecrets } from './redact-secrets.js';
