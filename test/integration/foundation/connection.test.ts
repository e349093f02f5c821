// The foundation as a user meets it: the views with the local service's demo data, the
// connection they look at, and what each connection problem looks like (never a crash).
import * as assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { startEmulator, type Emulator } from '../../emulator';
import { emulatorSettings, useEmulator, withIniSection } from '../support/emulator';
import { updateSettings } from '../support/settings';
import { ui } from '../support/ui';
import { waitFor } from '../support/wait';

const STUDIO = 'Studio';
/** The label of the row the Studio view shows in place of its domains when listing them failed. */
const LISTING_FAILED = /^Could not list the Studio domains/;

/** The domain names of a region as the service holds them, worked out from its own state. */
function domainNames(emulator: Emulator, region: string): string[] {
  return emulator.state
    .list('domain', region)
    .map((domain) => (domain as { DomainName: string }).DomainName)
    .sort();
}

async function studioRows(): Promise<string[]> {
  const rows = await ui().treeRows(STUDIO);
  return rows.filter((row) => row.level === 1).map((row) => row.label);
}

/** Waits until the Studio view lists the region's first domain, as the service holds it. */
async function untilDomainsListed(emulator: Emulator, region: string, message: string): Promise<void> {
  const first = domainNames(emulator, region)[0]!;
  await waitFor(async () => (await studioRows()).includes(first), { timeout: 30_000, message: `${message} (no ${first})` });
}

/** The description VS Code renders next to each SageMaker view's title. */
async function viewDescriptions(): Promise<string[]> {
  return ui().text('.pane-header .description');
}

/** A row's hover text once it says `pattern` (a hover can land on something else first). */
function tooltipSaying(label: string, pattern: RegExp): Promise<string> {
  return waitFor(
    async () => {
      const tooltip = await ui().treeItemTooltip(STUDIO, label);
      return pattern.test(tooltip) ? tooltip : undefined;
    },
    { timeout: 30_000, message: `the tooltip of "${label}" never said ${pattern}` },
  );
}

async function refreshViews(): Promise<void> {
  await vscode.commands.executeCommand('sagemaker.refresh');
}

async function appendProfile(header: string, lines: string[], file: 'AWS_CONFIG_FILE' | 'AWS_SHARED_CREDENTIALS_FILE' = 'AWS_CONFIG_FILE'): Promise<() => Promise<void>> {
  const path = process.env[file]!;
  const previous = await readFile(path, 'utf8');
  await writeFile(path, withIniSection(previous, header, lines));
  return () => writeFile(path, previous);
}

