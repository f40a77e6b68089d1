/**
 * @module bench/cold-start — `ask` from process start to printed answer with a persisted index:
 * the built CLI (`node dist/cli.js`, how it ships) and the dev entry (`npm run mentor`, via tsx).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { percentile, round, timeEach } from './stats.js';
import type { BenchResult } from './types.js';

const run = promisify(execFile);

export async function runColdStartBench(projectRoot: string, repetitions = 7): Promise<BenchResult[]> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'mentor-bench-cold-'));
  const env = { ...process.env, MENTOR_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  const options = { cwd: projectRoot, env };
  const question = 'my node process memory keeps growing';
  try {
    await run('npx', ['tsc', '-p', 'tsconfig.build.json'], options);
    await run(process.execPath, ['dist/cli.js', 'index'], options);
    const built = await timeEach(repetitions, () =>
      run(process.execPath, ['dist/cli.js', 'ask', '--json', question], options),
    );
    const viaTsx = await timeEach(repetitions, () =>
      run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'ask', '--json', question], options),
    );
    const builtP50 = percentile(built, 0.5);
    return [
      {
        name: 'ask cold start, built CLI (node dist/cli.js) p50',
        value: round(builtP50, 0),
        unit: 'ms',
        target: '≤ 1 s',
        pass: builtP50 <= 1_000,
      },
      {
        name: 'ask cold start, dev CLI (tsx src/cli.ts) p50',
        value: round(percentile(viaTsx, 0.5), 0),
        unit: 'ms',
      },
    ];
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
