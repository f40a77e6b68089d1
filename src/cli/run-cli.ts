/**
 * @module cli/run-cli — argument parsing and dispatch for `node-mentor`. Returns the exit code:
 * 0 done, 1 failed (the message says why), 2 bad usage (usage printed).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadConfig } from '../config/index.js';
import { toMentorError } from '../errors.js';
import { runAskBatch, runAskCommand } from './commands/ask-command.js';
import { runIndexCommand } from './commands/index-command.js';
import { runSearchCommand } from './commands/search-command.js';
import { runTipCommand } from './commands/tip-command.js';
import { UsageError, type CliIO, type CommandContext } from './context.js';
import { openCliMentor } from './open-cli-mentor.js';
import { COMMAND_USAGE, MAIN_USAGE, type CommandName } from './usage.js';

const OPTIONS = {
  index: { force: { type: 'boolean' } },
  search: { k: { type: 'string', short: 'k' }, json: { type: 'boolean' } },
  ask: { json: { type: 'boolean' }, batch: { type: 'string' } },
  tip: { post: { type: 'boolean' } },
} satisfies Record<CommandName, ParseArgsConfig['options']>;

export async function runCli(argv: string[], env: NodeJS.ProcessEnv, io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout.write(`${MAIN_USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  if (!isCommand(command)) {
    io.stderr.write(`node-mentor: unknown command "${command}"\n\n${MAIN_USAGE}\n`);
    return 2;
  }
  let parsed: ReturnType<typeof parseCommand>;
  try {
    parsed = parseCommand(command, rest);
  } catch (error) {
    io.stderr.write(`node-mentor ${command}: ${(error as Error).message}\n\n${COMMAND_USAGE[command]}\n`);
    return 2;
  }
  if (parsed.values.help) {
    io.stdout.write(`${COMMAND_USAGE[command]}\n`);
    return 0;
  }
  try {
    const context: CommandContext = { config: loadConfig(env), io };
    return await dispatch(command, parsed, context);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`node-mentor ${command}: ${error.message}\n\n${COMMAND_USAGE[command]}\n`);
      return 2;
    }
    const mentorError = toMentorError(error);
    io.stderr.write(`node-mentor ${command}: ${mentorError.message}\n`);
    return 1;
  }
}

function isCommand(name: string): name is CommandName {
  return Object.hasOwn(COMMAND_USAGE, name);
}

function parseCommand(command: CommandName, args: string[]) {
  return parseArgs({
    args,
    options: { ...OPTIONS[command], help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  }) as { values: Record<string, string | boolean | undefined>; positionals: string[] };
}

async function dispatch(
  command: CommandName,
  { values, positionals }: ReturnType<typeof parseCommand>,
  context: CommandContext,
): Promise<number> {
  const text = positionals.join(' ').trim();
  switch (command) {
    case 'index':
      expectNoPositionals(positionals);
      return runIndexCommand(context, { force: values.force === true });
    case 'search':
      if (text === '') throw new UsageError('missing the query');
      return runSearchCommand(context, {
        query: text,
        limit: parseLimit(values.k),
        json: values.json === true,
      });
    case 'ask': {
      const batch = typeof values.batch === 'string' ? values.batch : undefined;
      if (batch === undefined && text === '') throw new UsageError('missing the question');
      if (batch !== undefined && text !== '')
        throw new UsageError('give either a question or --batch, not both');
      const mentor = await openCliMentor(context);
      if (batch !== undefined) return runAskBatch(context, mentor, batch);
      return runAskCommand(context, mentor, { question: text, json: values.json === true });
    }
    case 'tip':
      expectNoPositionals(positionals);
      return runTipCommand(context, { post: values.post === true });
  }
}

function expectNoPositionals(positionals: string[]): void {
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
}

function parseLimit(value: string | boolean | undefined): number {
  if (value === undefined) return 5;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 50)
    throw new UsageError('-k expects a whole number from 1 to 50');
  return limit;
}