describe('Foundation: connection and views', function () {
  this.timeout(120_000);
  const service = useEmulator({ data: 'demo' });

  before(async () => {
    await ui().openViewContainer('SageMaker');
    await ui().openView('sagemaker.studio', STUDIO);
  });

  afterEach(async () => {
    service().emulator.access.clear();
    const { emulator, profile, region } = service();
    await updateSettings(emulatorSettings(emulator, profile, region));
    await refreshViews();
    // The next test starts from a view that has listed again, not from a listing still under way.
    await untilDomainsListed(emulator, region, 'the Studio view never listed the domains again');
  });

  it('shows the demo account’s Studio domains, and says which profile, region and endpoint it looks at', async () => {
    const { emulator, profile, region } = service();
    const expected = domainNames(emulator, region);
    assert.ok(expected.length > 0, 'the demo data has domains');
    const shown = await waitFor(async () => {
      const rows = await studioRows();
      return expected.every((name) => rows.includes(name)) ? rows : undefined;
    }, { timeout: 30_000, message: `the Studio view never showed ${expected.join(', ')}` });
    assert.deepEqual([...shown].sort(), expected);
    const host = new URL(emulator.url).host;
    const descriptions = await viewDescriptions();
    assert.ok(descriptions.includes(`${profile} · ${region} · ${host}`), `view descriptions: ${descriptions.join(' | ')}`);
  });

  it('follows a region change: the other region’s domains, and the description says so', async () => {
    const { emulator, profile } = service();
    await updateSettings({ 'sagemaker.region': 'eu-west-1' });
    const expected = domainNames(emulator, 'eu-west-1');
    await waitFor(async () => {
      const rows = await studioRows();
      return rows.length === expected.length && expected.every((name) => rows.includes(name));
    }, { timeout: 30_000, message: 'the Studio view did not switch to eu-west-1' });
    const descriptions = await viewDescriptions();
    assert.ok(descriptions.some((d) => d.startsWith(`${profile} · eu-west-1`)), descriptions.join(' | '));
  });

  it('shows an error row, not a crash, when the service denies the listing; Retry lists again once allowed', async () => {
    const { emulator, region } = service();
    emulator.access.deny({ operation: 'ListDomains' });
    await refreshViews();
    const row = await ui().treeItem(STUDIO, LISTING_FAILED, { timeout: 30_000 });
    assert.equal(row.description, 'access denied');
    const tooltip = await tooltipSaying(row.label, /sagemaker:ListDomains/);
    assert.match(tooltip, /Ask your AWS administrator|choose another profile/);
    // The other views keep working while this one is denied.
    await ui().openView('sagemaker.notebookInstances', 'Notebook Instances');
    const notebooks = emulator.state.list('notebookInstance', region).map((n) => (n as { NotebookInstanceName: string }).NotebookInstanceName);
    await ui().treeItem('Notebook Instances', notebooks[0]!, { timeout: 30_000 });

    emulator.access.clear();
    await ui().clickTreeItem(STUDIO, row.label);
    await untilDomainsListed(emulator, region, 'Retry did not list the domains');
  });

  it('shows an error row naming the endpoint when the service is down', async () => {
    // A port that was just free: nothing answers there.
    const gone = await startEmulator({ data: 'empty' });
    const url = gone.url;
    await gone.stop();
    await updateSettings({ 'sagemaker.endpointUrl': url });
    await refreshViews();
    const row = await ui().treeItem(STUDIO, LISTING_FAILED, { timeout: 60_000 });
    const tooltip = await tooltipSaying(row.label, new RegExp(`endpoint ${url.replace(/[.]/g, '\\.')} could not be reached`));
    assert.match(tooltip, /sagemaker\.endpointUrl/);
  });

  it('names an unknown profile and sends nothing', async () => {
    const { emulator } = service();
    await updateSettings({ 'sagemaker.profile': 'no-such-profile' });
    const refreshNamingTheProfile = async (): Promise<void> => {
      await refreshViews();
      const row = await ui().treeItem(STUDIO, LISTING_FAILED, { timeout: 30_000 });
      await tooltipSaying(row.label, /"no-such-profile" does not exist/);
    };
    await refreshNamingTheProfile();
    // Counted from here: a request the previous profile had under way may still land before the
    // switch shows. From now on, the connection check and every view's listing must send nothing.
    const since = Date.now();
    await refreshNamingTheProfile();
    const sent = emulator.requests.list({ since }).map((request) => `${request.service}:${request.operation}`);
    assert.deepEqual(sent, []);
  });

  it('shows the sign-in welcome for a profile without credentials', async () => {
    const restore = await appendProfile('profile empty', ['region = us-east-1']);
    try {
      await updateSettings({ 'sagemaker.profile': 'empty' });
      await refreshViews();
      const welcome = await waitFor(async () => {
        const content = await ui().viewWelcome(STUDIO);
        return content.text.some((line) => /No AWS credentials were found/.test(line)) ? content : undefined;
      }, { timeout: 30_000, message: 'no welcome content for missing credentials' });
      assert.ok(welcome.buttons.includes('Select AWS Profile'), welcome.buttons.join(', '));
    } finally {
      await restore();
    }
  });

  it('offers AWS SSO sign-in for an SSO profile that is not signed in, running aws sso login in a terminal', async () => {
    const restore = await appendProfile('profile corp-sso', [
      'sso_start_url = https://corp.awsapps.com/start',
      'sso_region = us-east-1',
      `sso_account_id = ${service().emulator.accountId}`,
      'sso_role_name = DataScientist',
      'region = us-east-1',
    ]);
    try {
      await updateSettings({ 'sagemaker.profile': 'corp-sso' });
      await refreshViews();
      const welcome = await waitFor(async () => {
        const content = await ui().viewWelcome(STUDIO);
        return content.text.some((line) => /SSO session for this profile has expired/.test(line)) ? content : undefined;
      }, { timeout: 30_000, message: 'no welcome content for the expired SSO session' });
      assert.ok(welcome.buttons.includes('Sign In with AWS SSO'), welcome.buttons.join(', '));
      await ui().clickViewWelcomeButton(STUDIO, 'Sign In with AWS SSO');
      const terminal = await waitFor(() => vscode.window.terminals.find((t) => t.name === 'AWS SSO login (corp-sso)'), {
        timeout: 20_000,
        message: 'no sign-in terminal was opened',
      });
      await ui().notifications({ message: /Complete the sign-in for profile "corp-sso"/ });
      await ui().clearNotifications();
      terminal.dispose();
    } finally {
      await restore();
    }
  });
});
