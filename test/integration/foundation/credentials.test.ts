// Credentials as a user meets them: an SSO profile whose IAM Identity Center is in another region
// than the one the views look at, against the local service in strict routing (each service and
// region at its own address, SSO only in its sso_region); a malformed AWS config file; the SSO
// sign-in terminal.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { startEmulator, type Emulator } from '../../emulator';
import { updateSettings } from '../support/settings';
import { ui } from '../support/ui';
import { waitFor } from '../support/wait';

const EXTENSION_ID = 'sagemaker-tools.sagemaker-companion';
const STUDIO = 'Studio';
const SETTING_KEYS = ['sagemaker.profile', 'sagemaker.region', 'sagemaker.endpointUrl', 'sagemaker.serviceEndpoints'];

interface CompanionApi {
  readonly services: { readonly views: ReadonlyMap<string, { readonly treeView: vscode.TreeView<unknown> }> };
}

async function companion(): Promise<CompanionApi> {
  const extension = vscode.extensions.getExtension<CompanionApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  return extension.activate();
}

function sharedFile(variable: 'AWS_CONFIG_FILE' | 'AWS_SHARED_CREDENTIALS_FILE'): string {
  const file = process.env[variable];
  if (!file) throw new Error(`${variable} is not set: the harness points it at a throw-away file`);
  return file;
}

async function studioRows(): Promise<string[]> {
  const rows = await ui().treeRows(STUDIO);
  return rows.filter((row) => row.level === 1).map((row) => row.label);
}

