/**
 * @module test/e2e/playground — the playground in a real browser: the whole app (Bolt over HTTP,
 * the Slack stand-in, the worker, the page server) started in-process with `createApp`, driven by
 * headless Chromium through `playwright-core`. Clicks and typing go through the page exactly as a
 * developer's would. A missing browser fails the run: this suite never skips.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type MentorApp } from '../../src/app/create-app.js';
import { loadConfig } from '../../src/config/index.js';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../support/fake-openai-server.js';

const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const REPOSITORY = fileURLToPath(new URL('../../', import.meta.url));
const SCREENSHOTS = path.join(REPOSITORY, 'test-results', 'playground');
/** Set by `PLAYGROUND_DOCS_SCREENSHOT=1` to refresh `docs/playground.png` from this run. */
const DOCS_SCREENSHOT = path.join(REPOSITORY, 'docs', 'playground.png');
/** How long one step may wait for the page (ms); generous, since it only bounds a failure. */
const STEP_TIMEOUT_MS = 15_000;

interface RunningApp {
  app: MentorApp;
  url: string;
  stop(): Promise<void>;
}

/** The whole app as `npm start` runs it without Slack credentials, on free ports, in a temp dir. */
async function startPlayground(extraEnv: Record<string, string> = {}): Promise<RunningApp> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'node-mentor-e2e-'));
  const config = loadConfig(
    { MENTOR_DATA_DIR: dataDir, PLAYGROUND_PORT: '0', PORT: '0', LOG_LEVEL: 'silent', ...extraEnv },
    { cwd: REPOSITORY, dotenv: false },
  );
  const app = await createApp(config, { slackClientOptions: { retryConfig: { retries: 0 } } });
  const { urls } = await app.start();
  if (!urls.playground) throw new Error('the app started without a playground URL');
  return {
    app,
    url: urls.playground,
    async stop() {
      await app.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM_PATH}; install it (apt-get install chromium)`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** Launched once; awaited by every test, so a missing browser fails each test instead of skipping it. */
let browser: Promise<Browser>;
let playground: RunningApp;
let context: BrowserContext | undefined;
let pageErrors: string[] = [];

beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  browser = launchChromium();
  browser.catch(() => undefined);
  playground = await startPlayground();
});

afterAll(async () => {
  await (await browser?.catch(() => undefined))?.close();
  await playground?.stop();
});

afterEach(async ({ task }) => {
  const page = context?.pages()[0];
  if (task.result?.state === 'fail' && page) {
    const name = `failed-${task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`;
    await screenshot(page, name).catch(() => undefined);
  }
  await context?.close();
  context = undefined;
  expect(pageErrors, 'uncaught errors in the page').toEqual([]);
});

/** A fresh browser (context) with one tab on the playground, once its first state has loaded. */
async function openPage(url = playground.url, hash = ''): Promise<Page> {
  context = await (await browser).newContext({ viewport: { width: 1280, height: 860 } });
  pageErrors = [];
  return openTab(context, url, hash);
}

/** Another tab in `browserContext`, following the live change stream. */
async function openTab(browserContext: BrowserContext, url: string, hash = ''): Promise<Page> {
  const page = await browserContext.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${url}/${hash}`);
  await page.locator('body[data-ready="true"]').waitFor();
  await page.locator('[data-testid="connection"][data-state="live"]').waitFor();
  return page;
}

async function type(page: Page, text: string, composer = 'composer'): Promise<void> {
  const input = page.getByTestId(`${composer}-input`);
  await input.fill(text);
  await input.press('Enter');
  // Cleared once the server took the message (a refused one stays, with the reason under the box).
  await expect.poll(() => input.inputValue(), { timeout: STEP_TIMEOUT_MS }).toBe('');
}

const messages = (scope: Locator) => scope.locator('[data-testid="message"]');
const botMessages = (scope: Locator) => scope.locator('[data-testid="message"][data-author="bot"]');
/** Bot answers: messages that list their sources. */
const answers = (scope: Locator) =>
  botMessages(scope).filter({ has: scope.page().locator('[data-block-id="sources"]') });
const button = (message: Locator, label: string) =>
  message.locator('[data-testid="block-button"]').filter({ hasText: label });

