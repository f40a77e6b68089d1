/**
 * @module slack-stand-in/methods/identity-methods — `auth.test`, `users.info` and `reactions.add`:
 * who the token is, who a user is, and the bot reacting to a message.
 */
import type { WorkspaceUser } from '../types.js';
import type { Workspace } from '../workspace.js';
import { botChannel, fail, stringArg, type MethodHandler } from './method-support.js';

const authTest: MethodHandler = ({ workspace }) => ({
  ok: true,
  url: `https://${workspace.team.domain}.slack.com/`,
  team: workspace.team.name,
  user: workspace.bot.name,
  team_id: workspace.team.id,
  user_id: workspace.bot.userId,
  bot_id: workspace.bot.botId,
  is_enterprise_install: false,
});

/** The user object Slack returns from `users.info`. */
export function userObject(workspace: Workspace, user: WorkspaceUser) {
  const profile: Record<string, unknown> = {
    real_name: user.realName,
    real_name_normalized: user.realName,
    display_name: user.isBot ? '' : user.name,
    display_name_normalized: user.isBot ? '' : user.name,
    team: workspace.team.id,
    image_48: '',
    image_72: '',
  };
  if (user.isBot)
    Object.assign(profile, {
      bot_id: workspace.bot.botId,
      api_app_id: workspace.bot.appId,
      always_active: true,
    });
  return {
    id: user.id,
    team_id: workspace.team.id,
    name: user.name,
    deleted: false,
    real_name: user.realName,
    tz: 'Europe/London',
    tz_label: 'Greenwich Mean Time',
    tz_offset: 0,
    profile,
    is_admin: false,
    is_owner: false,
    is_primary_owner: false,
    is_restricted: false,
    is_ultra_restricted: false,
    is_bot: user.isBot,
    is_app_user: false,
    updated: 0,
  };
}

const usersInfo: MethodHandler = ({ workspace, args }) => {
  const user = workspace.user(stringArg(args, 'user') ?? '');
  return user ? { ok: true, user: userObject(workspace, user) } : fail('user_not_found');
};

const reactionsAdd: MethodHandler = ({ workspace, args }) => {
  const channelArg = stringArg(args, 'channel');
  const timestamp = stringArg(args, 'timestamp');
  if (channelArg === undefined || timestamp === undefined) return fail('no_item_specified');
  const name = (stringArg(args, 'name') ?? '').replace(/^:|:$/g, '');
  if (name === '') return fail('invalid_name');
  const access = botChannel(workspace, channelArg, 'see');
  if (access.error) return access.error;
  const outcome = workspace.messages.addReaction(access.channel.id, timestamp, name, workspace.bot.userId);
  return outcome === 'ok' ? { ok: true } : fail(outcome);
};

export const identityMethods: Record<string, MethodHandler> = {
  'auth.test': authTest,
  'users.info': usersInfo,
  'reactions.add': reactionsAdd,
};
