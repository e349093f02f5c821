import * as vscode from 'vscode';
import { describeModel, modelArtifactUri } from '../../core/resources/models';
import { describeTrainingJob } from '../../core/resources/trainingJobs';
import { isResourceNode } from '../../views/tree/resourceNode';
import { defineCommand } from '../command';

/** Copies where a training job's (or a model's) model artifacts are in S3. */
export const copyModelArtifactUri = defineCommand(
  'sagemaker.copyModelArtifactUri',
  (node?: unknown) => (isResourceNode(node) ? `copy the model artifact location of ${node.resource.name}` : 'copy the model artifact location'),
  async (services, node?: unknown) => {
    if (!isResourceNode(node)) return;
    const { region, kind, name } = node.resource;
    const { clients } = services.session;
    let uri: string | undefined;
    if (kind === 'trainingJob') uri = (await describeTrainingJob(clients, region, name)).ModelArtifacts?.S3ModelArtifacts;
    else if (kind === 'model') uri = modelArtifactUri(await describeModel(clients, region, name));
    else return;
    if (!uri) {
      void vscode.window.showInformationMessage(`${name} has no model artifacts${kind === 'trainingJob' ? ' (yet)' : ''}.`);
      return;
    }
    await vscode.env.clipboard.writeText(uri);
    vscode.window.setStatusBarMessage(`Copied ${uri}`, 4000);
  },
);
