/**
 * @module test/support/fake-openai-server — a local OpenAI-compatible HTTP server for tests and
 * benches: `/v1/chat/completions` (JSON, or SSE when `stream: true`) and `/v1/embeddings`. It
 * records every request and can be told to delay, stall or fail, so the real `@langchain/openai`
 * client can be exercised without a network.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  /** Parsed JSON body. */
  body: ChatRequestBody & Record<string, unknown>;
}

export interface ChatRequestBody {
  model?: string;
  stream?: boolean;
  messages?: { role: string; content: string }[];
  input?: string | string[];
}

export interface FakeReply {
  /** Text the assistant answers; streamed in `chunks` pieces (default: split after each space). */
  text: string;
  chunks?: string[];
}

export interface FakeOpenAIOptions {
  /** What to answer; a function sees the request (e.g. to answer the condense step differently). */
  reply?: FakeReply | ((body: ChatRequestBody) => FakeReply);
  /** Delay before the response starts, in ms. */
  delayMs?: number;
  /** Delay between SSE chunks, in ms. */
  chunkDelayMs?: number;
  /** Embedding vector size. Default 16. */
  dimensions?: number;
}

export interface FakeFailure {
  /** HTTP status to answer with, or `stall` to send headers and then nothing. */
  status: number | 'stall';
  /** Extra response headers, e.g. `{ 'retry-after': '0' }`. */
  headers?: Record<string, string>;
  /** Stall after this many SSE chunks instead of before the first (with `status: 'stall'`). */
  afterChunks?: number;
  /** The error body's message (default `fake failure <status>`), e.g. a provider echoing the key. */
  message?: string;
}

export interface FakeOpenAIServer {
  /** Base URL including `/v1`, e.g. `http://127.0.0.1:41234/v1`. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Chat requests only. */
  chatRequests(): RecordedRequest[];
  /** The next `count` chat requests fail this way (queued in order). */
  failNext(count: number, failure: FakeFailure): void;
  /** Changes options for the following requests. */
  configure(options: FakeOpenAIOptions): void;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startFakeOpenAIServer(initial: FakeOpenAIOptions = {}): Promise<FakeOpenAIServer> {
  let options: FakeOpenAIOptions = { ...initial };
  const requests: RecordedRequest[] = [];
  const failures: FakeFailure[] = [];
  const open = new Set<ServerResponse>();

  const server = createServer((request, response) => {
    open.add(response);
    response.on('close', () => open.delete(response));
    void handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: String(error) } }));
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as RecordedRequest['body'];
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    requests.push({ path, headers: request.headers, body });
    if (options.delayMs) await sleep(options.delayMs);

    if (path === '/v1/embeddings') return sendEmbeddings(response, body, options.dimensions ?? 16);
    if (path !== '/v1/chat/completions')
      return sendJson(response, 404, { error: { message: `no route ${path}` } });

    const failure = failures.shift();
    if (failure && failure.status !== 'stall') {
      return sendJson(
        response,
        failure.status,
        { error: { message: failure.message ?? `fake failure ${failure.status}`, type: 'server_error' } },
        failure.headers,
      );
    }
    const reply =
      typeof options.reply === 'function'
        ? options.reply(body)
        : (options.reply ?? { text: 'Fake answer [1].' });
    const pieces = reply.chunks ?? reply.text.split(/(?<= )/);
    if (!body.stream) {
      if (failure) return; // stall: never answer
      return sendJson(response, 200, completion(body, reply.text));
    }
    response.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    const send = (data: unknown) => response.write(`data: ${JSON.stringify(data)}\n\n`);
    send(chunkOf(body, { role: 'assistant', content: '' }, null));
    for (const [index, piece] of pieces.entries()) {
      if (failure && index >= (failure.afterChunks ?? 0)) return; // stall mid-stream
      if (options.chunkDelayMs) await sleep(options.chunkDelayMs);
      send(chunkOf(body, { content: piece }, null));
    }
    if (failure) return;
    send(chunkOf(body, {}, 'stop'));
    response.end('data: [DONE]\n\n');
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    chatRequests: () => requests.filter((request) => request.path === '/v1/chat/completions'),
    failNext(count, failure) {
      for (let index = 0; index < count; index += 1) failures.push(failure);
    },
    configure(next) {
      options = { ...options, ...next };
    },
    async close() {
      for (const response of open) response.destroy();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

function completion(body: ChatRequestBody, text: string) {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: 0,
    model: body.model ?? 'fake',
    choices: [
      { index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop', logprobs: null },
    ],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

function chunkOf(body: ChatRequestBody, delta: Record<string, unknown>, finishReason: string | null) {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: 0,
    model: body.model ?? 'fake',
    choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
  };
}

function sendEmbeddings(response: ServerResponse, body: RecordedRequest['body'], dimensions: number): void {
  const inputs = Array.isArray(body.input) ? body.input : [body.input ?? ''];
  const base64 = body['encoding_format'] === 'base64';
  const data = inputs.map((text, index) => {
    const vector = vectorOf(String(text), dimensions);
    const embedding = base64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
    return { object: 'embedding', index, embedding };
  });
  sendJson(response, 200, {
    object: 'list',
    data,
    model: body.model ?? 'fake',
    usage: { prompt_tokens: 1, total_tokens: 1 },
  });
}

/** A deterministic unit vector from the text's hash. */
function vectorOf(text: string, dimensions: number): number[] {
  const digest = createHash('sha256').update(text).digest();
  const vector = Array.from(
    { length: dimensions },
    (_, index) => (digest[index % digest.length] ?? 0) / 255 - 0.5,
  );
  const norm = Math.hypot(...vector) || 1;
  return vector.map((value) => value / norm);
}
