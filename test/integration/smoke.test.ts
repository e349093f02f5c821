// The extension starts in a real VS Code, and the test host is the throw-away one it should be.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { env } from './support/environment';

const EXTENSION_ID = 'sagemaker-tools.sagemaker-companion';

describe('Smoke', () => {
  it('activates the extension', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('registers sagemaker.refresh', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('sagemaker.refresh'), 'sagemaker.refresh is not a registered command');
  });

  it('runs in a real VS Code', () => {
    assert.match(vscode.version, /^1\.\d+\.\d+/);
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { name?: string } | undefined;
    assert.equal(manifest?.name, 'sagemaker-companion');
  });
});

// Only the code-server harness builds a throw-away home; the electron launcher uses the desktop's.
const sandbox = env('sandbox');
if (sandbox) {
  describe('Test host isolation', () => {
    it('gives the extension host a throw-away HOME', () => {
      assert.ok(os.homedir().startsWith(sandbox), `HOME is ${os.homedir()}, outside the sandbox ${sandbox}`);
    });

    it('points the AWS shared files into that HOME, with no AWS variables leaking in', () => {
      for (const name of ['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE']) {
        const file = process.env[name];
        assert.ok(file !== undefined && file.startsWith(path.join(os.homedir(), '.aws')), `${name} is ${file}`);
        assert.ok(existsSync(file), `${file} does not exist`);
      }
      for (const name of ['AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_ENDPOINT_URL']) {
        assert.equal(process.env[name], undefined, `${name} leaked into the test host`);
      }
    });
  });
}
