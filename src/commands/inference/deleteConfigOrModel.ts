import * as vscode from 'vscode';
import { isResourceNode } from '../../views/tree/resourceNode';
import { defineCommand, selectedNodes } from '../command';
import { deleteAll } from './deleteEndpoint';

type Kind = 'endpointConfig' | 'model';

function targetsOf(kind: Kind, node: unknown, nodes: unknown[] | undefined): Array<{ kind: Kind; region: string; name: string }> {
  return selectedNodes(node, nodes).flatMap((candidate) =>
    isResourceNode(candidate) && candidate.resource.kind === kind ? [{ kind, region: candidate.resource.region, name: candidate.resource.name }] : [],
  );
}

function defineDelete(kind: Kind, id: string, noun: string, consequence: string): ReturnType<typeof defineCommand> {
  return defineCommand(
    id,
    (node?: unknown) => (isResourceNode(node) ? `delete the ${noun} ${node.resource.name}` : `delete the ${noun}s`),
    async (services, node?: unknown, nodes?: unknown[]) => {
      const targets = targetsOf(kind, node, nodes);
      if (targets.length === 0) return;
      const question = targets.length === 1 ? `Delete the ${noun} ${targets[0]!.name}?` : `Delete these ${targets.length} ${noun}s?`;
      // One: the question names it, the consequence is all the detail says. Several: each is listed.
      const detail = targets.length === 1 ? consequence : `${targets.map((target) => `• ${noun} ${target.name}`).join('\n')}\n\n${consequence}`;
      const button = targets.length === 1 ? `Delete ${noun[0]!.toUpperCase()}${noun.slice(1)}` : 'Delete All';
      const answer = await vscode.window.showWarningMessage(question, { modal: true, detail }, button);
      if (answer !== button) return;
      await deleteAll(services, targets);
    },
  );
}

/** Deletes endpoint configs (endpoints already running from them keep running). */
export const deleteEndpointConfigs = defineDelete(
  'endpointConfig',
  'sagemaker.deleteEndpointConfig',
  'endpoint config',
  'Endpoints already running from it keep running, but can no longer be updated or scaled with it.',
);

/** Deletes models (endpoints already running them keep running). */
export const deleteModels = defineDelete(
  'model',
  'sagemaker.deleteModel',
  'model',
  'Endpoints already running it keep running; new endpoint configs and transform jobs can no longer use it. Its artifacts in S3 stay.',
);
