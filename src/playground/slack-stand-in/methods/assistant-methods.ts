/**
 * @module slack-stand-in/methods/assistant-methods — `assistant.threads.setStatus`,
 * `setSuggestedPrompts` and `setTitle`: stored per thread and published for the playground (an empty
 * status clears it, as in Slack). The thread must be a message the bot can see (`invalid_thread_ts`).
 */
import type { JsonObject } from '../types.js';
import type { Workspace } from '../workspace.js';
import {
  arrayArg,
  botChannel,
  fail,
  missingArgument,
  stringArg,
  type ApiResponse,
  type MethodHandler,
} from './method-support.js';

function threadTarget(
  workspace: Workspace,
  args: JsonObject,
): { channel: string; threadTs: string } | { error: ApiResponse } {
  const access = botChannel(workspace, stringArg(args, 'channel_id'), 'post');
  if (access.error) return { error: access.error };
  const threadTs = stringArg(args, 'thread_ts');
  if (threadTs === undefined) return { error: missingArgument('thread_ts') };
  if (!workspace.messages.find(access.channel.id, threadTs)) return { error: fail('invalid_thread_ts') };
  return { channel: access.channel.id, threadTs };
}

const setStatus: MethodHandler = ({ workspace, args }) => {
  const target = threadTarget(workspace, args);
  if ('error' in target) return target.error;
  if (typeof args.status !== 'string') return missingArgument('status');
  const loadingMessages = arrayArg(args, 'loading_messages');
  if (loadingMessages === 'invalid') return fail('invalid_arguments');
  const changes = { status: args.status, loading_messages: (loadingMessages ?? []).map(String) };
  workspace.updateAssistantThread(target.channel, target.threadTs, changes, 'status');
  return { ok: true };
};

const setSuggestedPrompts: MethodHandler = ({ workspace, args }) => {
  const target = threadTarget(workspace, args);
  if ('error' in target) return target.error;
  const prompts = arrayArg(args, 'prompts');
  if (prompts === undefined) return missingArgument('prompts');
  if (prompts === 'invalid') return fail('invalid_arguments');
  const title = stringArg(args, 'title');
  const suggested_prompts = title === undefined ? { prompts } : { title, prompts };
  workspace.updateAssistantThread(target.channel, target.threadTs, { suggested_prompts }, 'assistant_thread');
  return { ok: true };
};

const setTitle: MethodHandler = ({ workspace, args }) => {
  const target = threadTarget(workspace, args);
  if ('error' in target) return target.error;
  const title = stringArg(args, 'title');
  if (title === undefined) return missingArgument('title');
  const root = workspace.messages.find(target.channel, target.threadTs);
  if (root?.subtype === 'assistant_app_thread') {
    const next = structuredClone(root);
    next.text = title;
    next.assistant_app_thread = { ...next.assistant_app_thread, title };
    workspace.messages.replace(target.channel, next);
  }
  workspace.updateAssistantThread(target.channel, target.threadTs, { title }, 'assistant_thread');
  return { ok: true };
};

export const assistantMethods: Record<string, MethodHandler> = {
  'assistant.threads.setStatus': setStatus,
  'assistant.threads.setSuggestedPrompts': setSuggestedPrompts,
  'assistant.threads.setTitle': setTitle,
};
