/**
 * @module slack/listeners — registers every listener on the Bolt app, after the middleware that
 * drops Slack's retries of events already handled.
 */
import type { App } from '@slack/bolt';
import { createAdmission } from '../admission.js';
import type { SlackDeps } from '../deps.js';
import { dedupeEvents } from '../middleware/dedupe-events.js';
import { registerActions } from './actions.js';
import { registerAppMention } from './app-mention.js';
import { registerAskNodeCommand } from './ask-node-command.js';
import { registerAssistant } from './assistant.js';
import { registerDirectMessage } from './direct-message.js';

export function registerListeners(app: App, deps: SlackDeps): void {
  const admission = createAdmission(deps);
  app.use(dedupeEvents(deps.runtime.dedupe));
  registerAssistant(app, deps, admission);
  registerAskNodeCommand(app, deps, admission);
  registerAppMention(app, deps, admission);
  registerDirectMessage(app, deps, admission);
  registerActions(app, deps, admission);
}
