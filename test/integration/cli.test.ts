/**
 * The `node-mentor` CLI contract, on the real process: `ask --json`, `ask --batch`, `search`,
 * `index`, usage errors and exit codes. Later tooling and the eval parse this output exactly.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANALYSIS_FINGERPRINT } from '../../src/retrieval/text-analysis.js';
import { runCli } from '../support/run-cli.js';

describe('the node-mentor CLI', () => {
  let dataDir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'mentor-cli-'));
    env = { MENTOR_DATA_DIR: dataDir };
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('ask --json builds the index on first use and prints exactly the contract shape', async () => {
    const run = await runCli(['ask', '--json', 'my node process memory keeps growing'], { env });
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0] ?? '') as Record<string, unknown> & {
      sources: Record<string, unknown>[];
    };
    expect(Object.keys(result).sort()).toEqual(['answer', 'provider', 'question', 'sources', 'timings_ms']);
    expect(result.question).toBe('my node process memory keeps growing');
    expect(result.provider).toEqual({ answer: 'offline', embedder: `local-v1-512-${ANALYSIS_FINGERPRINT}` });
    expect(Object.keys(result.timings_ms as object).sort()).toEqual(['generate', 'retrieve', 'total']);
    expect(result.sources.length).toBeGreaterThan(0);
    expect(result.sources[0]?.path).toBe('memory-leaks.md');
    expect(Object.keys(result.sources[0] ?? {}).sort()).toEqual(['heading', 'path', 'score', 'title']);
  });

  it('ask declines an off-topic question with no sources', async () => {
    const run = await runCli(['ask', '--json', 'what is a good lasagna recipe?'], { env });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ sources: [] });
  });

  it('ask --batch - answers each JSON line with its id, and a bad line gets an error line', async () => {
    const stdin = [
      JSON.stringify({ id: 'a', question: 'how do I find what blocks the event loop?' }),
      'not json at all',
      JSON.stringify({ id: 7, question: 42 }),
      JSON.stringify({ id: 'b', question: 'who won the world cup?' }),
    ].join('\n');
    const run = await runCli(['ask', '--batch', '-'], { env, stdin });
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => line.id)).toEqual(['a', null, 7, 'b']);
    expect(lines[0]).toMatchObject({
      sources: expect.arrayContaining([expect.objectContaining({ path: 'event-loop.md' })]),
    });
    expect(lines[1]).toMatchObject({
      error: { code: 'bad_request', message: expect.stringMatching(/line 2/) },
    });
    expect(lines[2]).toMatchObject({ error: { code: 'bad_request' } });
    expect(lines[3]).toMatchObject({ sources: [] });
    expect(run.code).toBe(1);
  });

  it('exits 0 quietly when the reader of its output goes away (ask … | head -1)', async () => {
    const stdin = Array.from({ length: 200 }, (_, index) =>
      JSON.stringify({ id: index, question: 'how do I find a memory leak?' }),
    ).join('\n');
    const run = await runCli(['ask', '--batch', '-'], { env, stdin, closeStdoutAfterFirstChunk: true });
    expect(run.stderr).not.toMatch(/EPIPE|Error/);
    expect(run.code).toBe(0);
  });

  it('search --json -k 2 returns the two best sections', async () => {
    const run = await runCli(['search', '--json', '-k', '2', 'graceful shutdown on SIGTERM'], { env });
    expect(run.code).toBe(0);
    const { results } = JSON.parse(run.stdout) as { results: { path: string }[] };
    expect(results).toHaveLength(2);
    expect(results[0]?.path).toBe('clustering-pm2-shutdown.md');
  });

  it('index exits 1 and lists a malformed playbook while indexing the others', async () => {
    const run = await runCli(['index'], { env: { ...env, MENTOR_KNOWLEDGE_DIR: 'test/fixtures/playbooks' } });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/indexed 2 playbooks/);
    expect(run.stderr).toMatch(/broken-front-matter\.md:4: invalid YAML/);
  });

  it('exits 2 with usage for unknown flags, missing arguments and unknown commands', async () => {
    for (const args of [['ask', '--bogus', 'x'], ['ask'], ['search'], ['index', 'extra'], ['frobnicate']]) {
      const run = await runCli(args, { env });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(/Usage: node-mentor/);
      expect(run.stdout).toBe('');
    }
  });

  it('names every bad setting and exits 1 on invalid config', async () => {
    const run = await runCli(['search', 'heap'], {
      env: { ...env, EMBEDDINGS_PROVIDER: 'magic', PORT: 'x' },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/EMBEDDINGS_PROVIDER/);
    expect(run.stderr).toMatch(/PORT/);
  });

  it('prints help for each command with exit 0', async () => {
    const run = await runCli(['index', '--help'], { env });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/--force/);
  });
});
