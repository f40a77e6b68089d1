/**
 * @module slack-stand-in/methods — the Web API methods the stand-in implements, by Slack method name.
 * Anything else answers `unknown_method`, as Slack does.
 */
import { assistantMethods } from './assistant-methods.js';
import { chatMethods } from './chat-methods.js';
import { conversationMethods } from './conversation-methods.js';
import { identityMethods } from './identity-methods.js';
import type { MethodHandler } from './method-support.js';
import { streamMethods } from './stream-methods.js';

export type { ApiResponse, MethodContext, MethodHandler } from './method-support.js';

export const webApiMethods: Readonly<Record<string, MethodHandler>> = {
  ...identityMethods,
  ...chatMethods,
  ...streamMethods,
  ...conversationMethods,
  ...assistantMethods,
};
