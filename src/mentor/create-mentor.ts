/**
 * @module mentor/create-mentor — the `MentorService` every surface calls: `ask` / `askStream`
 * (guardrails, follow-up condensation, retrieval, generation), `explain` for a tip's "Tell me
 * more", the topic list and the tip-of-the-day rotation.
 */
import type { AnswerGenerator, GenerationRequest, SectionLookup } from '../answer/types.js';
import { MentorError } from '../errors.js';
import type { Chunk, HybridSearch, PlaybookSummary } from '../retrieval/index.js';
import { elapsedSince, emitWhole } from './answer-parts.js';
import { createAskPipeline, generate, type MentorLogger } from './ask-pipeline.js';
import { missingSectionAnswer } from './canned-answers.js';
import type { Persona } from './persona.js';
import { createTipRotation, type TipRotation } from './tips.js';
import { createTopicality } from './topicality.js';
import type {
  Answer,
  AnswerEvent,
  AskInput,
  KeyValueState,
  MentorService,
  Tip,
  TopicSummary,
} from './types.js';

export interface CreateMentorOptions {
  persona: Persona;
  /** The opened knowledge base (see `openKnowledgeBase`), or the parts of it the mentor reads. */
  knowledge: {
    playbooks: readonly PlaybookSummary[];
    search: HybridSearch;
    /** Every indexed section, in playbook and document order. */
    knowledge: { chunks: readonly Chunk[] };
    embedder: { id: string };
  };
  generator: AnswerGenerator;
  /** Tips of the day; `nextTip` rejects when there are none. */
  tips?: readonly Tip[];
  /** Where the tip rotation persists what it gave. */
  state: KeyValueState;
  /** Sections retrieved per question (`RETRIEVAL_TOP_K`). */
  topK: number;
  logger?: MentorLogger;
}

/**
 * @example
 * const mentor = createMentor({ persona, knowledge, generator: createOfflineGenerator(), state, topK: 4 });
 * const answer = await mentor.ask({ question: 'Why does my heap keep growing?' });
 */
export function createMentor(options: CreateMentorOptions): MentorService {
  const { persona, generator, logger } = options;
  const lookup = createSectionLookup(options.knowledge.knowledge.chunks);
  const provider = { answer: generator.id, embedder: options.knowledge.embedder.id };
  const askStream = createAskPipeline({
    persona,
    search: options.knowledge.search,
    lookup,
    topicality: createTopicality(options.knowledge.knowledge.chunks),
    generator,
    embedderId: options.knowledge.embedder.id,
    topK: options.topK,
    logger,
  });
  const topics: TopicSummary[] = options.knowledge.playbooks.map(({ id, title, summary, tags }) => ({
    id,
    title,
    summary,
    tags,
  }));
  let rotation: TipRotation | undefined;

  async function* explainStream(ref: string, signal?: AbortSignal): AsyncGenerator<AnswerEvent> {
    const started = performance.now();
    const [playbookId = '', anchor] = ref.split('#', 2);
    const playbook = lookup.sectionsOf(playbookId);
    const parts = anchor ? playbook.filter((chunk) => chunk.anchor === anchor) : playbook.slice(0, 1);
    const first = parts[0];
    if (!first) {
      const canned = missingSectionAnswer(ref);
      return yield* emitWhole({
        ...canned,
        question: ref,
        sources: [],
        confidence: 'none',
        notices: [],
        provider,
        timings: { retrieveMs: 0, generateMs: 0, totalMs: elapsedSince(started) },
      });
    }
    const heading = first.headingPath.at(-1) ?? first.playbookTitle;
    const question = `Tell me more about "${heading}" (${first.playbookTitle}).`;
    const request: GenerationRequest = {
      question,
      query: question,
      history: [],
      sections: parts
        .filter((chunk) => chunk.id === first.id || chunk.id.startsWith(`${first.id}~`))
        .map((chunk) => ({ chunk, score: 1, similarity: 1, coverage: 1 })),
      mode: 'explain',
      confidence: 'high',
      persona,
      lookup,
      signal,
    };
    const retrieveMs = elapsedSince(started);
    yield* generate(generator, request, provider, { notices: [], started, retrieveMs });
  }

  return {
    persona: persona.info,
    ask: (input: AskInput) => finalAnswer(askStream(input)),
    askStream,
    explain: (ref, signal) => finalAnswer(explainStream(ref, signal)),
    topics: () => topics.map((topic) => ({ ...topic, tags: [...topic.tags] })),
    async nextTip(scope) {
      if (!options.tips || options.tips.length === 0) {
        throw new MentorError(
          'knowledge_invalid',
          'tips: there are no tips of the day (add them under knowledge/tips/)',
        );
      }
      rotation ??= createTipRotation({ tips: [...options.tips], state: options.state });
      return rotation.next(scope);
    },
  };
}

/** Every section of a playbook in document order, from the indexed chunks. */
export function createSectionLookup(chunks: readonly Chunk[]): SectionLookup {
  const byPlaybook = new Map<string, Chunk[]>();
  for (const chunk of chunks) {
    const list = byPlaybook.get(chunk.playbookId) ?? [];
    list.push(chunk);
    byPlaybook.set(chunk.playbookId, list);
  }
  return { sectionsOf: (playbookId) => byPlaybook.get(playbookId) ?? [] };
}

async function finalAnswer(events: AsyncIterable<AnswerEvent>): Promise<Answer> {
  for await (const event of events) if (event.type === 'done') return event.answer;
  throw new MentorError('internal', 'mentor: the answer stream ended without an answer');
}
