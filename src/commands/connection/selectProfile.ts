import * as vscode from 'vscode';
import { describeProfile } from '../../core/aws/sharedConfig';
import { updateConnectionSetting } from '../../platform/settings';
import { defineCommand } from '../command';

interface ProfileItem extends vscode.QuickPickItem {
  readonly profile: string | undefined;
}

/** Lists the profiles the AWS shared files hold and writes the choice to `sagemaker.profile`. */
export const selectProfile = defineCommand('sagemaker.selectProfile', 'select an AWS profile', async (services) => {
  await services.applySettings();
  const { session } = services;
  const shared = session.sharedConfig;
  const current = session.connection.profile;
  const items: ProfileItem[] = [...shared.profiles.values()].map((profile) => ({
    label: profile.name,
    description: describeProfile(profile),
    detail: [profile.inConfigFile && shared.configPath, profile.inCredentialsFile && shared.credentialsPath].filter(Boolean).join(' · '),
    iconPath: new vscode.ThemeIcon(profile.name === current ? 'check' : profile.kind === 'sso' || profile.kind === 'ssoLegacy' ? 'key' : 'account'),
    profile: profile.name,
  }));
  items.push({
    label: 'Default credential chain',
    description: 'AWS_PROFILE, environment variables, the default profile, container or instance roles',
    iconPath: new vscode.ThemeIcon(current === undefined ? 'check' : 'server-environment'),
    profile: undefined,
  });
  const picked = await vscode.window.showQuickPick(items, {
    title: 'AWS profile for SageMaker',
    placeHolder: shared.profiles.size === 0 ? `No profiles in ${shared.configPath} or ${shared.credentialsPath}` : `Current: ${current ?? 'default credential chain'}`,
    matchOnDescription: true,
  });
  if (!picked) return;
  await updateConnectionSetting('profile', picked.profile);
  await services.applySettings();
});
