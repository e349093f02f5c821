// The demo runs in code-server, a remote window: machine-scoped settings must be in the remote
// machine's settings file, where the window reads them, or the demo cannot connect or launch.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoSettings } from '../../host/demoSetup.mjs';
import { machineScopedKeys, settingsByFile } from '../../host/settingsFiles.mjs';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as unknown;

describe('demo settings files', () => {
  it('knows the extension\'s machine-scoped settings from its manifest', () => {
    assert.deepEqual(
      [...machineScopedKeys(manifest)].sort(),
      ['sagemaker.endpointUrl', 'sagemaker.launch.executionRoleArn', 'sagemaker.profile', 'sagemaker.serviceEndpoints'],
    );
  });

  it('puts every machine-scoped setting the demo sets in the remote machine\'s settings, the rest in user settings', () => {
    const { user, machine } = demoSettings({ url: 'http://127.0.0.1:4566', accountId: '123456789012' });
    assert.deepEqual(Object.keys(machine).sort(), ['sagemaker.endpointUrl', 'sagemaker.launch.executionRoleArn', 'sagemaker.profile', 'sagemaker.serviceEndpoints']);
    assert.equal(machine['sagemaker.launch.executionRoleArn'], 'arn:aws:iam::123456789012:role/SageMakerExecutionRole');
    assert.deepEqual(user, { 'sagemaker.region': 'us-east-1' });
  });

  it('splits by the manifest given', () => {
    assert.deepEqual(settingsByFile({ a: 1, b: 2 }, new Set(['b'])), { user: { a: 1 }, machine: { b: 2 } });
  });
});
