/**
 * @module retrieval/embedders/openai-embedder — OpenAI (or any OpenAI-compatible server: Ollama,
 * vLLM, LM Studio) embeddings through `@langchain/openai`.
 */
import { OpenAIEmbeddings } from '@langchain/openai';
import { MentorError } from '../../errors.js';
import type { Embedder } from '../types.js';

export const OPENAI_EMBEDDER_NAME = 'openai';

export interface OpenAIEmbedderOptions {
  apiKey: string;
  model: string;
  baseURL?: string;
  /** Vector size the model returns; probed with one call when not given. */
  dimensions?: number;
  timeoutMs: number;
  maxRetries: number;
}

/** Creates the embedder and learns its dimension (one probe call) so the index manifest can record it. */
export async function createOpenAIEmbedder(options: OpenAIEmbedderOptions): Promise<Embedder> {
  const client = new OpenAIEmbeddings({
    apiKey: options.apiKey,
    model: options.model,
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries,
    ...(options.baseURL ? { configuration: { baseURL: options.baseURL } } : {}),
  });
  const embedTexts = async (texts: string[]) => {
    try {
      return await client.embedDocuments(texts);
    } catch (error) {
      throw new MentorError(
        'provider_unavailable',
        `embeddings: the ${options.model} embeddings request failed`,
        {
          cause: error,
        },
      );
    }
  };
  const dimensions = options.dimensions ?? (await embedTexts(['dimension probe']))[0]?.length ?? 0;
  const host = options.baseURL ? new URL(options.baseURL).host : 'api.openai.com';
  return {
    id: `${OPENAI_EMBEDDER_NAME}-${host}-${options.model}-${dimensions}`,
    dimensions,
    maxBatchSize: 256,
    embedTexts,
  };
}
