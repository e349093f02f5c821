import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { defineCommand } from '../command';

/**
 * Runs `aws sso login --profile NAME` in a terminal started in the home folder (the AWS CLI opens the browser and writes
 * the token cache the SDK reads), then checks the connection again when the terminal closes.
 */
export const ssoLogin = defineCommand('sagemaker.ssoLogin', 'sign in with AWS SSO', async (services) => {
  const profile = services.session.connection.profile ?? 'default';
  if (!/^[\w.@+=,-]+$/.test(profile)) throw new Error(`The profile name "${profile}" cannot be passed to a shell safely.`);
  // The home folder, not the workspace: a workspace can bring its own `aws` (a script, a venv's
  // bin) or shell start-up files that would then see the sign-in.
  const terminal = vscode.window.createTerminal({ name: `AWS SSO login (${profile})`, iconPath: new vscode.ThemeIcon('sign-in'), cwd: homedir() });
  terminal.show();
  terminal.sendText(`aws sso login --profile ${profile}`);
  const closed = vscode.window.onDidCloseTerminal(async (closedTerminal) => {
    if (closedTerminal !== terminal) return;
    closed.dispose();
    await services.monitor.recheck();
    services.refreshAll();
  });
  services.context.subscriptions.push(closed);
  const picked = await vscode.window.showInformationMessage(
    `Complete the sign-in for profile "${profile}" in the terminal and browser, then continue.`,
    'Signed In',
  );
  if (picked) {
    await services.monitor.recheck();
    services.refreshAll();
  }
});
