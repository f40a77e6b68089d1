/**
 * @module test/unit/manifest — `manifest.yml` matches what the app listens for: the slash command it
 * registers, the events its listeners need, one request path for everything, the minimal scopes.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ASK_NODE_COMMAND } from '../../src/slack/listeners/ask-node-command.js';

interface Manifest {
  features: {
    slash_commands: Array<{ command: string; url: string; usage_hint?: string }>;
    assistant_view?: { suggested_prompts?: Array<{ title: string; message: string }> };
    bot_user?: { display_name?: string };
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
  };
}

const manifest = parse(await readFile(new URL('../../manifest.yml', import.meta.url), 'utf8')) as Manifest;

describe('manifest.yml', () => {
  it('declares the slash command the app registers, with a usage hint', () => {
    const [command] = manifest.features.slash_commands;
    expect(command?.command).toBe(ASK_NODE_COMMAND);
    expect(command?.usage_hint).toMatch(/help.*topics.*tip/);
  });

  it('subscribes to every event the listeners handle, and sends everything to /slack/events', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([
      'app_mention',
      'assistant_thread_context_changed',
      'assistant_thread_started',
      'message.im',
    ]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    const urls = [
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
      ...manifest.features.slash_commands.map((command) => command.url),
    ];
    for (const url of urls) expect(new URL(url).pathname).toBe('/slack/events');
  });

  it('asks for the minimal bot scopes and offers suggested prompts in the assistant view', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([
      'app_mentions:read',
      'assistant:write',
      'channels:history',
      'chat:write',
      'commands',
      'groups:history',
      'im:history',
      'reactions:write',
    ]);
    expect(manifest.features.assistant_view?.suggested_prompts?.length).toBeGreaterThanOrEqual(2);
  });
});
