/**
 * @module retrieval/embedders — picks the embedder named by config.
 */
import type { Config } from '../../config/index.js';
import type { Embedder } from '../types.js';
import { createLocalEmbedder } from './local-embedder.js';

export async function createEmbedder(config: Pick<Config, 'embeddings' | 'openai'>): Promise<Embedder> {
  if (config.embeddings.provider === 'local') return createLocalEmbedder();
  const { createOpenAIEmbedder } = await import('./openai-embedder.js');
  return createOpenAIEmbedder({
    apiKey: config.openai.apiKey ?? '',
    model: config.embeddings.model,
    baseURL: config.openai.baseURL,
    timeoutMs: config.openai.timeoutMs,
    maxRetries: config.openai.maxRetries,
  });
}