async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

describe('playground in a browser', () => {
  it('answers /ask-node with sources, takes 👍, and answers a follow-up mention in the thread', async () => {
    const page = await openPage();
    const list = page.getByTestId('message-list');
    const question = 'How do I find a memory leak?';

    await type(page, `/ask-node ${question}`);
    const answer = answers(list).filter({ hasText: question });
    await answer.waitFor();
    expect(await answer.count()).toBe(1);
    const sources = answer.locator('[data-block-id="sources"]');
    expect(await sources.innerText()).toMatch(/Sources[\s\S]*memory-leaks\.md/);
    expect(await answer.locator('[data-block-type="section"]').count()).toBeGreaterThan(0);
    expect(await answer.locator('pre.code-block').count()).toBeGreaterThan(0);

    // The command's immediate reply is ephemeral and marked as such.
    const thinking = list
      .locator('[data-testid="message"][data-ephemeral="true"]')
      .filter({ hasText: `Thinking about “${question}”` });
    await thinking.getByTestId('ephemeral-note').waitFor();
    expect(await thinking.getByTestId('ephemeral-note').innerText()).toContain('Only visible to you');
    await thinking.getByTestId('dismiss-ephemeral').click();
    await thinking.waitFor({ state: 'detached' });
    // The message list scrolls inside the page: grow the window so the whole answer is in the picture.
    const listHeight = await list.evaluate((element) => element.scrollHeight);
    await page.setViewportSize({ width: 1280, height: Math.min(listHeight + 200, 2_400) });
    const shot = await screenshot(page, 'ask-node-answer');
    if (process.env.PLAYGROUND_DOCS_SCREENSHOT === '1') await copyFile(shot, DOCS_SCREENSHOT);
    await page.setViewportSize({ width: 1280, height: 860 });

    // 👍 is acknowledged privately in the answer's thread.
    await button(answer, 'Helpful').first().click();
    await answer.getByTestId('open-thread').filter({ hasText: 'only visible to you' }).waitFor();
    await answer.getByTestId('open-thread').click();
    const thread = page.getByTestId('thread-list');
    await page.getByTestId('thread-pane').waitFor();
    const thanks = messages(thread).filter({ hasText: 'Thanks for the 👍' });
    await thanks.waitFor();
    expect(await thanks.getAttribute('data-ephemeral')).toBe('true');

    // A follow-up by mention in the thread is answered in the thread, not in the channel.
    const topLevelAnswers = await answers(list).count();
    await type(page, '@mentor can you show an example of a heap snapshot?', 'thread-composer');
    const followUp = messages(thread).filter({ hasText: 'can you show an example of a heap snapshot?' });
    await followUp.waitFor();
    expect(await followUp.getAttribute('data-author')).toBe('person');
    await answers(thread).nth(1).waitFor();
    await followUp.getByTestId('reaction').filter({ hasText: '👀' }).waitFor();
    expect(await answers(list).count()).toBe(topLevelAnswers);
    await screenshot(page, 'follow-up-in-thread');
  });

  it('posts today’s tip and answers “Tell me more” in the tip’s thread', async () => {
    const page = await openPage();
    const list = page.getByTestId('message-list');
    await page.getByTestId('post-tip').click();
    await page.getByTestId('toast').filter({ hasText: 'Tip of the day posted in #general' }).waitFor();
    const tip = botMessages(list).filter({ hasText: 'Tip of the day' }).last();
    await tip.waitFor();

    await button(tip, 'Tell me more').click();
    await tip.getByTestId('open-thread').filter({ hasText: '1 reply' }).waitFor();
    await tip.getByTestId('open-thread').click();
    const thread = page.getByTestId('thread-list');
    await answers(thread).first().waitFor();
    expect(await messages(thread).first().innerText()).toContain('Tip of the day');
    await screenshot(page, 'tip-tell-me-more');
  });

  it('shows HTML and <script> typed into messages as literal text, and runs none of it', async () => {
    const page = await openPage();
    const list = page.getByTestId('message-list');
    const hostile =
      '<script>window.__playgroundXss = "script"</script><img src=x onerror="window.__playgroundXss = \'img\'"> <b>not bold</b> & done';

    await type(page, hostile);
    const mine = messages(list).filter({ hasText: 'not bold' });
    await mine.waitFor();
    expect(await mine.getByTestId('message-content').innerText()).toBe(hostile);

    // The app echoes the question in its answer; that must stay text too.
    await type(page, '/ask-node <img src=x onerror="window.__playgroundXss = 1"> what is backpressure?');
    const answer = botMessages(list)
      .filter({ hasText: 'asked:' })
      .filter({ hasText: 'what is backpressure?' });
    await answer.waitFor();
    expect(await answer.innerText()).toContain('img src=x onerror="window.__playgroundXss = 1"');

    expect(await list.locator('script, img, b, iframe').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __playgroundXss?: unknown }).__playgroundXss)).toBe(
      undefined,
    );
    await screenshot(page, 'html-as-text');
  });

  it('wraps a very long message and refuses one longer than Slack allows', async () => {
    const page = await openPage();
    const list = page.getByTestId('message-list');
    const long = `long-${'x'.repeat(5_000)}-end`;
    await type(page, long);
    const shown = messages(list).filter({ hasText: '-end' }).last();
    await shown.waitFor();
    const overflows = await list.evaluate((element) => element.scrollWidth > element.clientWidth);
    expect(overflows).toBe(false);

    const input = page.getByTestId('composer-input');
    await input.fill('y'.repeat(40_001));
    await input.press('Enter');
    await page.getByTestId('composer-error').filter({ hasText: 'message too long' }).waitFor();
    expect(await input.inputValue()).toHaveLength(40_001);
  });

  it('answers an unknown slash command, and /ask-node in a thread, as Slackbot does', async () => {
    const page = await openPage();
    const list = page.getByTestId('message-list');
    await type(page, '/deploy production');
    const error = messages(list).filter({ hasText: '/deploy is not a valid command' });
    await error.waitFor();
    expect(await error.getAttribute('data-ephemeral')).toBe('true');
    expect(await error.locator('.author').innerText()).toBe('Slackbot');

    await type(page, 'a message to reply to');
    const parent = messages(list).filter({ hasText: 'a message to reply to' });
    await parent.hover(); // the 💬 button shows on hover, as in Slack
    await parent.getByTestId('reply-in-thread').click();
    await type(page, '/ask-node what is a stream?', 'thread-composer');
    await messages(page.getByTestId('thread-list'))
      .filter({ hasText: '/ask-node is not supported in threads' })
      .waitFor();
    await screenshot(page, 'slackbot-errors');
  });

  it('shows what happens in one tab in another tab, live', async () => {
    const page = await openPage();
    const other = await openTab(page.context(), playground.url);
    await type(page, 'hello from the first tab');
    await messages(other.getByTestId('message-list'))
      .filter({ hasText: 'hello from the first tab' })
      .waitFor();
  });

  it('answers a plain direct message in the DM', async () => {
    const page = await openPage();
    await page.getByTestId('nav-dm').click();
    const list = page.getByTestId('message-list');
    await type(page, 'How do I shut down gracefully on SIGTERM?');
    const question = messages(list).filter({ hasText: 'shut down gracefully on SIGTERM?' });
    await question.waitFor();
    expect(await question.getAttribute('data-author')).toBe('person');
    await answers(list).filter({ hasText: 'SIGTERM' }).first().waitFor();
    await screenshot(page, 'direct-message');
  });

  it('answers once when a follow-up button or 👍 is clicked five times fast', async () => {
    const page = await openPage();
    const list = page.getByTestId('message-list');
    await type(page, '/ask-node How do I find what blocks the event loop?');
    const answer = answers(list).filter({ hasText: 'blocks the event loop?' });
    await answer.waitFor();
    const followUpButton = answer
      .locator('[data-block-id="follow_ups"] [data-testid="block-button"]')
      .first();
    const followUpQuestion = await followUpButton.getAttribute('data-value');
    const thumbsUp = button(answer, 'Helpful').first();

    // Five fast clicks through the page (the button greys out after the first) …
    await followUpButton.click({ clickCount: 5 });
    await thumbsUp.click({ clickCount: 5 });
    // … and five requests at once that bypass the page's guard, as a double-submitting client would.
    const ts = await answer.getAttribute('data-ts');
    const actionId = await followUpButton.getAttribute('data-action-id');
    const statuses = await page.evaluate(
      async ({ ts, actionId, value }) => {
        const click = (body: object) =>
          fetch('/api/click', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          }).then((response) => response.status);
        const channel = 'C0GENERAL';
        return Promise.all([
          ...Array.from({ length: 5 }, () =>
            click({ channel, message_ts: ts, action_id: actionId, value, block_id: 'follow_ups' }),
          ),
          ...Array.from({ length: 5 }, () =>
            click({ channel, message_ts: ts, action_id: 'feedback_up', value: 'x', block_id: 'feedback' }),
          ),
        ]);
      },
      { ts, actionId, value: followUpQuestion },
    );
    expect(statuses).toEqual(Array(10).fill(200));

    await answer.getByTestId('open-thread').click();
    const thread = page.getByTestId('thread-list');
    // The thread pane shows the answer itself first, then the follow-up's answer.
    await answers(thread).nth(1).waitFor();
    // A later question, answered after any duplicate would have been: then count.
    await type(page, '/ask-node what is backpressure in streams?');
    await answers(list).filter({ hasText: 'backpressure in streams?' }).last().waitFor();
    expect(
      await messages(thread)
        .filter({ hasText: `asked: ${followUpQuestion}` })
        .count(),
    ).toBe(1);
    expect(await answers(thread).count()).toBe(2);
    expect(await messages(thread).filter({ hasText: 'Thanks for the 👍' }).count()).toBe(1);
    await screenshot(page, 'rapid-clicks');
  });
});

