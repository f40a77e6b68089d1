/**
 * @module cli/commands/index-command — `node-mentor index [--force]`.
 */
import { configuredKnowledgeOptions, formatProblem, syncKnowledge } from '../../retrieval/index.js';
import { warn, type CommandContext } from '../context.js';
import { createProgressReporter } from '../progress.js';

export async function runIndexCommand(context: CommandContext, options: { force: boolean }): Promise<number> {
  const { io } = context;
  const progress = createProgressReporter(io.stderr, 'embedding');
  const started = performance.now();
  const base = await syncKnowledge(
    await configuredKnowledgeOptions(context.config, {
      force: options.force,
      onProgress: ({ embedded, toEmbed }) => progress.update(embedded, toEmbed),
      onWarning: (message) => warn(io, message),
    }),
  );
  progress.finish();
  const { stats } = base;
  const seconds = ((performance.now() - started) / 1_000).toFixed(2);
  io.stdout.write(
    `indexed ${base.playbooks.length} playbooks, ${stats.chunks} sections: ${stats.embedded} embedded, ` +
      `${stats.reused} unchanged, ${stats.removed} removed (${base.embedder.id}, ${seconds}s)\n`,
  );
  if (base.problems.length === 0) return 0;
  io.stderr.write(`${base.problems.length} playbook(s) could not be loaded and were left out:\n`);
  for (const problem of base.problems) io.stderr.write(`  ${formatProblem(problem)}\n`);
  return 1;
}
