/**
 * @module test/integration/graceful-shutdown — `npm start`'s process on SIGTERM: it stops taking
 * work, finishes the answer it is computing (the model is slow on purpose), posts it, and exits 0.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackStandIn, type SlackStandIn } from '../../src/playground/slack-stand-in/index.js';
import { waitFor } from '../contracts/wait-for.js';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../support/fake-openai-server.js';
import { createReplicaWorkspace, startReplica, type ReplicaWorkspace } from '../support/replicas.js';

const signingSecret = 'graceful-shutdown-secret';
let slack: SlackStandIn;
let model: FakeOpenAIServer;
let workspace: ReplicaWorkspace;

beforeAll(async () => {
  [model, workspace] = await Promise.all([
    startFakeOpenAIServer({ delayMs: 1_500, reply: { text: 'Compare two heap snapshots [1].' } }),
    createReplicaWorkspace(),
  ]);
  slack = createSlackStandIn({ signingSecret });
  await slack.start();
});

afterAll(async () => {
  await slack?.stop();
  await model?.close();
  await workspace?.cleanup();
});

describe('graceful shutdown', () => {
  it('finishes the in-flight answer after SIGTERM, then exits 0', async () => {
    const app = await startReplica({
      name: 'single',
      role: 'all',
      env: {
        ...workspace.env,
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_SIGNING_SECRET: signingSecret,
        SLACK_API_URL: slack.apiUrl,
        PORT: '0',
        ANSWER_PROVIDER: 'openai',
        OPENAI_BASE_URL: model.url,
        OPENAI_API_KEY: 'test-key',
        SHUTDOWN_GRACE_MS: '10000',
        LOG_LEVEL: 'info',
      },
    });
    slack.connectApp(app.eventsUrl ?? '', signingSecret);
    const { message } = await slack.postAsUser({
      channel: 'general',
      text: '<@U0MENTOR> how do I find a memory leak?',
    });
    await waitFor(() => model.chatRequests().length > 0, 'the model to be asked');

    const exit = await app.stop('SIGTERM');

    expect(exit).toEqual({ code: 0, signal: null });
    const answers = slack
      .callsTo('chat.postMessage')
      .filter((call) => call.args.channel === 'C0GENERAL' && call.args.thread_ts === message.ts);
    expect(answers).toHaveLength(1);
    expect(JSON.stringify(answers[0]?.args.blocks)).toContain('Compare two heap snapshots');
    expect(app.output()).toContain('SIGTERM received, finishing in-flight answers');
  });
});
