// The emulator fixture: profile in the throw-away AWS files, settings applied, restored after.
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromIni } from '@aws-sdk/credential-providers';
import * as vscode from 'vscode';
import { startEmulatorFixture, withIniSection } from './emulator';

describe('Emulator fixture', () => {
  it('replaces one section of an INI file and keeps the others', () => {
    const text = '[default]\nregion = eu-west-1\n\n[profile x]\nregion = us-west-2\n';
    const updated = withIniSection(text, 'profile x', ['region = us-east-1']);
    assert.equal(updated, '[default]\nregion = eu-west-1\n\n[profile x]\nregion = us-east-1\n');
  });

  it('writes a profile, points the settings at the service, and restores both', async function () {
    this.timeout(60_000);
    const configBefore = await readFile(process.env.AWS_CONFIG_FILE ?? '', 'utf8');
    const fixture = await startEmulatorFixture({ profile: 'fixture-check', region: 'eu-west-1' });
    try {
      const settings = vscode.workspace.getConfiguration('sagemaker');
      assert.equal(settings.get('profile'), 'fixture-check');
      assert.equal(settings.get('region'), 'eu-west-1');
      const url = fixture.emulator.url;
      assert.equal(settings.get('endpointUrl'), `${url}/aws/sagemaker/{region}`);
      assert.deepEqual(settings.get('serviceEndpoints'), {
        sagemakerRuntime: `${url}/aws/runtime/{region}`,
        logs: `${url}/aws/logs/{region}`,
        s3: `${url}/aws/s3/{region}`,
        sts: `${url}/aws/sts/{region}`,
        pricing: `${url}/aws/pricing/{region}`,
        sso: `${url}/aws/sso/{region}`,
      });

      // The profile signs real SDK requests that the service accepts (the SDK caches the files it read).
      // Sent to another region than the views', so the extension's own connection check is not counted.
      const region = fixture.emulator.regions.find((name) => name !== 'eu-west-1') ?? assert.fail('the service serves one region only');
      const sts = new STSClient({ region, endpoint: fixture.emulator.endpointFor('sts', region), credentials: fromIni({ profile: 'fixture-check', ignoreCache: true }) });
      const identity = await sts.send(new GetCallerIdentityCommand({}));
      assert.equal(identity.Account, fixture.emulator.accountId);
      assert.equal(fixture.emulator.requests.list({ operation: 'GetCallerIdentity', region }).length, 1);
      assert.deepEqual(fixture.emulator.routingViolations(), []);
    } finally {
      await fixture.stop();
    }
    const settings = vscode.workspace.getConfiguration('sagemaker');
    assert.equal(settings.inspect('endpointUrl')?.globalValue, undefined);
    assert.equal(settings.inspect('profile')?.globalValue, undefined);
    assert.equal(await readFile(process.env.AWS_CONFIG_FILE ?? '', 'utf8'), configBefore);
  });
});
