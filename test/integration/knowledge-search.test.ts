/**
 * One Slack-style question per shipped playbook: the top search result must come from it.
 * Guards the playbooks' wording and the retrieval tuning together.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalEmbedder } from '../../src/retrieval/embedders/local-embedder.js';
import { openKnowledgeBase, type KnowledgeBase } from '../../src/retrieval/index.js';
import { MentorRetriever } from '../../src/retrieval/langchain-retriever.js';

const QUESTIONS: Record<string, string> = {
  'event-loop': 'our API stops responding for seconds whenever someone uploads a big JSON file',
  'memory-leaks': 'my node process memory keeps growing until it dies',
  'cpu-profiling': 'how do I get a flame graph of where the CPU time goes?',
  'worker-threads':
    'image resizing is CPU heavy and stalls every other request, how do I move it off the main thread?',
  'streams-backpressure': 'piping a huge file to the response uses tons of memory, what about backpressure?',
  'async-error-handling': 'an unhandled promise rejection crashed prod, how should async errors be handled?',
  'debugging-method': 'what is a good step by step approach to debugging a bug I cannot reproduce locally?',
  'performance-method': 'how should we approach performance work so we measure before optimizing?',
  'production-diagnostics':
    'the service crashed at 3am, what should we capture before restarting? diagnostic report or core dump?',
  'http-frameworks': 'should we pick express or fastify for a new service?',
  'rest-api-design': 'how do we version our REST API and paginate list endpoints?',
  graphql: 'our graphql resolvers hit the database once per item, the n+1 problem',
  authentication: 'how long should JWT access tokens live and where do refresh tokens go?',
  'rate-limiting': 'someone is hammering our login endpoint, how do we throttle them across replicas?',
  'input-validation-owasp': 'how do I validate request bodies and stop injection attacks?',
  'dependency-security': 'npm audit shows critical vulnerabilities in our dependencies, what now?',
  'database-pooling': 'we get timeouts acquiring a postgres connection from the pool under load',
  'redis-caching': 'when the cache expires every instance hits the database at once, a cache stampede',
  'messaging-queues': 'our queue consumer processes the same message twice, retries and dead letter queue',
  microservices: 'how do we keep data consistent across microservices without distributed transactions?',
  'realtime-websockets': 'socket.io works on one server but messages get lost when we scale to several',
  'clustering-pm2-shutdown': 'how do we shut down gracefully on SIGTERM without dropping requests?',
  'containers-kubernetes':
    'our pods get OOMKilled in kubernetes even though heap looks small, how do we size memory limits?',
  serverless: 'lambda cold starts make our first request slow',
  observability: 'how should we set up structured logging, metrics and tracing?',
  testing: 'how do I write integration tests for my express API with supertest?',
  'typescript-patterns': 'how do I type environment config safely in a typescript service?',
  'code-review-standards': 'what should I look for when reviewing a junior developer pull request?',
};

describe('search over the shipped playbooks', () => {
  let root: string;
  let base: KnowledgeBase;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'mentor-knowledge-'));
    base = await openKnowledgeBase({
      knowledgeDir: fileURLToPath(new URL('../../knowledge/', import.meta.url)),
      indexDir: root,
      embedder: createLocalEmbedder(),
    });
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('has a question for every playbook', () => {
    expect(Object.keys(QUESTIONS).sort()).toEqual(base.playbooks.map((playbook) => playbook.id).sort());
  });

  it('puts the right playbook first for each topic', async () => {
    const misses: string[] = [];
    for (const [playbookId, question] of Object.entries(QUESTIONS)) {
      const [top] = await base.search.search(question, { limit: 3 });
      if (top?.chunk.playbookId !== playbookId)
        misses.push(`${playbookId}: "${question}" → ${top?.chunk.id ?? 'nothing'}`);
    }
    expect(misses).toEqual([]);
  });

  it('retrieves nothing for off-topic questions', async () => {
    for (const question of [
      'what is a good lasagna recipe?',
      'who won the 2022 world cup final?',
      'write me a poem about autumn leaves',
    ]) {
      expect(await base.search.search(question, { limit: 3 }), question).toEqual([]);
    }
  });

  it('serves as a LangChain retriever: cited documents for a question, none off topic', async () => {
    const retriever = new MentorRetriever({ search: base.search, k: 2 });
    const documents = await retriever.invoke(QUESTIONS['memory-leaks'] ?? '');
    expect(documents).toHaveLength(2);
    expect(documents[0]?.metadata).toMatchObject({
      path: 'memory-leaks.md',
      title: expect.stringMatching(/memory/i),
      heading: expect.any(String),
      anchor: expect.any(String),
      score: expect.any(Number),
    });
    expect(documents[0]?.pageContent.length).toBeGreaterThan(100);
    expect(await retriever.invoke('what is a good lasagna recipe?')).toEqual([]);
  });
});