describe('Foundation: credentials and where requests go', function () {
  this.timeout(120_000);
  let emulator: Emulator;
  let previousConfig: string;
  let previousCredentials: string;
  let previousSettings: Record<string, unknown>;

  before(async () => {
    emulator = await startEmulator({ data: 'demo', routing: 'strict', ssoRegions: ['eu-central-1'] });
    previousConfig = await readFile(sharedFile('AWS_CONFIG_FILE'), 'utf8');
    previousCredentials = await readFile(sharedFile('AWS_SHARED_CREDENTIALS_FILE'), 'utf8');
    previousSettings = Object.fromEntries(SETTING_KEYS.map((key) => [key, vscode.workspace.getConfiguration().inspect(key)?.globalValue]));
    await ui().openViewContainer('SageMaker');
    await ui().openView('sagemaker.studio', STUDIO);
  });

  after(async () => {
    await updateSettings(previousSettings);
    await writeFile(sharedFile('AWS_CONFIG_FILE'), previousConfig);
    await writeFile(sharedFile('AWS_SHARED_CREDENTIALS_FILE'), previousCredentials);
    await emulator.stop();
  });

  it('signs in with an SSO profile whose sso_region differs from the views region, and lists, with no routing violation', async () => {
    const session = `corp-${Date.now()}`;
    const token = `integration-sso-${session}`;
    const startUrl = 'https://corp.awsapps.com/start';
    await writeFile(
      sharedFile('AWS_CONFIG_FILE'),
      [
        '[profile sso-ml]',
        `sso_session = ${session}`,
        `sso_account_id = ${emulator.accountId}`,
        'sso_role_name = DataScientist',
        'region = eu-west-1',
        `[sso-session ${session}]`,
        `sso_start_url = ${startUrl}`,
        'sso_region = eu-central-1',
        'sso_registration_scopes = sso:account:access',
        '',
      ].join('\n'),
    );
    // What `aws sso login` leaves behind: the token cache in the home folder.
    const cache = join(homedir(), '.aws', 'sso', 'cache');
    await mkdir(cache, { recursive: true });
    await writeFile(
      join(cache, `${createHash('sha1').update(session).digest('hex')}.json`),
      JSON.stringify({ accessToken: token, expiresAt: new Date(Date.now() + 3_600_000).toISOString(), region: 'eu-central-1', startUrl }),
    );
    emulator.sso.registerToken(token, { accountId: emulator.accountId, roleName: 'DataScientist' });

    await updateSettings({
      'sagemaker.profile': 'sso-ml',
      'sagemaker.region': 'eu-west-1',
      'sagemaker.endpointUrl': emulator.endpointTemplate('sagemaker'),
      'sagemaker.serviceEndpoints': {
        sagemakerRuntime: emulator.endpointTemplate('runtime'),
        logs: emulator.endpointTemplate('logs'),
        s3: emulator.endpointTemplate('s3'),
        sts: emulator.endpointTemplate('sts'),
        pricing: emulator.endpointTemplate('pricing'),
        sso: emulator.endpointTemplate('sso'),
      },
    });
    const expected = emulator.state.list('domain', 'eu-west-1').map((domain) => (domain as { DomainName: string }).DomainName);
    assert.ok(expected.length > 0, 'the demo data has a domain in eu-west-1');
    await waitFor(async () => {
      const rows = await studioRows();
      return expected.every((name) => rows.includes(name));
    }, {
      timeout: 45_000,
      message: `the Studio view never listed ${expected.join(', ')} as the SSO profile`,
    });
    const signedIn = emulator.requests.list({ operation: 'GetCallerIdentity' });
    assert.ok(signedIn.length > 0 && signedIn.every((record) => record.errorCode === undefined), 'the identity check went through with the SSO credentials');
    assert.deepEqual(emulator.routingViolations(), [], 'every request went to the address of its own service and region');
  });

  it('shows what is wrong in a malformed AWS config file, and where, and keeps working', async () => {
    const { views } = (await companion()).services;
    const configFile = sharedFile('AWS_CONFIG_FILE');
    const good = await readFile(configFile, 'utf8');
    const lines = good.replace(/\n*$/, '').split('\n');
    await writeFile(configFile, `${lines.join('\n')}\nthis line is not ini\n[profile broken\n`);
    const problemLine = lines.length + 1;
    const expected = `AWS shared file problem: ${configFile} line ${problemLine}: the line is not a key = value pair; it is ignored. (and 1 more; see the SageMaker log)`;
    try {
      await waitFor(() => [...views.values()].every((view) => view.treeView.message === expected), {
        timeout: 30_000,
        message: `the views never showed "${expected}" (they show "${[...views.values()][0]?.treeView.message ?? ''}")`,
      });
      const [notification] = await ui().notifications({ message: expected, timeout: 15_000 });
      assert.deepEqual(notification?.buttons, ['Open File']);
      // The rest of the file still applies: the view still lists as the SSO profile.
      const rows = await studioRows();
      assert.ok(rows.length > 0, 'the Studio view still lists');
    } finally {
      await writeFile(configFile, good);
      await ui().clearNotifications();
    }
    await waitFor(() => [...views.values()].every((view) => view.treeView.message === undefined), {
      timeout: 30_000,
      message: 'the views kept the problem message after the file was fixed',
    });
  });

  it('starts the SSO sign-in terminal in the home folder, not the workspace', async () => {
    const opened = new Promise<vscode.Terminal>((resolve) => {
      const subscription = vscode.window.onDidOpenTerminal((terminal) => {
        if (!terminal.name.startsWith('AWS SSO login')) return;
        subscription.dispose();
        resolve(terminal);
      });
    });
    const running = vscode.commands.executeCommand('sagemaker.ssoLogin');
    const terminal = await opened;
    try {
      assert.equal(terminal.name, 'AWS SSO login (sso-ml)');
      const cwd = (terminal.creationOptions as vscode.TerminalOptions).cwd;
      assert.equal(typeof cwd === 'string' ? cwd : cwd?.fsPath, homedir());
      assert.notEqual(homedir(), vscode.workspace.workspaceFolders?.[0]?.uri.fsPath);
    } finally {
      terminal.dispose();
      await ui().notifications({ message: /Complete the sign-in for profile "sso-ml"/, timeout: 15_000 });
      await ui().clearNotifications();
      await running;
    }
  });
});
