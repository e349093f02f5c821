import { strict as assert } from 'node:assert';
import type { PriceQuote } from '../../../src/core/cost/priceCatalog';
import type { App } from '../../../src/core/resources/apps';
import { domainIdleShutdown, type IdleShutdownState } from '../../../src/core/resources/idleSettings';
import type { NotebookInstance } from '../../../src/core/resources/notebookInstances';
import { presentNotebookInstance } from '../../../src/views/presenters/notebooks';
import { savingsSummary, shutdownConfirmation } from '../../../src/views/presenters/shutdown';
import { appLabel, hiddenDeletedAppsMessage, idleRows, presentApp, presentDomain, presentSpace, presentUserProfile } from '../../../src/views/presenters/studio';

const now = new Date('2026-11-20T12:00:00Z');
const live = (usdPerHour: number): PriceQuote => ({ usdPerHour, source: 'pricingApi' });
const estimate = (usdPerHour: number): PriceQuote => ({ usdPerHour, source: 'estimate', basis: 'Studio rate of 2025-12-05' });

const app = (overrides: Partial<App> = {}): App => ({
  region: 'eu-west-1',
  domainId: 'd-abc',
  spaceName: 'ana-lab',
  appType: 'JupyterLab',
  appName: 'default',
  status: 'InService',
  instanceType: 'ml.t3.medium',
  created: new Date('2026-11-20T09:55:00Z'),
  ...overrides,
});

describe('Studio presenters', () => {
  it('shows an app with its type, instance type, time running and hourly price', () => {
    const row = presentApp(app(), { quote: live(0.05), now });
    assert.equal(row.label, 'JupyterLab');
    assert.equal(row.description, 'ml.t3.medium · 2h 05m · $0.05/h');
    assert.equal(row.contextValue, 'app.InService');
    assert.deepEqual(row.icon, { id: 'vm-running', color: 'charts.green' });
    assert.match(row.tooltip ?? '', /Space: ana-lab/);
    assert.match(row.tooltip ?? '', /Hourly price: \$0\.05\/h/);
  });

  it('says an estimate is one and never shows an unknown price as $0', () => {
    assert.match(presentApp(app(), { quote: estimate(0.05), now }).description ?? '', /≈ \$0\.05\/h \(Studio rate of 2025-12-05\)$/);
    const unknown = presentApp(app({ instanceType: 'ml.p5.48xlarge' }), { quote: undefined, now });
    assert.match(unknown.description ?? '', /price unknown$/);
    assert.doesNotMatch(unknown.description ?? '', /\$0/);
  });

  it('names non-default apps, marks moving ones, and drops age and price once deleted', () => {
    assert.equal(appLabel({ appType: 'KernelGateway', appName: 'datascience-1-0-ml-t3-medium' }), 'KernelGateway datascience-1-0-ml-t3-medium');
    const deleting = presentApp(app({ status: 'Deleting' }), { quote: live(0.05), now });
    assert.equal(deleting.icon?.id, 'loading~spin');
    assert.equal(deleting.contextValue, 'app.Deleting');
    const deleted = presentApp(app({ status: 'Deleted' }), { quote: live(0.05), now });
    assert.equal(deleted.description, 'Deleted · ml.t3.medium');
    assert.equal(hiddenDeletedAppsMessage(1), '1 deleted app hidden');
    assert.equal(hiddenDeletedAppsMessage(3), '3 deleted apps hidden');
  });

  it('marks Unified Studio domains and shows the domain idle shutdown in its tooltip', () => {
    const domain = { region: 'eu-west-1', id: 'd-abc', name: 'ml-research', arn: 'arn:aws:sagemaker:eu-west-1:1:domain/d-abc', status: 'InService' };
    const idle = domainIdleShutdown('eu-west-1', 'd-abc', {
      DefaultUserSettings: { JupyterLabAppSettings: { AppLifecycleManagement: { IdleSettings: { LifecycleManagement: 'ENABLED', IdleTimeoutInMinutes: 120 } } } },
    });
    const row = presentDomain(domain, { unifiedStudio: true, idle });
    assert.equal(row.description, 'Unified Studio · d-abc');
    assert.equal(row.contextValue, 'domain.InService.unifiedStudio');
    assert.match(row.tooltip ?? '', /Idle shutdown, JupyterLab: after 2 h idle \(domain\)/);
    assert.match(row.tooltip ?? '', /Idle shutdown, CodeEditor: not set/);
    assert.equal(presentDomain(domain).contextValue, 'domain.InService');
  });

  it('shows profiles and spaces with their kind, owner and idle settings', () => {
    const profile = presentUserProfile(
      { region: 'eu-west-1', domainId: 'd-abc', name: 'ana', status: 'InService' },
      { arn: 'arn:aws:sagemaker:eu-west-1:1:user-profile/d-abc/ana', privateSpaces: 2, idle: 'access denied' },
    );
    assert.equal(profile.description, '2 private spaces');
    assert.equal(profile.contextValue, 'userProfile.InService');
    assert.match(profile.tooltip ?? '', /Idle shutdown: could not be read: access denied/);
    const space = presentSpace({ region: 'eu-west-1', domainId: 'd-abc', name: 'team-lab', displayName: 'Team lab', status: 'Updating', sharing: 'Shared', appType: 'CodeEditor' });
    assert.equal(space.label, 'Team lab');
    assert.equal(space.description, 'Updating · team-lab · shared space · CodeEditor');
    assert.equal(space.contextValue, 'space.Updating.shared');
    assert.equal(space.icon?.id, 'loading~spin');
  });

  it('describes idle settings inherited from the domain and overridden by the profile', () => {
    const state: IdleShutdownState = {
      scope: { kind: 'userProfile', region: 'eu-west-1', domainId: 'd-abc', userProfileName: 'ana' },
      levels: [
        { level: 'domain', name: 'ml', settings: { JupyterLab: { enabled: true, timeoutMinutes: 60 }, CodeEditor: { enabled: true, timeoutMinutes: 60 } } },
        { level: 'userProfile', name: 'ana', settings: { JupyterLab: { timeoutMinutes: 90 }, CodeEditor: { enabled: false } } },
      ],
      appTypes: ['JupyterLab', 'CodeEditor'],
    };
    assert.deepEqual(idleRows(state), [
      ['Idle shutdown, JupyterLab', 'after 90 min idle (user profile)'],
      ['Idle shutdown, CodeEditor', 'off (user profile)'],
    ]);
  });
});

