/**
 * @module slack-stand-in — a local, in-memory stand-in for the part of Slack our Bolt app talks to:
 * a Web API server that records every call, a workspace (channels, threads, ephemerals, streams,
 * assistant threads) with a change stream for the playground page, and signed requests to the app
 * as a simulated user. Single-instance and in-process: for tests and the playground only.
 */
import { MentorError } from '../../errors.js';
import { createAppClient, type AppClient } from './app-client.js';
import { createCallRecorder, type CallPredicate } from './call-recorder.js';
import { createChangeFeed } from './change-feed.js';
import { createResponseUrls } from './response-urls.js';
import { createSlackClock } from './slack-ids.js';
import { createSocketMode } from './socket-mode.js';
import type { EphemeralMessage, RecordedCall, SlackMessage, StandInListener } from './types.js';
import type { UserSimulator } from './simulation-types.js';
import { createUserSimulator } from './user-simulator.js';
import { createWebApiServer } from './web-api-server.js';
import { createWorkspace, type Workspace, type WorkspaceSnapshot } from './workspace.js';
import { createDefaultSeed, type WorkspaceSeed } from './workspace-seed.js';

export type * from './types.js';
export type {
  AppClient,
  AppResponse,
  EventSendOptions,
  SendOptions,
  SigningOverrides,
} from './app-client.js';
export { createAppClient } from './app-client.js';
export { computeSlackSignature, createSignatureHeaders } from './slack-request-signer.js';
export type { WorkspaceSnapshot } from './workspace.js';
export type { SeedChannel, WorkspaceSeed } from './workspace-seed.js';
export type * from './simulation-types.js';

export interface SlackStandInOptions {
  /** Port for the Web API server; 0 (default) picks a free one. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** The bot token the app must send (default `xoxb-stand-in-token`). */
  botToken?: string;
  /** The app-level token that opens Socket Mode connections (default `xapp-stand-in-token`). */
  appToken?: string;
  /** The app's signing secret, used to sign requests to it (default `stand-in-signing-secret`). */
  signingSecret?: string;
  /** The deprecated verification token Slack still puts in payloads. */
  verificationToken?: string;
  /** The app's request URL, if already known; otherwise call `connectApp()` later. */
  appRequestUrl?: string;
  /** Replaces parts of the default workspace (team, bot, users, channels, default user). */
  workspace?: Partial<WorkspaceSeed>;
  /**
   * Milliseconds clock for message timestamps and event times (default `Date.now`). Request
   * signatures always use the real time, or Bolt would reject them as stale.
   */
  now?: () => number;
  /** Errors thrown inside handlers or listeners (default: ignored; the app sees `internal_error`). */
  onError?: (error: unknown) => void;
}

export interface SlackStandIn extends Omit<UserSimulator, 'clear'> {
  readonly botToken: string;
  readonly appToken: string;
  readonly signingSecret: string;
  readonly team: Workspace['team'];
  readonly bot: Workspace['bot'];
  readonly defaultUserId: string;
  /** Base URL, e.g. `http://127.0.0.1:43121` (after `start()`). */
  readonly url: string;
  /** What to pass as `clientOptions.slackApiUrl`: `<url>/api/`. */
  readonly apiUrl: string;
  /** Starts the Web API server; resolves with `apiUrl`. */
  start(): Promise<string>;
  stop(): Promise<void>;
  /** Points the simulated user at the app (e.g. `http://127.0.0.1:<port>/slack/events`). */
  connectApp(requestUrl: string, signingSecret?: string): AppClient;
  /**
   * How the simulated user reaches the app: over Socket Mode while the app is connected that way,
   * else signed HTTP to the URL given to `connectApp` (throws when neither).
   */
  readonly app: AppClient;
  /** Resolves once the app has opened a Socket Mode connection. */
  waitForSocketMode(timeoutMs?: number): Promise<void>;
  readonly calls: readonly RecordedCall[];
  callsTo(method: string): RecordedCall[];
  waitForCall(method: string, predicate?: CallPredicate, timeoutMs?: number): Promise<RecordedCall>;
  /** Forgets recorded calls and deliveries only. */
  clearCalls(): void;
  /** Back to the seeded workspace: calls, deliveries, messages, streams, response URLs all cleared. */
  reset(): void;
  /** Every message of a channel (id or name), replies included, oldest first. */
  history(channel: string): SlackMessage[];
  /** Ephemeral messages, optionally only those shown to one user. */
  ephemerals(user?: string): EphemeralMessage[];
  /** The DM channel id between a person (default: the default user) and the bot. */
  imChannel(user?: string): string;
  snapshot(): WorkspaceSnapshot;
  /** @returns unsubscribe */
  subscribe(listener: StandInListener): () => void;
}

