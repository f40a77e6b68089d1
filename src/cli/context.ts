/**
 * @module cli/context — what every command gets: parsed config, output streams and a warning
 * printer. Commands write results to `stdout` and everything else to `stderr`.
 */
import type { Config } from '../config/index.js';

export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WriteStream;
  stdin: NodeJS.ReadableStream;
}

export interface CommandContext {
  config: Readonly<Config>;
  io: CliIO;
}

/** Thrown for bad arguments: the CLI prints the message and the command's usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function warn(io: CliIO, message: string): void {
  io.stderr.write(`warning: ${message}\n`);
}
