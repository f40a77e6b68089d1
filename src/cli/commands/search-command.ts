/**
 * @module cli/commands/search-command — `node-mentor search "query" [-k N] [--json]`.
 */
import { configuredKnowledgeOptions, headingLabel, openKnowledgeBase } from '../../retrieval/index.js';
import { warn, type CommandContext } from '../context.js';

export async function runSearchCommand(
  context: CommandContext,
  options: { query: string; limit: number; json: boolean },
): Promise<number> {
  const { io } = context;
  const base = await openKnowledgeBase(
    await configuredKnowledgeOptions(context.config, { onWarning: (message) => warn(io, message) }),
  );
  const hits = await base.search.search(options.query, { limit: options.limit });
  const rows = hits.map(({ chunk, score, similarity, coverage }) => ({
    title: chunk.playbookTitle,
    path: chunk.path,
    heading: headingLabel(chunk.headingPath),
    ref: `${chunk.playbookId}#${chunk.anchor}`,
    score,
    similarity: Number(similarity.toFixed(3)),
    coverage: Number(coverage.toFixed(3)),
  }));
  if (options.json) {
    io.stdout.write(`${JSON.stringify({ query: options.query, results: rows })}\n`);
    return 0;
  }
  if (rows.length === 0) {
    io.stdout.write('No relevant sections: the question looks outside the playbooks.\n');
    return 0;
  }
  rows.forEach((row, index) => {
    io.stdout.write(
      `${index + 1}. ${row.score.toFixed(3)}  ${row.title} › ${row.heading}\n   ${row.path}#${row.ref.split('#')[1]}\n`,
    );
  });
  return 0;
}
