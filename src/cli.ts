#!/usr/bin/env node
/**
 * @module cli — the `node-mentor` command (`npm run mentor -- <command>`).
 */
import { runCli } from './cli/run-cli.js';

process.exitCode = await runCli(process.argv.slice(2), process.env, {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
});