/**
 * @example
 * const slack = createSlackStandIn();
 * const app = new App({ token: slack.botToken, signingSecret: slack.signingSecret, botId: slack.bot.botId,
 *   botUserId: slack.bot.userId, clientOptions: { slackApiUrl: await slack.start(), retryConfig: { retries: 0 } } });
 * const server = await app.start(0);
 * slack.connectApp(`http://127.0.0.1:${server.address().port}/slack/events`);
 * await slack.postAsUser({ channel: 'general', text: `<@${slack.bot.userId}> what is backpressure?` });
 * const reply = await slack.waitForCall('chat.postMessage');
 */
export function createSlackStandIn(options: SlackStandInOptions = {}): SlackStandIn {
  const botToken = options.botToken ?? 'xoxb-stand-in-token';
  const signingSecret = options.signingSecret ?? 'stand-in-signing-secret';
  const onError = options.onError ?? (() => {});
  const now = options.now ?? Date.now;
  const feed = createChangeFeed(onError);
  const workspace = createWorkspace(createDefaultSeed(options.workspace), createSlackClock(now), feed);
  const recorder = createCallRecorder(feed);
  let baseUrl: string | undefined;
  const requireUrl = () => {
    if (baseUrl === undefined) throw new MentorError('internal', 'slack-stand-in: call start() first');
    return baseUrl;
  };
  const responseUrls = createResponseUrls(workspace, requireUrl);
  const appToken = options.appToken ?? 'xapp-stand-in-token';
  const socketMode = createSocketMode();
  const server = createWebApiServer({
    workspace,
    recorder,
    responseUrls,
    botToken,
    appToken,
    socketMode,
    onError,
  });
  let appClient: AppClient | undefined;
  const connectApp = (requestUrl: string, secret = signingSecret) =>
    (appClient = createAppClient({ requestUrl, signingSecret: secret }));
  if (options.appRequestUrl !== undefined) connectApp(options.appRequestUrl);
  const requireApp = () => {
    const app = socketMode.app ?? appClient;
    if (!app)
      throw new MentorError(
        'bad_request',
        'slack-stand-in: no app connected; call connectApp() or connect the app over Socket Mode',
      );
    return app;
  };
  const simulator = createUserSimulator({
    workspace,
    responseUrls,
    verificationToken: options.verificationToken ?? 'stand-in-verification-token',
    app: requireApp,
  });
  const resolveChannel = (channel: string) => workspace.channel(channel)?.id ?? channel;

  return {
    botToken,
    appToken,
    signingSecret,
    team: workspace.team,
    bot: workspace.bot,
    defaultUserId: workspace.defaultUserId,
    get url() {
      return requireUrl();
    },
    get apiUrl() {
      return `${requireUrl()}/api/`;
    },
    async start() {
      baseUrl ??= await server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
      return `${baseUrl}/api/`;
    },
    async stop() {
      await server.close();
      baseUrl = undefined;
    },
    connectApp,
    get app() {
      return requireApp();
    },
    waitForSocketMode: (timeoutMs) => socketMode.waitForConnection(timeoutMs),
    get calls() {
      return recorder.calls;
    },
    callsTo: recorder.callsTo,
    waitForCall: recorder.waitForCall,
    clearCalls() {
      recorder.reset();
      simulator.clear();
    },
    reset() {
      recorder.reset();
      simulator.clear();
      responseUrls.clear();
      workspace.clear();
      feed.emit({ type: 'reset' });
    },
    history: (channel) => structuredClone(workspace.messages.history(resolveChannel(channel))),
    ephemerals: (user) =>
      structuredClone(
        workspace.messages.ephemerals().filter((entry) => user === undefined || entry.recipient === user),
      ),
    imChannel(user = workspace.defaultUserId) {
      if (workspace.user(user)?.isBot !== false) {
        throw new MentorError('bad_request', `slack-stand-in: no person with id ${user}`);
      }
      return workspace.openIm(user).id;
    },
    snapshot: workspace.snapshot,
    subscribe: feed.subscribe,
    get deliveries() {
      return simulator.deliveries;
    },
    postAsUser: simulator.postAsUser,
    runSlashCommand: simulator.runSlashCommand,
    clickButton: simulator.clickButton,
    startAssistantThread: simulator.startAssistantThread,
    redeliverEvent: simulator.redeliverEvent,
  };
}