describe('notebook instance presenter', () => {
  const instance: NotebookInstance = {
    region: 'us-east-1',
    name: 'fraud-eda',
    arn: 'arn:aws:sagemaker:us-east-1:1:notebook-instance/fraud-eda',
    status: 'InService',
    instanceType: 'ml.t3.medium',
    lifecycleConfig: 'conda-setup',
    created: new Date('2026-11-18T12:00:00Z'),
    lastModified: new Date('2026-11-20T11:00:00Z'),
  };

  it('shows status, instance type, age, price and lifecycle configuration', () => {
    const row = presentNotebookInstance(instance, { quote: estimate(0.05), now });
    assert.equal(row.label, 'fraud-eda');
    assert.equal(row.description, 'ml.t3.medium · 2d 0h · ≈ $0.05/h (Studio rate of 2025-12-05) · lifecycle: conda-setup');
    assert.equal(row.contextValue, 'notebookInstance.InService.lifecycle');
    assert.match(row.tooltip ?? '', /Running for: 1h 00m/);
    assert.match(row.tooltip ?? '', /arn:aws:sagemaker:us-east-1:1:notebook-instance\/fraud-eda/);
  });

  it('drops the price of a stopped instance and greys it out', () => {
    const row = presentNotebookInstance({ ...instance, status: 'Stopped', lifecycleConfig: undefined }, { quote: estimate(0.05), now });
    assert.equal(row.description, 'Stopped · ml.t3.medium · 2d 0h');
    assert.equal(row.contextValue, 'notebookInstance.Stopped');
    assert.deepEqual(row.icon, { id: 'notebook', color: 'disabledForeground' });
  });
});

describe('shutdown confirmations', () => {
  it('adds up what stopping saves, and says when prices are estimates or unknown', () => {
    assert.equal(savingsSummary([{ label: 'a', quote: live(0.05), billing: true }, { label: 'b', quote: live(0.2), billing: true }]), '$0.25/h');
    assert.equal(savingsSummary([{ label: 'a', quote: live(0.05), billing: true }, { label: 'b', quote: estimate(0.2), billing: true }]), '≈ $0.25/h');
    assert.equal(savingsSummary([{ label: 'a', quote: live(0.25), billing: true }, { label: 'b', quote: undefined, billing: true }]), 'at least $0.25/h (price unknown for 1)');
    assert.equal(savingsSummary([{ label: 'a', quote: undefined, billing: true }]), 'an unknown amount (price unknown for it)');
    assert.equal(savingsSummary([{ label: 'a', quote: live(1), billing: false }]), 'nothing (none of them is billing now)');
  });

  it('names every resource in the detail', () => {
    const confirmation = shutdownConfirmation({
      question: 'Shut down 2 Studio apps?',
      items: [
        { label: 'JupyterLab in space ana-lab', quote: live(0.05), billing: true },
        { label: 'CodeEditor in space bo-code', quote: undefined, billing: true },
      ],
      consequence: { one: 'Its files are kept.', many: 'Files are kept.' },
    });
    assert.equal(confirmation.message, 'Shut down 2 Studio apps?');
    assert.equal(
      confirmation.detail,
      ['• JupyterLab in space ana-lab — $0.05/h', '• CodeEditor in space bo-code — price unknown', '', 'Saves at least $0.05/h (price unknown for 1).', 'Files are kept.'].join('\n'),
    );
  });

  it('speaks of one resource in the singular, without repeating the question as a list of one', () => {
    const confirmation = shutdownConfirmation({
      question: 'Stop notebook instance fraud-eda?',
      items: [{ label: 'fraud-eda · ml.t3.medium', facts: 'ml.t3.medium', quote: live(0.05), billing: true }],
      consequence: { one: 'Its storage volume is kept.', many: 'Their storage volumes are kept.' },
    });
    assert.equal(confirmation.detail, ['ml.t3.medium. Saves $0.05/h.', 'Its storage volume is kept.'].join('\n'));
    assert.doesNotMatch(confirmation.detail, /•|fraud-eda|Their/);
    const bare = shutdownConfirmation({
      question: 'Shut down the JupyterLab app in space ana-lab · ml.t3.medium?',
      items: [{ label: 'JupyterLab in space ana-lab', quote: live(0.05), billing: true }],
      consequence: { one: 'Its files are kept.', many: 'Files are kept.' },
    });
    assert.equal(bare.detail, ['Saves $0.05/h.', 'Its files are kept.'].join('\n'));
  });
});
