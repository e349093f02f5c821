import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { costSettingKeys, effectiveValue, parseCostSettings } from '../../../src/core/cost/settings';

const manifest = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
  capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
  contributes: { configuration: Array<{ properties: Record<string, unknown> }> | { properties: Record<string, unknown> } };
};

describe('cost settings', () => {
  it('ignores workspace values in an untrusted workspace: a cloned repository cannot turn the guard off', () => {
    const inspected = { defaultValue: true, workspaceValue: false };
    assert.equal(effectiveValue(inspected, true), false);
    assert.equal(effectiveValue(inspected, false), true);
    assert.equal(effectiveValue({ defaultValue: 8, globalValue: 4, workspaceFolderValue: 0 }, false), 4);
    const untrusted = parseCostSettings((key) => effectiveValue({ defaultValue: key === 'enabled' ? true : undefined, workspaceValue: key === 'enabled' ? false : 0 }, false));
    assert.equal(untrusted.enabled, true);
    assert.equal(untrusted.warnAfterHours.endpoints, 24);
  });

  it('falls back on the default for a value missing or out of range', () => {
    const settings = parseCostSettings((key) => ({ pollIntervalMinutes: 0, regions: ['eu-west-1', 3], enabled: 'no' })[key as string]);
    assert.equal(settings.pollIntervalMs, 5 * 60_000);
    assert.deepEqual(settings.regions, ['eu-west-1']);
    assert.equal(settings.enabled, true);
  });

  it('lists every cost setting, and only existing ones, as restricted in untrusted workspaces', () => {
    const sections = Array.isArray(manifest.contributes.configuration) ? manifest.contributes.configuration : [manifest.contributes.configuration];
    const declared = sections.flatMap((section) => Object.keys(section.properties)).filter((key) => key.startsWith('sagemaker.cost.'));
    assert.deepEqual(declared.sort(), costSettingKeys.map((key) => `sagemaker.cost.${key}`).sort());
    const restricted = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
    for (const key of declared) assert.ok(restricted.includes(key), `${key} is restricted`);
  });
});
