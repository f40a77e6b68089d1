/**
 * @module slack/listeners/assistant — the Slack assistant pane (Bolt's `Assistant`): a greeting
 * with suggested prompts when a thread starts, a "thinking" status while the worker answers, and
 * thread context kept per thread in the state store (Bolt's default store is shared).
 */
import { Assistant, type App } from '@slack/bolt';
import type { AdmissionGate } from '../admission.js';
import type { SlackDeps } from '../deps.js';
import { describeFailure } from '../failure-reply.js';
import { isFromBot } from '../is-from-bot.js';
import { renderRateLimited } from '../render/index.js';
import { questionText } from '../text.js';
import { admitMessageQuestion, type PersonMessage } from './message-question.js';

export const SUGGESTED_PROMPTS = [
  {
    title: 'Memory keeps growing',
    message: 'My Node process memory keeps growing until it gets OOMKilled. Where do I start?',
  },
  {
    title: 'Event loop is blocked',
    message: 'Our API freezes for seconds under load. How do I find what blocks the event loop?',
  },
  {
    title: 'Graceful shutdown',
    message: 'How do we shut down gracefully on SIGTERM in Kubernetes without dropping requests?',
  },
  {
    title: 'Retries and idempotency',
    message: 'Our queue consumer processes some messages twice. How do we make it idempotent?',
  },
];

/**
 * How long the channel a user was viewing when they opened an assistant thread is remembered.
 * Without a limit the state store would keep one entry per assistant thread for ever.
 */
const THREAD_CONTEXT_TTL_SECONDS = 30 * 24 * 60 * 60;

type ThreadContextStore = NonNullable<ConstructorParameters<typeof Assistant>[0]['threadContextStore']>;

function threadKey(payload: unknown): string {
  const value = payload as {
    assistant_thread?: { channel_id?: string; thread_ts?: string };
    channel?: string;
    thread_ts?: string;
  };
  const channel = value.assistant_thread?.channel_id ?? value.channel ?? '';
  const thread = value.assistant_thread?.thread_ts ?? value.thread_ts ?? '';
  return `assistant-context:${channel}:${thread}`;
}

function createThreadContextStore(deps: SlackDeps): ThreadContextStore {
  return {
    async get({ payload }) {
      return (await deps.runtime.state.get(threadKey(payload))) ?? {};
    },
    async save({ payload }) {
      const context =
        (payload as { assistant_thread?: { context?: unknown } }).assistant_thread?.context ?? {};
      await deps.runtime.state.set(threadKey(payload), context, { ttlSeconds: THREAD_CONTEXT_TTL_SECONDS });
    },
  };
}

export function registerAssistant(app: App, deps: SlackDeps, gate: AdmissionGate): void {
  const assistant = new Assistant({
    threadContextStore: createThreadContextStore(deps),
    threadStarted: async ({ say, setSuggestedPrompts, saveThreadContext }) => {
      await saveThreadContext();
      await say(
        `Hi, I'm ${deps.mentor.persona.displayName}. Ask me anything about building and running Node.js services.`,
      );
      await setSuggestedPrompts({ prompts: SUGGESTED_PROMPTS, title: 'Try one of these:' });
    },
    threadContextChanged: async ({ saveThreadContext }) => {
      await saveThreadContext();
    },
    userMessage: async ({ message, body, context, setStatus, say }) => {
      const userMessage = message as PersonMessage;
      if (isFromBot(userMessage, context.botUserId) || !userMessage.user) return;
      try {
        const question = questionText(userMessage.text ?? '');
        if (question === '') return;
        await setStatus('is thinking…');
        const admission = await admitMessageQuestion(gate, {
          surface: 'assistant',
          message: { ...userMessage, user: userMessage.user },
          question,
          body,
          threadTs: userMessage.thread_ts ?? userMessage.ts,
        });
        if (!admission.admitted) await say(renderRateLimited(admission.retryAfterMs));
      } catch (error) {
        const failure = describeFailure(deps, error, 'assistant message');
        await say({ text: failure.text, blocks: failure.blocks }).catch(() => undefined);
      }
    },
  });
  app.assistant(assistant);
}