/**
 * Runs in the page (a string, since this project compiles without DOM types): records every text the
 * streamed message shows while its cursor is on, however briefly, in `__streamedTexts`.
 */
const RECORD_STREAMED_TEXTS = `(() => {
  const seen = (globalThis.__streamedTexts = []);
  new MutationObserver(() => {
    const cursor = document.querySelector('[data-testid="streaming"]');
    const text = cursor?.closest('[data-testid="message-content"]')?.textContent;
    if (text && seen.at(-1) !== text) seen.push(text);
  }).observe(document.body, { childList: true, subtree: true });
})()`;

describe('playground with a streaming model', () => {
  let model: FakeOpenAIServer;
  let streaming: RunningApp;

  beforeAll(async () => {
    const words = Array.from({ length: 120 }, (_, index) => `word${index}`).join(' ');
    const answer = `Streams apply **backpressure** [1]. ${words} The end.`;
    model = await startFakeOpenAIServer({
      // The assistant thread has history (the greeting), so the mentor first asks for a standalone question.
      reply: (body) =>
        body.messages?.some((message) => message.content.includes('standalone question'))
          ? { text: 'What is backpressure in Node.js streams?' }
          : { text: answer },
      chunkDelayMs: 10,
    });
    streaming = await startPlayground({
      ANSWER_PROVIDER: 'openai',
      OPENAI_API_KEY: 'test-key',
      OPENAI_BASE_URL: model.url,
      OPENAI_MAX_RETRIES: '0',
    });
  });

  afterAll(async () => {
    await streaming?.stop();
    await model?.close();
  });

  it('shows the answer growing live in the assistant pane, then complete', async () => {
    const page = await openPage(streaming.url, '#/assistant');
    await page.getByTestId('assistant-new-chat').click();
    await page.getByTestId('suggested-prompts').waitFor();
    await page.evaluate(RECORD_STREAMED_TEXTS);
    await type(page, 'What is backpressure?');
    const list = page.getByTestId('message-list');
    const answer = botMessages(list).filter({ hasText: 'The end.' });
    await answer.locator('[data-block-id="sources"]').waitFor();
    expect(await answer.getByTestId('streaming').count()).toBe(0);
    const seen = await page.evaluate(
      () => (globalThis as { __streamedTexts?: string[] }).__streamedTexts ?? [],
    );
    expect(seen.some((text) => text.includes('backpressure') && !text.includes('The end.'))).toBe(true);
    await screenshot(page, 'streamed-answer');
  });
});
