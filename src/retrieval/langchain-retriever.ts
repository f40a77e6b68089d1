/**
 * @module retrieval/langchain-retriever — the hybrid search as a LangChain `BaseRetriever`, so it
 * plugs into LCEL chains. Each document carries the chunk's citation metadata.
 */
import { Document } from '@langchain/core/documents';
import { BaseRetriever, type BaseRetrieverInput } from '@langchain/core/retrievers';
import { headingLabel } from './chunk-playbook.js';
import type { HybridSearch } from './hybrid-search.js';

export interface MentorRetrieverInput extends BaseRetrieverInput {
  search: HybridSearch;
  /** Sections per query. */
  k: number;
}

export class MentorRetriever extends BaseRetriever {
  lc_namespace = ['node_mentor', 'retrievers'];
  private readonly hybrid: HybridSearch;
  private readonly k: number;

  constructor(input: MentorRetrieverInput) {
    super(input);
    this.hybrid = input.search;
    this.k = input.k;
  }

  override async _getRelevantDocuments(query: string): Promise<Document[]> {
    const hits = await this.hybrid.search(query, { limit: this.k });
    return hits.map(
      ({ chunk, score }) =>
        new Document({
          pageContent: chunk.text,
          id: chunk.id,
          metadata: {
            title: chunk.playbookTitle,
            path: chunk.path,
            heading: headingLabel(chunk.headingPath),
            anchor: chunk.anchor,
            score,
          },
        }),
    );
  }
}
