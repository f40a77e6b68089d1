#!/usr/bin/env node
/**
 * @module cli — the `node-mentor` command (`npm run mentor -- <command>`).
 */
import { runCli } from './cli/run-cli.js';

// `node-mentor ask … | head`: the reader went away, which is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

process.exitCode = await runCli(process.argv.slice(2), process.env, {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
});
