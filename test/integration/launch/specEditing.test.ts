// Spec files as a user edits them, in a real VS Code (a remote window: code-server): the execution
// role and the connection come from where a remote window keeps machine-scoped settings, and the
// advice says so; a refused launch of unsaved edits leaves the file on disk as it was; a
// "did you mean ..." problem has a quick fix that applies the suggestion.
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { remoteMachineSettingsFile, updateSettings } from '../support/settings';
import { ui } from '../support/ui';
import { waitFor } from '../support/wait';
import { ROLE, startLaunchFixture, type LaunchFixture } from './launchFixture';

const validSpec = [
  'TrainingJobName: edit-${timestamp}',
  'RoleArn: ${role}',
  'AlgorithmSpecification:',
  '  TrainingImage: ${image:xgboost:1.7-1}',
  '  TrainingInputMode: File',
  'OutputDataConfig:',
  '  S3OutputPath: s3://${defaultBucket}/edit/',
  'ResourceConfig:',
  '  InstanceType: ml.m5.xlarge',
  '  InstanceCount: 1',
  '  VolumeSizeInGB: 10',
  'StoppingCondition: { MaxRuntimeInSeconds: 600 }',
].join('\n');

const diagnosticsOf = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri);

describe('Editing spec files', function () {
  this.timeout(120_000);
  let fixture: LaunchFixture;

  before(async () => {
    fixture = await startLaunchFixture();
    // VS Code in a browser saves after a delay by default; these tests are about unsaved edits.
    await updateSettings({ 'files.autoSave': 'off' });
  });
  after(async () => {
    await updateSettings({ 'files.autoSave': undefined });
    await fixture?.dispose();
  });
  beforeEach(() => {
    fixture.emulator.requests.clear();
  });
  afterEach(async () => {
    // Unsaved edits would make closing the editors ask; drop them.
    for (const document of vscode.workspace.textDocuments) {
      if (!document.isDirty) continue;
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it('runs in a remote window, with the machine-scoped settings in the remote machine\'s settings file', async () => {
    assert.ok(vscode.env.remoteName, 'the integration host is a remote window (code-server)');
    const file = remoteMachineSettingsFile();
    assert.ok(file);
    const machine = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    assert.equal(machine['sagemaker.launch.executionRoleArn'], ROLE);
    assert.equal(machine['sagemaker.endpointUrl'], fixture.emulator.endpointTemplate('sagemaker'));
    assert.equal(machine['sagemaker.profile'], 'emulator');
  });

  it('takes ${role} from the remote machine\'s settings, and advises the Remote settings when it is missing', async () => {
    const [path] = await fixture.write({ 'edit/role.training.yaml': validSpec.replace('ml.m5.xlarge', 'ml.m5.xlarg') });
    const uri = vscode.Uri.file(path!);
    await vscode.window.showTextDocument(uri);
    // The typo shows the spec was checked; the role resolved, so no problem is about it.
    const checked = await waitFor(() => (diagnosticsOf(uri).length > 0 ? diagnosticsOf(uri) : undefined), { message: 'diagnostics on role.training.yaml' });
    assert.deepEqual(
      checked.map((diagnostic) => diagnostic.message),
      ['"ml.m5.xlarg" is not a valid ResourceConfig.InstanceType; did you mean "ml.m5.xlarge"?'],
    );

    await updateSettings({ 'sagemaker.launch.executionRoleArn': undefined });
    try {
      const advice = await waitFor(() => diagnosticsOf(uri).find((diagnostic) => diagnostic.message.startsWith('${role} needs an execution role')), {
        message: 'the missing-role problem',
      });
      assert.equal(advice.message, '${role} needs an execution role: set sagemaker.launch.executionRoleArn in your Remote settings, or write the role ARN here.');
      assert.equal(advice.range.start.line, 1);
    } finally {
      await updateSettings({ 'sagemaker.launch.executionRoleArn': ROLE });
    }
  });

  it('refuses a launch of unsaved invalid edits without writing them to disk, naming the file once', async () => {
    const [path] = await fixture.write({ 'edit/unsaved.training.yaml': validSpec });
    const uri = vscode.Uri.file(path!);
    const editor = await vscode.window.showTextDocument(uri);
    const line = editor.document.lineAt(8); // '  InstanceType: ml.m5.xlarge'
    assert.equal(line.text, '  InstanceType: ml.m5.xlarge');
    await editor.edit((edit) => edit.replace(line.range, '  InstanceType: ml.m5.huge'));
    assert.ok(editor.document.isDirty);

    const result = await vscode.commands.executeCommand('sagemaker.launchSpec', uri);
    assert.equal(result, undefined);
    const [shown] = await ui().notifications({ message: /^Could not launch unsaved\.training\.yaml/ });
    assert.match(shown!.message, /^Could not launch unsaved\.training\.yaml: line 9: "ml\.m5\.huge" is not a valid ResourceConfig\.InstanceType/);
    assert.equal(shown!.message.split('unsaved.training.yaml').length - 1, 1, `the file is named more than once: ${shown!.message}`);
    assert.deepEqual(shown!.buttons, ['Show Problems']);
    // The file on disk is as it was; the edits are still in the editor, unsaved.
    assert.equal(await readFile(path!, 'utf8'), validSpec);
    assert.ok(editor.document.isDirty);
    assert.match(editor.document.getText(), /ml\.m5\.huge/);
    for (const operation of ['CreateTrainingJob', 'PutObject', 'CreateMultipartUpload']) {
      assert.equal(fixture.emulator.requests.list({ operation }).length, 0, `${operation} was sent`);
    }
  });

  it('offers the "did you mean" suggestion as a quick fix, for instance types and member names', async () => {
    const text = validSpec.replace('ml.m5.xlarge', 'ml.m5.xlarg').replace('  TrainingInputMode: File', '  TrainingInputMod: File');
    const [path] = await fixture.write({ 'edit/typos.training.yaml': text });
    const uri = vscode.Uri.file(path!);
    const editor = await vscode.window.showTextDocument(uri);
    const diagnostics = await waitFor(() => (diagnosticsOf(uri).length >= 2 ? diagnosticsOf(uri) : undefined), { message: 'two problems on typos.training.yaml' });
    const instanceType = diagnostics.find((diagnostic) => /did you mean "ml\.m5\.xlarge"/.test(diagnostic.message));
    const member = diagnostics.find((diagnostic) => /^Unknown member TrainingInputMod .*did you mean TrainingInputMode\?/.test(diagnostic.message));
    assert.ok(instanceType && member, diagnostics.map((diagnostic) => diagnostic.message).join('\n'));

    for (const [diagnostic, title] of [
      [instanceType, 'Change to ml.m5.xlarge'],
      [member, 'Change to TrainingInputMode'],
    ] as const) {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      const fix = actions.find((action) => action.title === title);
      assert.ok(fix?.edit, `no quick fix "${title}" among: ${actions.map((action) => action.title).join(', ')}`);
      assert.equal(fix.isPreferred, true);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
    }
    assert.equal(editor.document.getText(), validSpec);
    await waitFor(() => diagnosticsOf(uri).length === 0, { message: 'the problems gone after the fixes' });
  });
});
