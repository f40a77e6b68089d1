/**
 * @module cli/open-cli-mentor — the mentor for one CLI run: index built on first use (progress on
 * a TTY), warnings on stderr, nothing persisted beyond the index.
 */
import { createMentorFromConfig } from '../mentor/index.js';
import type { KeyValueState, MentorService } from '../mentor/types.js';
import { warn, type CommandContext } from './context.js';
import { createProgressReporter } from './progress.js';

/** `ask` never advances the tip rotation, so its state lives and dies with the process. */
function createProcessState(): KeyValueState {
  const values = new Map<string, unknown>();
  return {
    get: async <T>(key: string) => values.get(key) as T | undefined,
    set: async (key, value) => {
      values.set(key, value);
    },
  };
}

export async function openCliMentor(context: CommandContext): Promise<MentorService> {
  const progress = createProgressReporter(context.io.stderr, 'indexing');
  const mentor = await createMentorFromConfig(context.config, {
    state: createProcessState(),
    logger: { warn: (_fields, message) => warn(context.io, message), info: () => undefined },
    onProgress: ({ embedded, toEmbed }) => progress.update(embedded, toEmbed),
  });
  progress.finish();
  return mentor;
}
